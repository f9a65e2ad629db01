"""Public directory URLs inside the language prefix (/de/, /fr/, /it/)."""

from django.urls import path  # noqa: F401

from . import contact

app_name = "directory"
urlpatterns = []

urlpatterns += [
    path("contact/<int:page_id>/", contact.contact, name="contact"),
    path("contact/<int:page_id>/sent/", contact.contact_sent, name="contact_sent"),
]
