"""The HSDS 3.0 API and exports, outside the language prefix: /api/hsds/..."""

from django.urls import path

from .api import api

urlpatterns = [
    path("", api.urls),
]
