"""Settings shared by every environment; each value that differs per machine comes
from the environment (DATABASE_URL, ELASTICSEARCH_URL, SECRET_KEY, ALLOWED_HOSTS, ...)."""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/
BASE_DIR = PROJECT_DIR.parent  # repository root


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


RATE_UNITS = {"s": 1, "min": 60, "h": 60 * 60, "d": 24 * 60 * 60}


def env_rate(name, default):
    """A rate limit from the environment: "60/min", "5/h" or "30/10min" ->
    (requests, seconds); "off" -> None (no limit)."""
    text = os.environ.get(name, default).strip().lower()
    if text == "off":
        return None
    match = re.fullmatch(r"(\d+)\s*/\s*(\d*)\s*(s|min|h|d)", text)
    if not match:
        raise ValueError(f"{name} must look like 60/min, 5/h or 30/10min, not {text!r}")
    requests, multiple, unit = match.groups()
    return int(requests), int(multiple or 1) * RATE_UNITS[unit]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "directory",
    "directory.widgets",  # partner sites embed a filtered directory
    "campaigns",
    "fulltext",  # full text search shared by every app (engine, backends, cleaning)
    "search",
    "pagecache",  # tells nginx's page cache what a published change touched
    "taxonomy",  # topics, cantons, languages, localities: shared by directory and campaigns
    "crisis",  # helplines and crisis words, shown wherever a query calls for them
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "ratelimits",  # client address, rate limits and 429 answers for every app
    "axes",  # locks a user name out from an address after repeated wrong passwords
    "django_tasks_db",  # the task queue's table (production's background work)
    "background",  # requeue_stalled_tasks: a killed worker's task runs again
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "django_filters",
    "ninja",  # serves its API docs assets itself (no CDN)
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtailmedia",  # audio and video of the campaign materials
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "entraide.middleware.PermissionsPolicyMiddleware",
    "entraide.middleware.ContentSecurityPolicyMiddleware",
    "entraide.middleware.ApiErrorsAsJson",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "entraide.compression.PublicPageGZipMiddleware",  # see site/compression.py (BREACH)
    "entraide.page_cache.CacheControlMiddleware",  # what shared caches keep: site/page_cache.py
    "django.contrib.sessions.middleware.SessionMiddleware",
    "entraide.middleware.LocaleMiddlewareOutsideApi",
    "ratelimits.middleware.RateLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "entraide.upstream.AdminInTheEditorsLanguageMiddleware",  # see its docstring
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into its 429 page
]

ROOT_URLCONF = "entraide.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "libraries": {"security_headers": "entraide.templatetags.security_headers"},
        },
    },
]

WSGI_APPLICATION = "entraide.wsgi.application"

# No DATABASE_URL: an SQLite file in the project folder (what `make run` uses).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes asks first whether the user name is locked out from this address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: German is the default; every public URL carries its locale.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("fr", "Français"), ("it", "Italiano")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [*LANGUAGES, ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Zurich"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Entraide"
# Private pages ask for a login or a password inside the site's own layout, translated.
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "private/login.html"
# a login without `next` (the form sends its language's home): the site, not /accounts/profile/
LOGIN_REDIRECT_URL = "/"
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "private/password_required.html"
# No Gravatar: the admin would send each editor's e-mail hash to a third party (and the admin's
# Content-Security-Policy loads images from the site only). Editors may upload an avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Every /documents/ download goes through Wagtail's view, where collection privacy and the
# campaign library's rule (campaigns/wagtail_hooks.py) apply; never a redirect to the file.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "vtt", "xlsx", "zip",
]
# Campaign materials: every upload is checked (type sniffed from its content, size, SVG
# sanitised, stored under a random name) by the campaigns app's form bases.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "campaigns.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "campaigns.uploads.SafeDocumentForm"
WAGTAILMEDIA = {
    "MEDIA_FORM_BASE": "campaigns.uploads.SafeMediaForm",
    "AUDIO_EXTENSIONS": ["m4a", "mp3", "oga", "ogg", "opus", "wav"],
    "VIDEO_EXTENSIONS": ["m4v", "mp4", "ogv", "webm"],
}


# Search answers in the visitor's language: every page belongs to one locale and is indexed
# with its language's rules (stemming, elision, accent folding, German compound parts).
# On PostgreSQL the database backend uses text search configurations made by search/'s
# migrations; Elasticsearch and OpenSearch get one index per language with these analysers.
# fulltext.backends.backend_for(locale) picks the backend; see README "Search".
SEARCH_LANGUAGES = {"de": "german", "fr": "french", "it": "italian"}
SEARCH_WORDS_DIR = PROJECT_DIR / "search_words"
ELISION_ARTICLES = {
    "fr": ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
    "it": ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl",
           "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"],
}


