"""Helpers for loading many pages at once (demo content, benchmark data, imports): index them
for search in bulk at the end instead of one query-heavy task per saved object."""

from contextlib import contextmanager

from django.apps import apps
from django.db import connection, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from .facts import record_changes


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
    for _chunk, _objects in _indexed_in_chunks(model, pks, chunk_size):
        pass


def _indexed_in_chunks(model, pks, chunk_size):
    """Yields (primary keys, objects loaded for indexing, their child objects prefetched) of
    each chunk once it is in every auto-updated search backend."""
    pks = sorted(pks)
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(pks), chunk_size):
        chunk = pks[start:start + chunk_size]
        objects = list(_with_child_objects(model, model.get_indexed_objects().filter(pk__in=chunk)))
        for backend in backends:
            backend.add_bulk(model, objects)
        yield chunk, objects


def _with_child_objects(model, queryset):
    from modelcluster.models import get_all_child_relations

    return queryset.prefetch_related(
        *(relation.get_accessor_name() for relation in get_all_child_relations(model)))


@contextmanager
def bulk_loading():
    """Search index and reference index (the admin's "usage") are not updated while the block
    runs; pass what was created to index_created() afterwards."""
    with search_indexing_deferred(), disable_reference_index_auto_update():
        yield


def index_created(created, chunk_size=500):
    """created: {model: primary keys}. Indexes them for search and in the reference index."""
    for model, pks in created.items():
        for chunk, objects in _indexed_in_chunks(model, pks, chunk_size):
            # get_indexed_objects() may leave some out; they have references all the same
            not_indexed = set(chunk) - {obj.pk for obj in objects}
            if not_indexed:
                objects += _with_child_objects(model, model.objects.filter(pk__in=not_indexed))
            add_references_of_new_objects(objects)


def add_references_of_new_objects(instances):
    """The reference index rows (the admin's "usage") of objects that have none yet, in one
    insert: what ReferenceIndex.create_or_update_for_object writes, without its lookup of
    existing rows for each object."""
    from django.contrib.contenttypes.models import ContentType

    rows, content_types_of = [], {}
    for instance in instances:
        model = type(instance)
        if model not in content_types_of:
            content_types_of[model] = [
                ContentType.objects.get_for_model(one, for_concrete_model=False)
                for one in [model, *model._meta.get_parent_list()]]
        content_types = content_types_of[model]
        references = set(ReferenceIndex._extract_references_from_object(instance))
        rows += [
            ReferenceIndex(
                content_type=content_types[0], base_content_type=content_types[-1],
                object_id=instance.pk, to_content_type_id=to_content_type_id,
                to_object_id=to_object_id, model_path=model_path, content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path))
            for to_content_type_id, to_object_id, model_path, content_path in references
        ]
    ReferenceIndex.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def publish_new_page(page):
    """Give a page that was just created live its first revision, as publishing would,
    without the publishing machinery (log entries, signals, workflow checks)."""
    revision = page.save_revision(clean=False)
    now = timezone.now()
    Page.objects.filter(pk=page.pk).update(
        live=True, live_revision=revision, has_unpublished_changes=False,
        first_published_at=now, last_published_at=now,
    )
    record_changes([page.pk])
    return revision


def _insert_local_rows(model, objects):
    """INSERT the columns `model` itself declares (multi-table inheritance: one table per
    class); QuerySet.bulk_create refuses models with parents."""
    from django.db import connection
    from django.db.models.sql import InsertQuery

    query = InsertQuery(model)
    query.insert_values(model._meta.local_concrete_fields, objects)
    query.get_compiler(connection=connection).execute_sql()


def _place_below(parent, pages, taken_slugs):
    """Slug, treebeard path, depth and url path of new children of `parent`, after its last
    child, as Page.add_child would give them one by one."""
    last = Page.objects.child_of(parent).order_by("-path").values_list("path", flat=True).first()
    step = Page._str2int(last[-Page.steplen:]) if last else 0
    for page in pages:
        slug, number = page.slug, 1
        while page.slug in taken_slugs:
            number += 1
            page.slug = f"{slug}-{number}"
        taken_slugs.add(page.slug)
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title


