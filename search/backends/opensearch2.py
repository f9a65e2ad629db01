"""Wagtail's OpenSearch 2 backend, one index per language (see elasticsearch8.py)."""

from modelsearch.backends.opensearch2 import OpenSearch2Index, OpenSearch2SearchBackend

from .engine import OneLanguageBackend, OwnLanguageIndex


class LanguageOpenSearch2Index(OwnLanguageIndex, OpenSearch2Index):
    pass


class LanguageOpenSearch2SearchBackend(OneLanguageBackend, OpenSearch2SearchBackend):
    index_class = LanguageOpenSearch2Index

    def waiting(self, client, kwargs, seconds):
        return client, {**kwargs, "request_timeout": seconds}


SearchBackend = LanguageOpenSearch2SearchBackend
