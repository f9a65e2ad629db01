"""Wagtail's database backend, indexing every object with its own language's rules.

On PostgreSQL each object's text goes through its locale's text search configuration
(entraide_german, _french, _italian: unaccent then the language's stemmer, made by this app's
migrations) with German compound parts added; objects without a locale use entraide_simple.
All database backends share one index table, so only `default` writes it (AUTO_UPDATE);
a backend with LANGUAGE (`database_de`, ...) asks in that language and has nothing to rebuild.
The `default` backend asks in every language at once (the admin's search).
On SQLite (make run) and other databases this is Wagtail's own database backend."""

import copy
from collections import defaultdict
from functools import cache, reduce
from operator import or_

from django.contrib.postgres.aggregates import StringAgg
from django.db import connection
from django.db.models import F
from django.utils.encoding import force_str
from modelsearch.backends.database import SearchBackend as vendor_search_backend
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import (
    balanced_reduce,
    get_content_type_pk,
    get_descendants_content_types_pks,
)

from .languages import language_of, languages_by_locale_id, with_compound_parts
from .results import pk_to_python

TEXT_SEARCH_CONFIGS = {"de": "entraide_german", "fr": "entraide_french", "it": "entraide_italian"}
NEUTRAL_CONFIG = "entraide_simple"


def SearchBackend(params):  # noqa: N802 (Wagtail looks up this name)
    language = params.pop("LANGUAGE", None)
    if connection.vendor == "postgresql":
        backend = _postgres_classes()["backend"](params, language)
    else:
        backend = vendor_search_backend(params)
        backend.language = language
    if language:
        backend.rebuilder_class = None  # the index table is the default backend's
    return backend


@cache
def _postgres_classes():
    from modelsearch.backends.database.postgres import postgres

    class LanguageObjectIndexer(postgres.ObjectIndexer):
        def __init__(self, obj, backend):
            super().__init__(obj, backend)
            self.language = backend.language

        def with_compound_parts(self, texts):
            return [(with_compound_parts(text, self.language), weight) for text, weight in texts]

    class LanguagePostgresIndex(postgres.PostgresIndex):
        def add_items(self, model, objs):
            """Wagtail's PostgresIndex.add_items builds ORM expressions for each text of each
            object (~10 ms an object); the same rows, written with plain SQL (tested in
            search/tests/test_index_sql.py against Wagtail's own)."""
            if not model.get_search_fields():
                return
            content_type_pk = get_content_type_pk(model)
            rows, params = [], []
            for group in self.by_language(objs):
                for obj in group:
                    indexer = LanguageObjectIndexer(obj, group.backend)
                    row_sql, row_params = index_entry_sql(indexer)
                    rows.append(f"(%s, %s, {row_sql})")
                    params += [content_type_pk, force_str(obj.pk), *row_params]
            if not rows:
                return
            with self.write_connection.cursor() as cursor:
                cursor.execute(INSERT_ENTRIES.format(
                    table=postgres.IndexEntry._meta.db_table, rows=", ".join(rows)), params)
            self._refresh_title_norms()

        def by_language(self, objs):
            """The objects by language; each group's `backend` is a copy of ours that indexes
            in that language."""
            languages = languages_by_locale_id()
            by_language = defaultdict(_Group)
            for obj in objs:
                by_language[language_of(obj, languages)].append(obj)
            for language, group in by_language.items():
                group.backend = copy.copy(self.backend)
                group.backend.language = language
                group.backend.config = TEXT_SEARCH_CONFIGS.get(language, NEUTRAL_CONFIG)
                yield group

    class AnyLanguageQueryCompiler(postgres.PostgresSearchQueryCompiler):
        def build_tsquery(self, query, config=None):
            if not isinstance(config, tuple):
                return super().build_tsquery(query, config=config)
            queries = [self.build_tsquery_content(query, config=one) for one in config]
            queries = [one for one in queries if one is not None]
            return reduce(or_, queries) if queries else None

    class IndexOnlyResults(postgres.PostgresSearchResults):
        def pks(self):
            """The primary keys of every hit, in no order, read from the index table alone
            when that gives the same hits as the queryset (an unranked, unsliced search of
            a whole model's text): joined to the model's table, PostgreSQL matches the
            index, then reads every row of the table to join them. Otherwise the
            queryset's keys. Keys of index entries whose object is gone may be among them:
            callers keep the keys they know (as with the search engines' pks())."""
            compiler = self.query_compiler
            if not _index_alone_answers(self, compiler):
                return list(self.get_queryset().values_list("pk", flat=True))
            model = compiler.queryset.model
            entries = postgres.IndexEntry._default_manager.filter(
                content_type_id__in=get_descendants_content_types_pks(model))
            text = F("title")._combine(F("body"), "||", False)  # the expression indexed
            search_query = compiler.build_tsquery(compiler.query,
                                                  config=compiler.get_config(self.backend))
            # one row of comma-separated keys: 10,000 rows cost more to fetch than to find
            found = entries.annotate(_vector_=text).filter(_vector_=search_query).aggregate(
                keys=StringAgg("object_id", ",", default=""))["keys"]
            return list(map(pk_to_python(model), found.split(","))) if found else []

    def _index_alone_answers(results, compiler):
        return (type(compiler) is AnyLanguageQueryCompiler and compiler.fields is None
                and not compiler.order_by_relevance and not results.start
                and results.stop is None and not compiler.queryset.query.where
                and not isinstance(compiler.query, (MatchAll, Fuzzy, Not)))

    class LanguagePostgresSearchBackend(postgres.PostgresSearchBackend):
        index_class = LanguagePostgresIndex
        query_compiler_class = AnyLanguageQueryCompiler
        results_class = IndexOnlyResults

        def __init__(self, params, language=None):
            super().__init__(params)
            self.language = language
            self.config = (TEXT_SEARCH_CONFIGS[language] if language
                           else (*TEXT_SEARCH_CONFIGS.values(), NEUTRAL_CONFIG))
            self.autocomplete_config = NEUTRAL_CONFIG

    return {"backend": LanguagePostgresSearchBackend, "indexer": LanguageObjectIndexer}


