"""Faults an operator meets, each against the real service: the site keeps answering.

Each test that stops a service starts its own throwaway instance (tests/services), so the
services shared by the rest of the run are never disturbed. Elasticsearch cut off and back
is covered by search/tests/test_behaviour.py (a TCP relay), a stalled or refusing mail
server by directory/tests (contact form against a real SMTP server)."""

import shutil

import pytest
from django.contrib.auth.models import User
from django.test import Client

from directory.tests.factories import make_directory

from .fixtures import _service_missing, use_redis
from .services.redis import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_redis():
    if not shutil.which("redis-server"):
        _service_missing("redis-server is not installed (make test installs it)")
    server = RedisServer().start()
    yield server
    server.stop()


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
