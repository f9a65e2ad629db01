"""Public directory URLs inside the language prefix (/de/, /fr/, /it/)."""

from django.urls import path  # noqa: F401

app_name = "directory"
urlpatterns = []
