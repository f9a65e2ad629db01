"""`make run`: debug on, SQLite and database search unless the environment says otherwise."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-entraide")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Serve static files from the apps directly; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
