"""The full demo (`manage.py load_demo`) as a visitor meets it, loaded once per test session
for the crawl and journey tests: `demo_site` in a test, `demo_database.active()` in a fixture
of a wider scope.

Why a database of its own: the demo is about 1,000 pages and takes a while to load, so it is
loaded once and committed (a live server's thread, and so a browser, sees only committed
rows). Committed into the ordinary test database it would leak into every test that expects
an empty one, and rolling it back at the end of the session would not help the tests that
run meanwhile. So the session fixture clones the freshly migrated test database (PostgreSQL:
`CREATE DATABASE ... TEMPLATE`, SQLite: a copy of the in-memory database), loads the demo
into the clone, and points Django's default connection at the clone only while a demo test
or fixture runs; every other test keeps the untouched test database, in any order. The clone
is dropped at the end of the session. Demo tests run first (see `pytest_collection_modifyitems`)
so that the clone is taken before any transactional test has flushed the test database.

Rules for tests that use it: no `django_db` mark and no `db`/`transactional_db` fixture (the
demo is read, not rolled back; `demo_site` opens the database itself), and write nothing a
later demo test would trip over. Files the demo and its pages make (images, renditions) go to
a temporary MEDIA_ROOT.
"""

import io
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import override_settings, setup_databases, teardown_databases

CLONE_SUFFIX = "demo"
SUMMARY = []  # lines for the end of the test run: load time, crawl counts
DATABASE_SEARCH_BACKEND = "search.backends.database"


class DemoDatabase:
    """A copy of the test database holding the demo, that the default connection can be
    pointed at and back."""

    def __init__(self, media_root, keep=False):
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.media_root = media_root
        self.keep = keep  # pytest --reuse-db: the clone stays for the next run
        self.load_seconds = None
        self._in_memory = self.connection.vendor == "sqlite" and self.connection.is_in_memory_db()
        self._clone_settings = None
        self._clone_raw = None

    def create(self):
        if self._in_memory:
            # Django ignores close() on an in-memory SQLite database (closing would drop it),
            # so the copy is a second in-memory database whose raw connection is swapped in.
            self.connection.ensure_connection()
            params = self.connection.get_connection_params()
            params["database"] = f"file:memorydb_{DEFAULT_DB_ALIAS}_{CLONE_SUFFIX}?mode=memory"
            self._clone_raw = self.connection.get_new_connection(params)
            self.connection.connection.backup(self._clone_raw)
        else:
            self.connection.creation.clone_test_db(CLONE_SUFFIX, verbosity=0, autoclobber=True,
                                                   keepdb=self.keep)
            self._clone_settings = self.connection.creation.get_test_db_clone_settings(
                CLONE_SUFFIX
            )

    def load(self):
        """`load_demo`, idempotent: on a clone kept from an earlier run it adds nothing."""
        with self.active():
            began = time.monotonic()
            call_command("load_demo", stdout=io.StringIO())
            self.load_seconds = time.monotonic() - began
        SUMMARY.append(f"demo: loaded in {self.load_seconds:.0f} s "
                       f"({self.connection.vendor})")

    @contextmanager
    def active(self):
        """The default connection (in this thread and in any thread started meanwhile, such
        as a live server's) uses the demo's database."""
        if self.connection.in_atomic_block:
            raise RuntimeError("the demo database cannot be used inside a test transaction "
                               "(remove the django_db mark / db fixture)")
        with override_settings(MEDIA_ROOT=self.media_root,
                               WAGTAILSEARCH_BACKENDS=_database_search_backends()):
            _forget_cached_rows()
            if self._in_memory:
                self.connection.ensure_connection()
                original, self.connection.connection = self.connection.connection, self._clone_raw
                try:
                    yield self
                finally:
                    _forget_cached_rows()
                    self.connection.connection = original
            else:
                original = dict(self.connection.settings_dict)
                self.connection.close()
                # Updated in place: new threads' connections read this same dict.
                self.connection.settings_dict.update(self._clone_settings)
                try:
                    yield self
                finally:
                    _forget_cached_rows()
                    self.connection.close()
                    self.connection.settings_dict.update(original)

    def destroy(self):
        if self._in_memory:
            self._clone_raw.close()
        elif not self.keep:
            self.connection.creation.destroy_test_db(suffix=CLONE_SUFFIX, verbosity=0)


def _database_search_backends():
    """The search engines' indexes (Elasticsearch, OpenSearch in `make test`) are shared with
    the ordinary test database, whose ids the demo's would collide with: the demo is indexed
    only in the database, which the test settings search (SEARCH_ENGINE = "database")."""
    return {name: config for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
            if config["BACKEND"] == DATABASE_SEARCH_BACKEND}


def _forget_cached_rows():
    """Wagtail's site root paths and the directory's facts are cached: rows of one database
    must not be served from the other."""
    from directory.facts import forget_all

    cache.clear()
    forget_all()


@pytest.fixture(scope="session")
def demo_database(request, django_db_setup, django_db_blocker, django_db_keepdb,
                  tmp_path_factory):
    """The demo, loaded once per session into a database of its own (module docstring)."""
    with django_db_blocker.unblock(), _test_database(request.session.items, django_db_keepdb):
        demo = DemoDatabase(tmp_path_factory.mktemp("demo-media"), keep=django_db_keepdb)
        demo.create()
        try:
            demo.load()
            yield demo
        finally:
            demo.destroy()


@contextmanager
def _test_database(session_items, keepdb):
    """pytest-django creates the test database only when a collected test is marked
    `django_db` (or asks for `db`); demo tests are not, so when they run alone the database
    is created here, by the same rule."""
    from pytest_django.fixtures import _get_databases_for_setup

    if DEFAULT_DB_ALIAS in _get_databases_for_setup(session_items)[0]:
        yield
        return
    config = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS},
                             keepdb=keepdb)
    try:
        yield
    finally:
        if not keepdb:
            teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def demo_live_server(demo_database, django_db_blocker):
    """One live server for every browser test of the demo (127.0.0.1: the widget's origins
    and the API's absolute URLs must be exact). Its request threads open their connection
    per request, so they read the demo only while a test holds `demo_site`."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock(), demo_database.active():
        server = LiveServer("127.0.0.1:0")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def demo_browser():
    """Debian's chromium, started once for the crawl's axe-core checks and the journeys."""
    from directory.widgets.tests.test_browser import AXE, BrowserThread, _missing

    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    executable = Path("/usr/bin/chromium")
    if not executable.exists():
        _missing("Debian's chromium is not installed (make system-deps)")
    if not AXE.exists():
        _missing(f"{AXE} is missing (npm ci)")
    thread = BrowserThread(str(executable))
    yield thread
    thread.stop()


@pytest.fixture
def demo_site(request, demo_database, django_db_blocker):
    """The full demo in the database for the length of the test; the test must not be marked
    `django_db` (module docstring)."""
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    ):
        pytest.fail("demo_site tests read the shared demo: drop the django_db mark / db fixture",
                    pytrace=False)
    with django_db_blocker.unblock(), demo_database.active():
        yield demo_database


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Demo tests first (after pytest-django has sorted the rest), so the demo's clone is taken
    from the freshly migrated test database, before a transactional test flushes it."""
    uses_demo = [item for item in items if _uses_demo(item)]
    if uses_demo:
        others = [item for item in items if not _uses_demo(item)]
        items[:] = uses_demo + others


def pytest_terminal_summary(terminalreporter):
    for line in SUMMARY:
        terminalreporter.write_line(line)


def _uses_demo(item):
    return bool({"demo_site", "demo_database"} & set(getattr(item, "fixturenames", ())))
