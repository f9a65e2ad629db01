"""Keeping the search engine true while it is unreachable: a failed index update is recorded
(PendingIndexUpdate) and replayed when the engine answers again, from `manage.py
catch_up_search_index` (run periodically) and after a successful search (fulltext.engine)."""

import logging
import time

from django.contrib.contenttypes.models import ContentType
from modelsearch.backends import get_search_backends

from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)
CHECK_EVERY_SECONDS = 60
_last_check = {"at": float("-inf")}


def record_failed_update(language, obj, error):
    PendingIndexUpdate.objects.update_or_create(
        language=language,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        defaults={"last_error": str(error)[:1000]},
    )


def _engine_backends():
    """The auto-updated backends that keep their own copy of the index (one per language)."""
    return [backend for backend in get_search_backends(with_auto_update=True)
            if getattr(backend, "records_failed_updates", False)]


def _replay(pending, backends):
    model = pending.content_type.model_class()
    obj = model.get_indexed_objects().filter(pk=pending.object_id).first() if model else None
    for backend in backends:
        if backend.language != pending.language:
            continue
        if obj is None:
            if model is not None:
                backend.delete_document(model, pending.object_id)
        else:
            backend.get_index_for_object(obj).add_item(obj.get_indexed_instance() or obj)


def catch_up(limit=None):
    """Replays pending updates, oldest first; stops at the first failure (the engine is still
    away). Returns (replayed, still pending)."""
    backends = _engine_backends()
    replayed = 0
    queue = PendingIndexUpdate.objects.select_related("content_type").order_by("recorded_at")
    for pending in queue[:limit] if limit else queue:
        try:
            _replay(pending, backends)
        except Exception as error:  # the clients raise transport errors of several kinds
            PendingIndexUpdate.objects.filter(pk=pending.pk).update(
                attempts=pending.attempts + 1, last_error=str(error)[:1000])
            logger.warning("search catch-up stopped at %s: %s", pending, error)
            break
        pending.delete()
        replayed += 1
    return replayed, PendingIndexUpdate.objects.count()


def catch_up_now_and_then(limit=200):
    """Called after a search the engine answered: replays what is pending, at most once a
    minute per process, so a search costs nothing extra almost always."""
    now = time.monotonic()
    if now - _last_check["at"] < CHECK_EVERY_SECONDS:
        return
    _last_check["at"] = now
    if PendingIndexUpdate.objects.exists():
        catch_up(limit=limit)
