"""Search results of Elasticsearch and OpenSearch that can give the primary keys of the hits
alone.

Wagtail's results load a model instance per hit, and past 100 hits they page through the
scroll API 100 hits at a time, each page with its own database query: 1,000 hits cost ten
round trips to the engine and ten to the database. `pks()` asks for the `pk` of the hits in
one request (or pages of 5,000 beyond the engine's result window) and loads nothing from the
database. It reads `pk` from the column store (doc values), not from the stored fields: for
1,000 hits among 100,000 offers the engine takes 5-10 ms instead of 30-80 ms. The engine
applies the queryset's filters; callers narrow the keys to what the database holds (stale
documents) themselves.

`pks_of_many()` asks for the keys of several searches in one multi-search request: the site
search asks for offers, pages and materials, each for every wording of the query, and each
request of its own cost a round trip and the client's work around it."""

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.db import models

RESULT_WINDOW = 10_000  # Elasticsearch's and OpenSearch's default index.max_result_window
SCROLL_PAGE = 5_000
# Requests to the search engine wait for its answer here while the request's own thread reads
# the database meanwhile. They only talk to the engine, and its client's timeout ends them.
_engine_requests = ThreadPoolExecutor(max_workers=4, thread_name_prefix="search-engine")


class PrimaryKeyResults:
    """Mixed into the backend's results class."""

    def pks(self):
        """The primary keys of the hits in this slice, best first."""
        limit = None if self.stop is None else self.stop - self.start
        if limit == 0:
            return []
        if self._in_one_window():
            hits = self._pk_search(from_=self.start, size=limit,
                                   track_total_hits=False)["hits"]["hits"]
            return self._pks_from_hits(hits)
        to_python = pk_to_python(self.query_compiler.queryset.model)
        return [to_python(pk) for pk in self._scrolled_pks(limit)]

    def _pk_search(self, track_total_hits=None, **params):
        body = self._get_es_body()
        if track_total_hits is not None:  # not allowed with the scroll API
            body["track_total_hits"] = track_total_hits
        return self._backend_do_search(body, index=self._index_name(), _source=False,
                                       stored_fields="_none_", docvalue_fields=["pk"], **params)

    def _index_name(self):
        return self.backend.get_index_for_model(self.query_compiler.queryset.model).name

    def _in_one_window(self):
        """Whether the slice is bounded and within the engine's result window (no scrolling)."""
        return self.stop is not None and self.stop <= RESULT_WINDOW

    def _pk_search_pair(self):
        """The (header, body) of this slice's keys in a multi-search request."""
        body = {**self._get_es_body(), "from": self.start, "size": self.stop - self.start,
                "track_total_hits": False, "_source": False, "stored_fields": "_none_",
                "docvalue_fields": ["pk"]}
        return {"index": self._index_name()}, body

    def _pks_from_hits(self, hits):
        to_python = pk_to_python(self.query_compiler.queryset.model)
        return [to_python(hit["fields"]["pk"][0]) for hit in hits]

    def _scrolled_pks(self, limit):
        page = self._pk_search(scroll="1m", size=SCROLL_PAGE)
        skip, found = self.start, []
        try:
            while page["hits"]["hits"] and (limit is None or len(found) < limit):
                hits = page["hits"]["hits"]
                found += [hit["fields"]["pk"][0] for hit in hits[skip:]]
                skip = max(skip - len(hits), 0)
                page = self.backend.es.scroll(scroll_id=page["_scroll_id"], scroll="1m")
        finally:
            if "_scroll_id" in page:
                self.backend.es.clear_scroll(scroll_id=page["_scroll_id"])
        return found if limit is None else found[:limit]


class MultiSearchError(Exception):
    """One search of a multi-search request failed (the engine answers the others)."""


def pks_of_many(backend, results):
    """The primary keys of each of the backend's result slices, best first: the slices within
    the result window in one multi-search request (`backend.multi_search`), the others by
    themselves."""
    return prepared_pks(backend, results)()


def pks_later(backend, results):
    """Sends pks_of_many's request from another thread and gives a function that waits for
    the keys (raising what the request raised), at most the backend's timeout. A database
    backend (no multi-search) answers at once, in this thread: it uses the database."""
    if not hasattr(backend, "multi_search"):
        found = [result_ids(result) for result in results]
        return lambda: found
    request = _engine_requests.submit(prepared_pks(backend, results))

    def keys():
        try:
            return request.result(timeout=backend.timeout)
        except FutureTimeout:
            request.cancel()  # if it was not sent yet, it never is
            raise
    return keys


def prepared_pks(backend, results):
    """A function that asks for the keys of pks_of_many. The requests are built here, so the
    function only talks to the engine and may run in another thread (which must not use the
    database: Django's connections belong to their thread)."""
    together = [number for number, result in enumerate(results) if result.stop != result.start
                and result._in_one_window()]
    searches = [part for number in together for part in results[number]._pk_search_pair()]

    def fetch():
        keys = [None] * len(results)
        if searches:
            answers = backend.multi_search(searches)["responses"]
            for number, answer in zip(together, answers, strict=True):
                if "error" in answer:
                    raise MultiSearchError(f"{answer.get('status')}: {answer['error']}")
                keys[number] = results[number]._pks_from_hits(answer["hits"]["hits"])
        return [found if found is not None else result.pks()
                for found, result in zip(keys, results, strict=True)]

    return fetch


def pk_to_python(model):
    """The engine gives keys as strings: int() for integer keys (a page's key is a link to
    its Page), else the key field's own conversion."""
    pk = model._meta.pk
    field = getattr(pk, "target_field", pk)
    return int if isinstance(field, models.IntegerField) else pk.to_python


def result_ids(results):
    """The primary keys of search results, in their order. The search engines' results and
    PostgreSQL's (fulltext.backends) can ask for the keys alone, the other database backends
    build a queryset: making 2,000 page objects costs far more than the search itself."""
    pks = getattr(results, "pks", None)
    if pks is not None:
        return pks()
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return list(get_queryset().values_list("pk", flat=True))
    return [result.pk for result in results]
