"""What the Elasticsearch and OpenSearch backends of one language share: the index holds only
that locale's objects, and an update that cannot reach the engine is recorded for catch-up."""

from ..catch_up import record_failed_update
from .languages import language_of, languages_by_locale_id


class OwnLanguageIndex:
    """Mixed into the backend's index class: objects of other locales are left out, also by
    `update_index`, which hands every object to every backend."""

    def add_item(self, item):
        if language_of(item) == self.backend.language:
            super().add_item(item)

    def add_items(self, model, items):
        languages = languages_by_locale_id()
        own = [item for item in items if language_of(item, languages) == self.backend.language]
        if own:
            super().add_items(model, own)

    def delete_item(self, item):
        if language_of(item) == self.backend.language:
            super().delete_item(item)


class OneLanguageBackend:
    """Mixed into the backend: LANGUAGE names the locale it serves."""

    records_failed_updates = True

    def __init__(self, params):
        self.language = params.pop("LANGUAGE")
        super().__init__(params)

    def add(self, obj):
        try:
            super().add(obj)
        except Exception as error:  # unreachable, timed out, overloaded: catch up later
            self._record(obj, error)
            raise

    def add_bulk(self, model, obj_list):
        try:
            super().add_bulk(model, obj_list)
        except Exception as error:
            languages = languages_by_locale_id()
            for obj in obj_list:
                self._record(obj, error, languages)
            raise

    def delete(self, obj):
        try:
            super().delete(obj)
        except Exception as error:
            self._record(obj, error)
            raise

    def _record(self, obj, error, languages=None):
        if language_of(obj, languages) == self.language:
            record_failed_update(self.language, obj, error)

    def delete_document(self, model, pk):
        """Removes a deleted object's document (catch-up; the object itself is gone)."""
        index = self.get_index_for_model(model)
        super(OwnLanguageIndex, index).delete_item(model(pk=pk))
