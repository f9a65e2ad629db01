"""Fixtures shared by every app's tests.

`make test` starts PostgreSQL, Elasticsearch and OpenSearch and passes their URLs in
DATABASE_URL, ELASTICSEARCH_URL and OPENSEARCH_URL. With CI=true a missing service fails the
run instead of skipping tests.
"""

import os
import urllib.request

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SEARCH_ENGINE_URLS = {"elasticsearch": "ELASTICSEARCH_URL", "opensearch": "OPENSEARCH_URL"}


def _service_missing(message):
    if IN_CI:
        pytest.fail(f"{message} (CI=true: a missing service is a failure)", pytrace=False)
    pytest.skip(message)


def _search_engine_info(url):
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
    for engine, variable in SEARCH_ENGINE_URLS.items():
        url = os.environ.get(variable)
        if url:
            info = _search_engine_info(url)
            lines.append(
                f"search engine: {info['version'].get('distribution', 'elasticsearch')} "
                f"{info['version']['number']} (Lucene {info['version']['lucene_version']}) "
                f"at {url}"
            )
        else:
            lines.append(f"search engine: no {engine} (no {variable})")
    return lines


def pytest_configure(config):
    if IN_CI and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise pytest.UsageError(
            "CI=true but DATABASE_URL is not a PostgreSQL URL: run the suite with `make test`."
        )


def index_only_on(engine, settings):
    """Saves reach this engine's backends (besides the database) and no other engine's, for
    the rest of the test: an engine that is not tested costs each save a request."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**config, "AUTO_UPDATE": name.startswith(f"{engine}_")}
        if name.split("_")[0] in SEARCH_ENGINE_URLS else config
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }


def engine_backend(engine, settings):
    """The German backend on the real engine that `make test` started (the settings have one
    per language: <engine>_de, _fr, _it), updated on every save for the rest of the test."""
    from wagtail.search.backends import get_search_backend

    variable = SEARCH_ENGINE_URLS[engine]
    if f"{engine}_de" not in settings.WAGTAILSEARCH_BACKENDS:
        _service_missing(f"{variable} is not set")
    try:
        _search_engine_info(os.environ[variable])
    except OSError as error:
        _service_missing(f"{engine} is unreachable: {error}")
    index_only_on(engine, settings)
    return get_search_backend(f"{engine}_de")


@pytest.fixture(params=list(SEARCH_ENGINE_URLS))
def search_engine(request):
    """Each search engine in turn: the test runs on Elasticsearch, then on OpenSearch."""
    return request.param


@pytest.fixture
def search_engine_backend(search_engine, settings):
    return engine_backend(search_engine, settings)


@pytest.fixture
def elasticsearch_backend(settings):
    return engine_backend("elasticsearch", settings)


@pytest.fixture
def locales(db):
    from home.translation import ensure_locales

    return ensure_locales(["de", "fr", "it"])


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths, the directory its offers' facts: a rolled-back test
    must not leave them behind."""
    from django.core.cache import cache

    from directory.cards import forget_cards
    from directory.facts import forget_all

    cache.clear()
    forget_all()
    forget_cards()
    yield
    cache.clear()
    forget_all()
    forget_cards()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """Django's LocaleMiddleware leaves the language of the last page asked for active in the
    thread: a test that opens a French page must not make the next one French."""
    from django.utils import translation

    yield
    translation.deactivate()


def use_redis(settings, url):
    """The production settings' caches on the Redis at `url` for the rest of the test:
    default cache, rate limits and sessions (cached_db), each Redis database emptied first."""
    from django.core.cache import caches
    from entraide.settings.base import redis_caches

    settings.CACHES = redis_caches(url)
    settings.RATE_LIMIT_CACHE = "ratelimits"
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "sessions"
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def redis_url():
    """The Redis that `make test` started (REDIS_URL), answering."""
    from .services.redis import ping

    url = os.environ.get("REDIS_URL", "")
    if not url:
        _service_missing("REDIS_URL is not set")
    if not ping(url):
        _service_missing(f"Redis is unreachable at {url}")
    return url


@pytest.fixture
def redis_settings(redis_url, settings):
    use_redis(settings, redis_url)
    yield settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
