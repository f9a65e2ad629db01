from django.urls import path

from . import views

urlpatterns = [path("", views.helplines, name="crisis_help")]
