from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "site_search"  # `search` alone is close to Wagtail's own search apps

    def ready(self):
        from taxonomy.models import Topic

        from .understanding import forget_vocabulary

        # a new topic or synonym is understood at once, not after the cache expires
        post_save.connect(forget_vocabulary, sender=Topic, dispatch_uid="search-vocabulary-save")
        post_delete.connect(forget_vocabulary, sender=Topic,
                            dispatch_uid="search-vocabulary-delete")
