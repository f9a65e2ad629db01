"""What the Elasticsearch and OpenSearch backends of one language share: the index holds only
that locale's objects, an update that cannot reach the engine is recorded for catch-up, and a
rebuild fills its new index without refreshes or replicas."""

import copy
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from django.core.exceptions import FieldDoesNotExist
from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder

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


class BackgroundBulk:
    """Sends bulk requests from threads, `at_once` of them at a time, so that the next
    documents are read and built while the engine indexes the last ones (with one indexing
    thread per core). A failed request fails a later call."""

    def __init__(self, send, at_once=2):
        self.send = send
        self.at_once = at_once
        self.pool = ThreadPoolExecutor(max_workers=at_once, thread_name_prefix="index-bulk")
        self.pending = deque()

    def __call__(self, *args, **kwargs):
        while len(self.pending) >= self.at_once:
            self.pending.popleft().result()
        self.pending.append(self.pool.submit(self.send, *args, **kwargs))

    def close(self):
        try:
            while self.pending:
                self.pending.popleft().result()
        finally:
            self.pool.shutdown(cancel_futures=True)


class FillingRebuilder(ElasticsearchAtomicIndexRebuilder):
    """Wagtail's atomic rebuild (a new index is filled, then the alias is moved to it, so
    searches never see an empty index) with the new index set up for bulk loading while it
    is filled: no periodic refresh, no replicas, no disk sync per request, bulk requests sent
    in the background with a patient timeout. Its configured settings come back before the
    alias moves (an index that is lost while filling is simply rebuilt again)."""

    FILLING = {"refresh_interval": "-1", "number_of_replicas": 0, "translog.durability": "async"}
    BULK_TIMEOUT = 120  # seconds: a busy node takes longer for 500 documents than for a search
    BULKS_AT_ONCE = 2

    def __init__(self, index):
        super().__init__(index)
        backend = copy.copy(self.index.backend)
        backend.bulk_timeout = self.BULK_TIMEOUT
        self.sender = backend.bulk = BackgroundBulk(backend.bulk, self.BULKS_AT_ONCE)
        self.index.backend = backend

    def start(self):
        index = super().start()
        self._put_index_settings(self.FILLING)
        return index

    def finish(self):
        self.sender.close()
        configured = self.index.backend.settings.get("settings", {}).get("index", {})
        self._put_index_settings({name: configured.get(name) for name in self.FILLING})
        super().finish()

    def _put_index_settings(self, index_settings):
        """None resets a setting to the engine's default."""
        self.index.es.indices.put_settings(index=self.index.name, body={"index": index_settings})


class OneLanguageBackend:
    """Mixed into the backend: LANGUAGE names the locale it serves."""

    records_failed_updates = True
    atomic_rebuilder_class = FillingRebuilder
    bulk_timeout = None  # seconds a bulk request may take; the client's TIMEOUT when None

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

    def bulk(self, client, actions, **kwargs):
        if self.bulk_timeout:
            client, kwargs = self.waiting(client, kwargs, self.bulk_timeout)
        return super().bulk(client, actions, **kwargs)

    def waiting(self, client, kwargs, seconds):
        """The client and request arguments for a request that may take `seconds`."""
        raise NotImplementedError

    def own_objects(self, queryset):
        """The queryset's objects this backend indexes: those of its locale (update_index)."""
        try:
            queryset.model._meta.get_field("locale")
        except FieldDoesNotExist:
            return queryset.none()  # not translatable: no language's index holds it
        locale_ids = [pk for pk, code in languages_by_locale_id().items() if code == self.language]
        return queryset.filter(locale_id__in=locale_ids)

    def _record(self, obj, error, languages=None):
        if language_of(obj, languages) == self.language:
            record_failed_update(self.language, obj, error)

    def delete_document(self, model, pk):
        """Removes a deleted object's document (catch-up; the object itself is gone)."""
        index = self.get_index_for_model(model)
        super(OwnLanguageIndex, index).delete_item(model(pk=pk))
