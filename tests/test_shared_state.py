"""Several app servers share one Redis (production with REDIS_URL): a visitor's rate limit
counts on every server, a signed-in editor stays signed in whichever server answers.

The second app server is a real second process with the production settings, which reads and
writes through its own connections; the Redis is the one `make test` started (REDIS_URL)."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.auth.models import User
from django.test import RequestFactory

from ratelimits.limiter import hit

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
API = "/api/hsds/services"

OTHER_SERVER = """
import json, sys
import django
django.setup()
from django.contrib.sessions.backends.cached_db import SessionStore
from django.test import RequestFactory
from ratelimits.limiter import hit

request = RequestFactory().get(sys.argv[2], REMOTE_ADDR="127.0.0.1")
print(json.dumps({
    "limited": hit(request, "api").limited,
    "signed_in_user": SessionStore(sys.argv[1]).get("_auth_user_id"),
}))
"""


def on_another_app_server(redis_url, session_key, rate):
    """What a second app server (production settings, same REDIS_URL, a database it cannot
    reach: whatever it answers came from Redis) sees when the same visitor asks the API."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "entraide.settings.production",
        "SECRET_KEY": "another-app-server-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "sqlite:////nonexistent/entraide.sqlite3",
        "REDIS_URL": redis_url,
        "RATE_LIMIT_API": rate,
    }
    out = subprocess.run([sys.executable, "-c", OTHER_SERVER, session_key, API], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_visitor_counted_by_one_app_server_is_refused_by_another_and_stays_signed_in(
    client, locales, redis_settings, redis_url
):
    redis_settings.RATE_LIMITS = {"api": (2, 24 * 60 * 60)}
    editor = User.objects.create_superuser("editor", password="x")
    client.force_login(editor)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    assert client.get(API).status_code == 200  # first request, on this server
    other = on_another_app_server(redis_url, session_key, "2/d")  # second, on the other one
    assert other == {"limited": False, "signed_in_user": str(editor.pk)}
    third = client.get(API)

    assert third.status_code == 429
    assert int(third["Retry-After"]) > 0


def test_the_rate_limit_counter_is_in_redis_for_every_connection(client, locales,
                                                                   redis_settings, redis_url):
    redis_settings.RATE_LIMITS = {"api": (5, 24 * 60 * 60)}
    client.get(API)
    client.get(API)

    fresh = redis.Redis.from_url(f"{redis_url}/1")  # the rate limits' Redis database
    keys = fresh.keys("*ratelimits:api:*")
    assert len(keys) == 1
    assert fresh.get(keys[0]) == b"2"
    assert 0 < fresh.ttl(keys[0]) <= 24 * 60 * 60 + 1  # the window ends; the key goes


def test_a_burst_of_simultaneous_requests_passes_exactly_the_limit(redis_settings):
    redis_settings.RATE_LIMITS = {"api": (5, 24 * 60 * 60)}
    request = RequestFactory().get(API, REMOTE_ADDR="192.0.2.7")
    start = threading.Barrier(20)
    passed = []

    def one_request():
        start.wait()
        if not hit(request, "api").limited:
            passed.append(1)

    threads = [threading.Thread(target=one_request) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(passed) == 5
