from django.apps import AppConfig


class FulltextConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fulltext"