# What PostgresIndex.add_items writes, as SQL without ORM expressions.
INSERT_ENTRIES = """
    INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm,
                         title_text, body_text)
    VALUES {rows}
    ON CONFLICT (content_type_id, object_id)
    DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,
                  autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
                  title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
"""


class _Group(list):
    backend = None


def index_entry_sql(indexer):
    """(SQL, params) of the values after (content_type_id, object_id) of an object's index
    row as the indexer (a LanguageObjectIndexer) gives them to PostgresIndex.add_items: the
    title, autocomplete and body vectors, title_norm 1.0, the plain texts for fuzzy search.
    Each search field's value is read once (the indexer's properties read them all five times)."""
    from modelsearch.index import AutocompleteField, SearchField

    obj, title, body, autocomplete = indexer.obj, [], [], []
    for search_field in indexer.search_fields:
        for field, weight, value in indexer.prepare_field(obj, search_field):
            if isinstance(field, SearchField):
                (title if field.field_name == "title" else body).append((value, weight))
            elif isinstance(field, AutocompleteField):
                autocomplete.append((value, weight))
    vectors = [
        vector_sql(indexer.with_compound_parts(title), indexer.config),
        vector_sql(autocomplete, indexer.autocomplete_config),
        vector_sql(indexer.with_compound_parts(body), indexer.config),
    ]
    sql = f"{vectors[0][0]}, {vectors[1][0]}, {vectors[2][0]}, 1.0, %s, %s"
    return sql, [*vectors[0][1], *vectors[1][1], *vectors[2][1],
                 plain_text(title), plain_text(body)]


def vector_sql(texts, config):
    """ObjectIndexer.as_vector as SQL: setweight(to_tsvector(...)) of each non-blank text,
    joined by || in the same balanced order (tsvector positions depend on it)."""
    texts = [(text.strip(), weight) for text, weight in texts]
    texts = [(text, weight) for text, weight in texts if text]
    if not texts:
        return "''::tsvector", []
    parts = [("setweight(to_tsvector(%s::regconfig, %s::text), %s)", [config, text, weight])
             for text, weight in texts]
    return balanced_reduce(
        lambda left, right: (f"({left[0]} || {right[0]})", left[1] + right[1]), parts)


def plain_text(texts):
    return " ".join(text.strip() for text, _weight in texts if text.strip())
