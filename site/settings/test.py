"""pytest: PostgreSQL and Elasticsearch come from the environment that `make test` sets up."""

import os

from .base import *  # noqa: F403
from .base import search_backends

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]

# The database backend stays the default so most tests search PostgreSQL; the real
# Elasticsearch, when `make test` started one, is indexed too (AUTO_UPDATE) under its own name.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["elasticsearch"] = search_backends(
        ELASTICSEARCH_URL, f"test_{os.getpid()}_"
    )["default"]

# Serve static files from the apps directly; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
