"""Helpers for loading many pages at once (demo content, benchmark data, imports): index them
for search in bulk at the end instead of one query-heavy task per saved object."""

from contextlib import contextmanager

from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def search_indexing_deferred():
    """Saves inside the block do not update the search index; call index_objects() after.

    Deleting still updates the index (post_delete is left connected).
    """
    models = [model for model in search_index.get_indexed_models()
              if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def index_objects(model, pks, chunk_size=500):
    """Add the `model` objects with these primary keys to every auto-updated search backend."""
    pks = sorted(pks)
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(pks), chunk_size):
        chunk = list(model.get_indexed_objects().filter(pk__in=pks[start:start + chunk_size]))
        for backend in backends:
            backend.add_bulk(model, chunk)


@contextmanager
def bulk_loading():
    """Search index and reference index (the admin's "usage") are not updated while the block
    runs; pass what was created to index_created() afterwards."""
    with search_indexing_deferred(), disable_reference_index_auto_update():
        yield


def index_created(created):
    """created: {model: primary keys}. Indexes them for search and in the reference index."""
    for model, pks in created.items():
        index_objects(model, pks)
        for instance in model.objects.filter(pk__in=pks):
            ReferenceIndex.create_or_update_for_object(instance)


def publish_new_page(page):
    """Give a page that was just created live its first revision, as publishing would,
    without the publishing machinery (log entries, signals, workflow checks)."""
    revision = page.save_revision(clean=False)
    now = timezone.now()
    Page.objects.filter(pk=page.pk).update(
        live=True, live_revision=revision, has_unpublished_changes=False,
        first_published_at=now, last_published_at=now,
    )
    return revision
