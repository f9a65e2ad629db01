"""Wagtail's OpenSearch 2 backend, one index per language (see elasticsearch8.py)."""

from modelsearch.backends.opensearch2 import (
    OpenSearch2Index,
    OpenSearch2SearchBackend,
    OpenSearch2SearchResults,
)

from .engine import OneLanguageBackend, OwnLanguageIndex
from .results import PrimaryKeyResults


class LanguageOpenSearch2Index(OwnLanguageIndex, OpenSearch2Index):
    pass


class LanguageOpenSearch2SearchResults(PrimaryKeyResults, OpenSearch2SearchResults):
    pass


class LanguageOpenSearch2SearchBackend(OneLanguageBackend, OpenSearch2SearchBackend):
    index_class = LanguageOpenSearch2Index
    results_class = LanguageOpenSearch2SearchResults


SearchBackend = LanguageOpenSearch2SearchBackend
