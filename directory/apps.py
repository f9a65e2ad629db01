from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class DirectoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directory"

    def ready(self):
        from fulltext.understanding import forget_vocabulary, register_vocabulary

        from . import cards, signals
        from .models import Topic
        from .query import search_names, search_topics

        signals.connect()
        cards.connect()
        # the full text search corrects typos against the directory's words and widens
        # queries by its topics' synonyms; a new topic or synonym counts at once
        register_vocabulary(search_names, search_topics)
        post_save.connect(forget_vocabulary, sender=Topic, dispatch_uid="search-vocabulary-save")
        post_delete.connect(forget_vocabulary, sender=Topic,
                            dispatch_uid="search-vocabulary-delete")
