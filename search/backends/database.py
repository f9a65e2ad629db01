"""Wagtail's database backend, indexing every object with its own language's rules.

On PostgreSQL each object's text goes through its locale's text search configuration
(entraide_german, _french, _italian: unaccent then the language's stemmer, made by this app's
migrations) with German compound parts added; objects without a locale use entraide_simple.
All database backends share one index table, so only `default` writes it (AUTO_UPDATE);
a backend with LANGUAGE (`database_de`, ...) asks in that language and has nothing to rebuild.
The `default` backend asks in every language at once (the admin's search).
On SQLite (make run) and other databases this is Wagtail's own database backend."""

import copy
import types
from collections import defaultdict
from functools import cache, reduce
from operator import or_

from django.db import connection
from modelsearch.backends.database import SearchBackend as vendor_search_backend

from .languages import language_of, languages_by_locale_id, with_compound_parts

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

        def as_vector(self, texts, for_autocomplete=False):
            if not for_autocomplete:
                texts = [(with_compound_parts(text, self.language), weight)
                         for text, weight in texts]
            return super().as_vector(texts, for_autocomplete)

    # Wagtail's PostgresIndex.add_items, the same function body looking up `ObjectIndexer`
    # in a namespace where it is ours (it has no hook for the indexer class).
    upstream = postgres.PostgresIndex.add_items
    add_items_with_our_indexer = types.FunctionType(
        upstream.__code__, {**vars(postgres), "ObjectIndexer": LanguageObjectIndexer},
        upstream.__name__, upstream.__defaults__, upstream.__closure__)

    class LanguagePostgresIndex(postgres.PostgresIndex):
        def add_items(self, model, objs):
            languages = languages_by_locale_id()
            by_language = defaultdict(list)
            for obj in objs:
                by_language[language_of(obj, languages)].append(obj)
            for language, group in by_language.items():
                in_language = copy.copy(self)
                in_language.backend = copy.copy(self.backend)
                in_language.backend.language = language
                in_language.backend.config = TEXT_SEARCH_CONFIGS.get(language, NEUTRAL_CONFIG)
                add_items_with_our_indexer(in_language, model, group)

    class AnyLanguageQueryCompiler(postgres.PostgresSearchQueryCompiler):
        def build_tsquery(self, query, config=None):
            if not isinstance(config, tuple):
                return super().build_tsquery(query, config=config)
            queries = [self.build_tsquery_content(query, config=one) for one in config]
            queries = [one for one in queries if one is not None]
            return reduce(or_, queries) if queries else None

    class LanguagePostgresSearchBackend(postgres.PostgresSearchBackend):
        index_class = LanguagePostgresIndex
        query_compiler_class = AnyLanguageQueryCompiler

        def __init__(self, params, language=None):
            super().__init__(params)
            self.language = language
            self.config = (TEXT_SEARCH_CONFIGS[language] if language
                           else (*TEXT_SEARCH_CONFIGS.values(), NEUTRAL_CONFIG))
            self.autocomplete_config = NEUTRAL_CONFIG

    return {"backend": LanguagePostgresSearchBackend}
