"""Faults an operator meets, each against the real service: the site keeps answering.

Each test that stops a service starts its own throwaway instance (tests/services: Redis, a
PostgreSQL restarted under a real gunicorn), so the services shared by the rest of the run are
never disturbed. Elasticsearch cut off and back
is covered by search/tests/test_behaviour.py (a TCP relay), a stalled or refusing mail
server by directory/tests (contact form against a real SMTP server)."""

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from directory.tests.factories import make_directory

from .fixtures import _service_missing, use_redis
from .services.ports import free_port
from .services.postgres import PostgresServer
from .services.redis import RedisServer

ROOT = Path(__file__).resolve().parent.parent



@pytest.fixture
def own_redis():
    if not shutil.which("redis-server"):
        _service_missing("redis-server is not installed (make test installs it)")
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.mark.django_db
def test_pages_are_served_and_editors_stay_signed_in_when_redis_stops(
    client, locales, settings, own_redis
):
    use_redis(settings, own_redis.url)
    settings.RATE_LIMITS = {"search": (100, 60), "api": (100, 60)}
    tree = make_directory()
    editor = User.objects.create_superuser("editor", password="x")
    pages = [tree["home"].url, tree["index"].url, f"{tree['index'].url}?q=Selbsthilfe",
             "/api/hsds/services", "/de/search/?q=Selbsthilfe"]
    editor_client = Client()
    editor_client.force_login(editor)
    assert [client.get(url).status_code for url in pages] == [200] * len(pages)
    assert editor_client.get("/admin/").status_code == 200

    own_redis.stop()

    assert not own_redis.ping()
    assert [client.get(url).status_code for url in pages] == [200] * len(pages)
    assert editor_client.get("/admin/").status_code == 200  # session read from the database


@pytest.fixture
def own_postgres():
    try:
        server = PostgresServer()
    except RuntimeError as error:
        _service_missing(str(error))
    server.start()
    yield server
    server.stop()


def serve(database_url):
    """One gunicorn worker with the production settings: it keeps its database connection
    between requests (CONN_MAX_AGE), as in production."""
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in {"DJANGO_SETTINGS_MODULE", "ELASTICSEARCH_URL", "OPENSEARCH_URL",
                          "REDIS_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="entraide.settings.production",
               SECRET_KEY="fault-test-" + "x" * 50, ALLOWED_HOSTS="127.0.0.1",
               DATABASE_URL=database_url, SECURE_SSL_REDIRECT="false")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "entraide.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return process, f"http://127.0.0.1:{port}"


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local server)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_for_answer(url, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return status_of(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.mark.slow
def test_the_first_request_after_a_postgresql_restart_is_answered(own_postgres):
    process, base = serve(own_postgres.url)
    try:
        assert wait_for_answer(f"{base}/healthz/") == 200  # the worker holds a connection now

        own_postgres.restart()  # that connection is gone

        assert [status_of(f"{base}/healthz/") for _ in range(3)] == [200, 200, 200]
    finally:
        process.terminate()
        process.wait(timeout=10)
