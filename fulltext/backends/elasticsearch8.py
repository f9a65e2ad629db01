"""Wagtail's Elasticsearch 8 backend, one index per language (settings: LANGUAGE, INDEX_PREFIX,
INDEX_SETTINGS with that language's analysers)."""

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchResults,
)

from .engine import OneLanguageBackend, OwnLanguageIndex
from .mapping import QuickMapping
from .results import PrimaryKeyResults


class LanguageElasticsearch8Mapping(QuickMapping, Elasticsearch8Mapping):
    pass


class LanguageElasticsearch8Index(OwnLanguageIndex, Elasticsearch8Index):
    pass


class LanguageElasticsearch8SearchResults(PrimaryKeyResults, Elasticsearch8SearchResults):
    pass


class LanguageElasticsearch8SearchBackend(OneLanguageBackend, Elasticsearch8SearchBackend):
    mapping_class = LanguageElasticsearch8Mapping
    index_class = LanguageElasticsearch8Index
    results_class = LanguageElasticsearch8SearchResults

    def multi_search(self, searches):
        """One multi-search request: [header, body, header, body, ...]."""
        return self.es.msearch(searches=searches)

    def waiting(self, client, kwargs, seconds):
        return client.options(request_timeout=seconds), kwargs


SearchBackend = LanguageElasticsearch8SearchBackend
