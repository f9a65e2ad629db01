"""Fixtures shared by every app's tests.

`make test` starts PostgreSQL and Elasticsearch and passes their URLs in DATABASE_URL and
ELASTICSEARCH_URL. With CI=true a missing service fails the run instead of skipping tests.
"""

import os
import urllib.request

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _service_missing(message):
    if IN_CI:
        pytest.fail(f"{message} (CI=true: a missing service is a failure)", pytrace=False)
    pytest.skip(message)


def _elasticsearch_info(url):
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local test server)
        import json

        return json.load(response)


def pytest_report_header(config):
    lines = []
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres"):
        import psycopg

        with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
            lines.append(f"database: {conn.execute('SELECT version()').fetchone()[0]}")
    else:
        lines.append("database: SQLite (no DATABASE_URL)")
    es_url = os.environ.get("ELASTICSEARCH_URL")
    if es_url:
        info = _elasticsearch_info(es_url)
        lines.append(
            f"search engine: {info['version'].get('distribution', 'elasticsearch')} "
            f"{info['version']['number']} (Lucene {info['version']['lucene_version']}) at {es_url}"
        )
    else:
        lines.append("search engine: none (no ELASTICSEARCH_URL)")
    return lines


def pytest_configure(config):
    if IN_CI and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise pytest.UsageError(
            "CI=true but DATABASE_URL is not a PostgreSQL URL: run the suite with `make test`."
        )


@pytest.fixture
def elasticsearch_backend():
    """The German search backend on the real Elasticsearch that `make test` started (the
    settings have one per language: elasticsearch_de, _fr, _it)."""
    from django.conf import settings
    from wagtail.search.backends import get_search_backend

    if "elasticsearch_de" not in settings.WAGTAILSEARCH_BACKENDS:
        _service_missing("ELASTICSEARCH_URL is not set")
    try:
        _elasticsearch_info(os.environ["ELASTICSEARCH_URL"])
    except OSError as error:
        _service_missing(f"Elasticsearch is unreachable: {error}")
    return get_search_backend("elasticsearch_de")


@pytest.fixture
def locales(db):
    from home.translation import ensure_locales

    return ensure_locales(["de", "fr", "it"])


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths, the directory its offers' facts: a rolled-back test
    must not leave them behind."""
    from django.core.cache import cache

    from directory.facts import forget_all

    cache.clear()
    forget_all()
    yield
    cache.clear()
    forget_all()
