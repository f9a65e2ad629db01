"""pytest: PostgreSQL and Elasticsearch come from the environment that `make test` sets up."""

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
# backends, auto-updated) and the search tests switch SEARCH_ENGINE to it.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_ENGINE = "database"
WAGTAILSEARCH_BACKENDS = search_backends(
    "elasticsearch" if ELASTICSEARCH_URL else "database", ELASTICSEARCH_URL,
    f"test_{os.getpid()}_",
)

# Serve static files from the apps directly; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
