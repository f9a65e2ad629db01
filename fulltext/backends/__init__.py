"""Search backends that index every object with its own language's rules.

Configured in settings (`search_backends()` in site/settings/base.py): `default` (the database
backend, every language), `database_<lang>` and, with a search engine, `<engine>_<lang>`.
Code that searches in one language asks `backend_for(locale)`."""

import functools
import json

from django.conf import settings
from wagtail.search.backends import get_search_backend

DATABASE = "database"


@functools.lru_cache(maxsize=16)
def _built(name, configuration):
    return get_search_backend(name)


def cached_backend(name):
    """The named backend, built once per configuration. Wagtail builds a new one on each call:
    for Elasticsearch or OpenSearch a new client, which opens a new connection for each search
    and costs about as much as the search itself."""
    configuration = settings.WAGTAILSEARCH_BACKENDS.get(name, {})
    return _built(name, json.dumps(configuration, sort_keys=True, default=str))


def backend_name_for(locale, engine=None):
    """The configured backend that answers in the locale's language on `engine` (the site's
    SEARCH_ENGINE unless given); `default` when there is none (e.g. an unknown language)."""
    engine = engine or getattr(settings, "SEARCH_ENGINE", DATABASE)
    name = f"{engine}_{locale.language_code}"
    return name if name in settings.WAGTAILSEARCH_BACKENDS else "default"


def backend_for(locale, engine=None):
    return cached_backend(backend_name_for(locale, engine))


def fallback_name_for(locale):
    """The database backend of the locale's language: what answers when the engine cannot."""
    return backend_name_for(locale, DATABASE)
