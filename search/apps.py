from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "site_search"  # `search` alone is close to Wagtail's own search apps
