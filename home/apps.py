from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"

    def ready(self):
        from entraide import page_cache

        page_cache.connect()  # site/ is no app: the page cache's signals are wired here