def add_children_in_bulk(children, user=None, publish=True):
    """Create new pages below existing parents in a few queries per batch instead of a few
    dozen per page: `children` is a list of (parent, unsaved page). Each page gets its first
    revision (and is published, when `publish`), with the same log entries the admin would
    write. Search and reference indexes are not touched: call index_created() afterwards.
    Returns the pages, saved."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import PageLogEntry, Revision

    by_parent = {}
    for parent, page in children:
        by_parent.setdefault(parent.pk, (parent, []))[1].append(page)
    pages = []
    for parent, own in by_parent.values():
        taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))
        _place_below(parent, own, taken)
        Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + len(own))
        pages += own
    now = timezone.now()
    page_columns = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]
    for page in pages:
        page.content_type = ContentType.objects.get_for_model(page)
        page.live = publish
        page.has_unpublished_changes = not publish
        page.latest_revision_created_at = now
        if publish:
            page.first_published_at = page.last_published_at = now
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in page_columns}) for page in pages])
    for page, row in zip(pages, rows, strict=True):
        page.pk = row.pk
        for model in [type(page), *page._meta.get_parent_list()]:
            for link in model._meta.parents.values():
                setattr(page, link.attname, row.pk)
        page._state.adding = False
        _without_child_objects(page)
    for model in _concrete_models_below_page(pages):
        _insert_local_rows(model, [page for page in pages if isinstance(page, model)])
    _insert_parental_relations(pages)
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create([
        Revision(content_type=page.content_type, base_content_type=page_type,
                 object_id=str(page.pk), created_at=now, user=user, object_str=page.title,
                 content=page.serializable_data())
        for page in pages])
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if publish else None
    # the pages' only revision, found by the database (bulk_update's CASE per page is slow)
    only_revision = Subquery(Revision.objects.filter(
        base_content_type=page_type, object_id=Cast(OuterRef("pk"), models.CharField()),
    ).values("pk")[:1])
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        latest_revision=only_revision, **({"live_revision": only_revision} if publish else {}))
    actions = ["wagtail.create", "wagtail.publish"] if publish else ["wagtail.create"]
    PageLogEntry.objects.bulk_create([
        PageLogEntry(content_type=page.content_type, page_id=page.pk, label=page.title,
                     action=action, data={}, timestamp=now, user=user, revision=revision,
                     content_changed=True)
        for page, revision in zip(pages, revisions, strict=True) for action in actions])
    if publish:
        record_changes([page.pk for page in pages])
    return pages


def _without_child_objects(page):
    """A new page has no child objects (comments) in the database: say so in memory, or
    serialising it for its revision asks the database once per relation."""
    from modelcluster.models import get_all_child_relations

    in_memory = getattr(page, "_cluster_related_objects", {})
    for relation in get_all_child_relations(page):
        if relation.get_accessor_name() not in in_memory:
            setattr(page, relation.get_accessor_name(), [])


def _concrete_models_below_page(pages):
    """Every table between Page and the pages' own classes, parents first."""
    found = []
    for page in pages:
        for model in [*reversed(page._meta.get_parent_list()), type(page)]:
            if model is not Page and not model._meta.proxy and model not in found:
                found.append(model)
    return sorted(found, key=lambda model: len(model._meta.get_parent_list()))


def _insert_parental_relations(pages):
    """Rows of the many-to-many relations set in memory (ParentalManyToManyField)."""
    from modelcluster.fields import ParentalManyToManyField

    rows = {}
    for page in pages:
        for field in page._meta.get_fields():
            if not isinstance(field, ParentalManyToManyField):
                continue
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows.setdefault(through, []).extend(
                through(**{f"{source}_id": page.pk, f"{target}_id": related.pk})
                for related in getattr(page, field.name).all())
    for through, objects in rows.items():
        through.objects.bulk_create(objects)


def _tables_of(model):
    """A model's own table, its parents' (multi-table pages) and its many-to-many tables."""
    for concrete in (model, *model._meta.get_parent_list()):
        if concrete._meta.concrete_model is concrete:
            yield concrete._meta.db_table
        for field in concrete._meta.local_many_to_many:
            yield field.remote_field.through._meta.db_table


def offers_written_in_bulk():
    """What writing offers in bulk fills: the offer pages, their revisions, search index,
    references and the directory's change log."""
    from .models import DirectoryChange, OnlineOfferPage, SelfHelpGroupPage

    return [SelfHelpGroupPage, OnlineOfferPage, apps.get_model("wagtailcore", "Revision"),
            apps.get_model("wagtailsearch", "IndexEntry"), ReferenceIndex, DirectoryChange]


def refresh_planner_statistics(models=None):
    """ANALYZE, on PostgreSQL, the tables of `models` (all tables when None) after a bulk
    write; nothing elsewhere. Until autovacuum gets there, the planner believes freshly filled
    tables as small as before and picks plans that make the first requests after an import
    several times slower (issue 17: directory p95 58-60 ms before, 42 ms after)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if models is None:
            cursor.execute("ANALYZE")
            return
        tables = dict.fromkeys(table for model in models for table in _tables_of(model))
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
