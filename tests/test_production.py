"""The production settings and the `make run` path, each in a process of its own."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "entraide.settings.production",
    "SECRET_KEY": "x" * 20 + "-production-check-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "entraide.example.ch",
}


def manage(*args, env, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=timeout,
    )


def clean_env(**extra):
    env = {key: value for key, value in os.environ.items()
           if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "ELASTICSEARCH_URL",
                          "OPENSEARCH_URL", "SEARCH_ENGINE"}}
    env.update(extra)
    return env


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING",
                    env=clean_env(**PRODUCTION_ENV))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_refuse_a_missing_secret_key():
    result = manage("check", env=clean_env(**{**PRODUCTION_ENV, "SECRET_KEY": ""}))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.mark.slow
def test_make_run_path_serves_the_demo_on_sqlite_and_database_search(tmp_path):
    """What `make run` does, on a fresh SQLite file with no Elasticsearch configured."""
    env = clean_env(
        DJANGO_SETTINGS_MODULE="entraide.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ADMIN_PASSWORD="a-test-password-123",
    )
    for command in (["migrate", "--noinput"], ["load_demo"], ["ensure_admin"]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    assert "admin / a-test-password-123" in result.stdout

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = _get(f"{base}/healthz/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        assert status == 200
        for language, greeting in (("de", "Gemeinsam"), ("fr", "Ensemble"), ("it", "Insieme")):
            status, body = _get(f"{base}/{language}/")
            assert status == 200
            assert greeting in body
        status, body = _get(f"{base}/de/search/?q=Laufenstrasse")
        assert status == 200
        assert "Über uns" in body
    finally:
        server.terminate()
        server.wait(timeout=10)


MEDIA_FIXTURE = """
import json
from django.contrib.auth.models import Group
from wagtail.models import CollectionViewRestriction
from campaigns.tests.factories import collection, image_file

public = image_file("hero.png")
private = collection("Partner intern")
restriction = CollectionViewRestriction.objects.create(
    collection=private, restriction_type=CollectionViewRestriction.GROUPS)
restriction.groups.set([Group.objects.create(name="Partner")])
secret = image_file("intern.png", in_collection=private)
print(json.dumps({"rendition": public.get_rendition("fill-20x10").url,
                  "private": secret.file.url,
                  "private_rendition": secret.get_rendition("fill-20x10").url}))
"""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _fetch(url):
    """(status, content type, body) without following redirects."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@pytest.mark.slow
def test_gunicorn_with_production_settings_serves_images_and_keeps_private_files(tmp_path):
    import json

    env = clean_env(**{**PRODUCTION_ENV, "ALLOWED_HOSTS": "127.0.0.1",
                       "SECURE_SSL_REDIRECT": "false",
                       "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                       "MEDIA_ROOT": str(tmp_path / "media")})
    for command in (["migrate", "--noinput"], ["createcachetable"]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    result = manage("shell", "-c", MEDIA_FIXTURE, env=env)
    assert result.returncode == 0, result.stderr
    urls = json.loads(result.stdout.strip().splitlines()[-1])

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "entraide.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                _fetch(f"{base}/healthz/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        status, content_type, body = _fetch(base + urls["rendition"])
        assert (status, content_type) == (200, "image/png")
        assert body.startswith(b"\x89PNG")
        for private in (urls["private"], urls["private_rendition"]):
            status, _, body = _fetch(base + private)
            assert status in (302, 403, 404), status
            assert b"PNG" not in body
    finally:
        server.terminate()
        server.wait(timeout=10)