def compound_parts(language_code):
    """Word parts found inside longer words ("krebs" in "Brustkrebs"), from search_words/."""
    path = SEARCH_WORDS_DIR / f"{language_code}_compound_parts.txt"
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def language_index_settings(language_code):
    """Analysers of one language's Elasticsearch/OpenSearch index. Text fields use the index's
    `default` analyser; queries use `default_search` (no compound splitting: "Brustkrebs" asks
    for the whole word, "Krebs" finds its parts)."""
    filters = {"language_stemmer": {"type": "stemmer", "language": SEARCH_LANGUAGES[language_code]}}
    before = ["lowercase", "asciifolding"]
    if language_code in ELISION_ARTICLES:
        filters["language_elision"] = {"type": "elision", "articles_case": True,
                                       "articles": ELISION_ARTICLES[language_code]}
        before = ["language_elision", *before]
    parts = SEARCH_COMPOUND_PARTS[language_code]
    index_chain = [*before, "language_stemmer"]
    if parts:
        filters["compound_parts"] = {"type": "dictionary_decompounder", "word_list": parts,
                                     "min_subword_size": 4}
        index_chain = [*before, "compound_parts", "language_stemmer"]
    return {
        "settings": {
            "analysis": {
                "filter": filters,
                "analyzer": {
                    "default": {"type": "custom", "tokenizer": "standard", "filter": index_chain},
                    "default_search": {"type": "custom", "tokenizer": "standard",
                                       "filter": [*before, "language_stemmer"]},
                },
            }
        }
    }


SEARCH_COMPOUND_PARTS = {code: compound_parts(code) for code in SEARCH_LANGUAGES}
SEARCH_ENGINE_BACKENDS = {
    "elasticsearch": "fulltext.backends.elasticsearch8",
    "opensearch": "fulltext.backends.opensearch2",
}


def search_backends(engine="database", url="", index_prefix="entraide_"):
    """`default`: Wagtail's database backend (admin search, and the fallback when the search
    engine cannot be reached), indexing every object with its own language's rules;
    `database_<lang>`: the same index queried in one language; with an engine
    ("elasticsearch" or "opensearch"), `<engine>_<lang>`: one index per language, holding
    only that locale's objects, rebuilt atomically (alias swap) by `update_index`."""
    database = "fulltext.backends.database"
    backends = {"default": {"BACKEND": database}}
    for code in SEARCH_LANGUAGES:
        backends[f"database_{code}"] = {"BACKEND": database, "LANGUAGE": code,
                                        "AUTO_UPDATE": False}
    if engine == "database":
        return backends
    for code in SEARCH_LANGUAGES:
        backends[f"{engine}_{code}"] = {
            "BACKEND": SEARCH_ENGINE_BACKENDS[engine],
            "LANGUAGE": code,
            "URLS": [url],
            "INDEX_PREFIX": f"{index_prefix}{code}_",
            "TIMEOUT": 5,
            "OPTIONS": {},
            "ATOMIC_REBUILD": True,
            "INDEX_SETTINGS": language_index_settings(code),
        }
    return backends


def search_engine_from_environment():
    """SEARCH_ENGINE (database, elasticsearch, opensearch) or guessed from the URL given."""
    engine = os.environ.get("SEARCH_ENGINE", "").strip().lower()
    if not engine:
        engine = ("elasticsearch" if os.environ.get("ELASTICSEARCH_URL")
                  else "opensearch" if os.environ.get("OPENSEARCH_URL") else "database")
    if engine not in {"database", *SEARCH_ENGINE_BACKENDS}:
        raise ValueError(f"SEARCH_ENGINE must be database, elasticsearch or opensearch: {engine!r}")
    return engine


SEARCH_ENGINE = search_engine_from_environment()
WAGTAILSEARCH_BACKENDS = search_backends(
    SEARCH_ENGINE,
    os.environ.get("OPENSEARCH_URL" if SEARCH_ENGINE == "opensearch" else "ELASTICSEARCH_URL", ""),
    os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "entraide_"),
)

# Wagtail 8 indexes through django-tasks, the contact form sends its e-mails through it; the
# immediate backend runs tasks inline (a failing task never raises into the request).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Seconds an SMTP server may take to answer before the mail counts as failed (it is retried):
# without it a stalled server holds the contact form's request until the worker is killed.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},  # one line per indexing task otherwise
    },
}

