"""`manage.py update_index`: Wagtail's command (rebuild every backend, or `--backend NAME`),
with two changes that matter at 100,000 offers. A language's engine backend loads only its
own locale's objects (Wagtail's hands every object to every backend, which then drops two
thirds of them), and the objects are read in pages of primary keys rather than by OFFSET,
whose cost grows with every page."""

from modelsearch.backends import get_search_backend
from modelsearch.management.commands.rebuild_modelsearch_index import (
    DEFAULT_CHUNK_SIZE,
)
from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as WagtailUpdateIndex,
)


class Command(WagtailUpdateIndex):
    backend = None

    def update_backend(self, backend_name, schema_only=False, chunk_size=DEFAULT_CHUNK_SIZE):
        self.backend = get_search_backend(backend_name)
        super().update_backend(backend_name, schema_only=schema_only, chunk_size=chunk_size)

    def queryset_chunks(self, qs, chunk_size=DEFAULT_CHUNK_SIZE):
        """Lists of at most chunk_size objects, in primary key order (the queryset's)."""
        own_objects = getattr(self.backend, "own_objects", None)
        if own_objects is not None:
            qs = own_objects(qs)
        after = None
        while True:
            page = qs if after is None else qs.filter(pk__gt=after)
            items = list(page[:chunk_size])
            if not items:
                return
            yield items
            after = items[-1].pk
