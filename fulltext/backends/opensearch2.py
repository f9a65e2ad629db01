"""Wagtail's OpenSearch 2 backend, one index per language (see elasticsearch8.py)."""

from modelsearch.backends.opensearch2 import (
    OpenSearch2Index,
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
    OpenSearch2SearchResults,
)

from .engine import OneLanguageBackend, OwnLanguageIndex
from .mapping import QuickMapping
from .results import PrimaryKeyResults


class LanguageOpenSearch2Mapping(QuickMapping, OpenSearch2Mapping):
    pass


class LanguageOpenSearch2Index(OwnLanguageIndex, OpenSearch2Index):
    pass


class LanguageOpenSearch2SearchResults(PrimaryKeyResults, OpenSearch2SearchResults):
    pass


class LanguageOpenSearch2SearchBackend(OneLanguageBackend, OpenSearch2SearchBackend):
    mapping_class = LanguageOpenSearch2Mapping
    index_class = LanguageOpenSearch2Index
    results_class = LanguageOpenSearch2SearchResults

    def multi_search(self, searches):
        """One multi-search request: [header, body, header, body, ...]."""
        return self.es.msearch(body=searches)

    def waiting(self, client, kwargs, seconds):
        return client, {**kwargs, "request_timeout": seconds}


SearchBackend = LanguageOpenSearch2SearchBackend