# `manage.py load_demo` runs these in order; each app adds its own loader.
DEMO_LOADERS = ["home.demo.load", "directory.demo.load", "directory.widgets.demo.load",
                "campaigns.demo.load", "crisis.demo.load",
                "home.navigation_demo.load"]  # links pages of all the apps above

# Messages sent through the contact form are deleted after this many days.
DIRECTORY_CONTACT_RETENTION_DAYS = int(
    os.environ.get("DIRECTORY_CONTACT_RETENTION_DAYS", "90")
)

# Abuse limits (ratelimits/, README "Settings"). X-Forwarded-For is believed only from these
# proxies (addresses or networks, e.g. "127.0.0.1,172.16.0.0/12"); empty: REMOTE_ADDR counts.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Requests per visitor address and window, answered 429 with Retry-After beyond; a missing
# name (or "off" in the environment) is not limited.
RATE_LIMITS = {
    name: rate for name, rate in {
        "search": env_rate("RATE_LIMIT_SEARCH", "60/min"),  # site search, pages with a query
        "suggest": env_rate("RATE_LIMIT_SUGGEST", "120/min"),  # suggestions while typing
        "api": env_rate("RATE_LIMIT_API", "120/min"),  # /api/hsds/
        "widgets": env_rate("RATE_LIMIT_WIDGETS", "120/min"),  # /widgets/, /api/widgets/
        "contact": env_rate("RATE_LIMIT_CONTACT", "5/h"),  # messages sent
        "login": env_rate("RATE_LIMIT_LOGIN", "30/10min"),  # password forms posted
    }.items() if rate is not None
}
RATE_LIMIT_CACHE = "default"


def redis_caches(url):
    """Caches shared by every app server through one Redis (REDIS_URL, production): the default
    cache, the rate limits and the sessions' copy, each in a Redis database of its own (clearing
    a cache empties its whole database). A Redis that cannot be reached answers like an empty
    cache (IGNORE_EXCEPTIONS, logged): pages are served, limits let requests through, sessions
    are read from the database (SESSION_ENGINE cached_db)."""
    server = urlsplit(url)
    options = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
    return {
        name: {"BACKEND": "django_redis.cache.RedisCache",
               "LOCATION": urlunsplit(server._replace(path=f"/{db}")), "OPTIONS": options}
        for db, name in enumerate(("default", "ratelimits", "sessions"))
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # an unreachable Redis shows in the logs

# Login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address, that pair is refused (429) for the cool-off, which each try restarts.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "ratelimits.client.counted_address"
AXES_LOCKOUT_CALLABLE = "ratelimits.responses.login_locked_out"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # shared by every worker
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not stored with their address
# /media/ is answered by entraide.media (each file checked against its owner's rules). Behind
# nginx, set this to its `internal` location (e.g. "/protected-media/") and nginx sends the
# file itself (X-Accel-Redirect); empty: the app sends it.
MEDIA_ACCEL_REDIRECT_PREFIX = os.environ.get("MEDIA_ACCEL_REDIRECT_PREFIX", "")

# Content-Security-Policy (django-csp) on every response: public pages load only the site's own
# scripts, styles, images and media, never inline code. A page that shows a YouTube player
# (after the visitor's consent) adds that one frame source through {% csp_allow_frames %}.
# Responses that set their own policy keep it (widget frame, SVG and document files).
SELF, NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The admin (Wagtail's editor, choosers, previews): its own policy, still closed to other
# sites' scripts, styles and frames. Wagtail 8 writes inline scripts (date pickers, inline
# panels, workflow) and style attributes, previews pages in a frame of the site itself, shows
# uploads as blob: previews and asks releases.wagtail.org for its latest version.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF, "https://releases.wagtail.org"],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Browser features the site never uses, refused for every page and every frame in it.
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "payment", "usb",
)}

# Page cache (site/page_cache.py, README "Page cache"): seconds a shared cache (nginx) keeps an
# anonymous page; PAGE_CACHE_PURGE_URL is nginx's purge port (e.g. http://proxy:8080), where
# each change is announced with PURGE. Unset: nothing is purged (no proxy cache in front).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
if PAGE_CACHE_PURGE_URL := os.environ.get("PAGE_CACHE_PURGE_URL", ""):
    WAGTAILFRONTENDCACHE = {"nginx": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": PAGE_CACHE_PURGE_URL,
    }}
WAGTAILFRONTENDCACHE_LANGUAGES = []  # the page cache lists each language's URLs itself
