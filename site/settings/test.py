"""pytest: PostgreSQL, Elasticsearch and OpenSearch come from the environment that `make test`
sets up."""

import os

from .base import *  # noqa: F403
from .base import search_backends

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]

# Searches go to the database backend (PostgreSQL) so most tests need no Elasticsearch; the
# real Elasticsearch, when `make test` started one, is indexed too (elasticsearch_<lang>
# backends, auto-updated) and the search tests switch SEARCH_ENGINE to it. So does the real
# OpenSearch (opensearch_<lang>), indexed only in the tests that ask for it
# (tests/fixtures.py: `search_engine_backend`), to keep the other tests' saves fast.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
SEARCH_ENGINE = "database"
WAGTAILSEARCH_BACKENDS = search_backends(
    "elasticsearch" if ELASTICSEARCH_URL else "database", ELASTICSEARCH_URL,
    f"test_{os.getpid()}_",
)
if OPENSEARCH_URL:
    opensearch = search_backends("opensearch", OPENSEARCH_URL, f"test_{os.getpid()}_")
    for name, config in opensearch.items():
        WAGTAILSEARCH_BACKENDS.setdefault(name, {**config, "AUTO_UPDATE": False})

# Serve static files from the apps directly; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# No rate limits by default: a test may send hundreds of searches in a second. The limits'
# own tests (tests/test_rate_limits.py) set small ones. The login lockout stays on.
RATE_LIMITS = {}
