"""Production's background work: saving a page or sending the contact form only queues the
search update or the e-mail (django-tasks' database backend), a worker process
(`manage.py db_worker`, production settings) does it, and a task whose worker was killed
runs again after `manage.py requeue_stalled_tasks`.

The workers are real processes reading the test database, so these tests need PostgreSQL
(and the Redis that `make test` starts, as production has)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from directory.contact import queue_notification
from directory.models import ContactMessage
from directory.tests.factories import SelfHelpGroupPageFactory, make_directory
from directory.tests.test_contact import Inbox, StalledMailServer

from .fixtures import _service_missing

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(settings, redis_url):
    if connection.vendor != "postgresql":
        _service_missing("the worker process needs the test database on PostgreSQL")
    settings.TASKS = DATABASE_TASKS
    return settings


def worker_environment(redis_url, **extra):
    db = connection.settings_dict
    environment = {
        key: value for key, value in os.environ.items()
        if key not in {"ELASTICSEARCH_URL", "OPENSEARCH_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "entraide.settings.production",
        "SECRET_KEY": "worker-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "SEARCH_ENGINE": "database",
        **{key: str(value) for key, value in extra.items()},
    }


def worker(redis_url, **extra):
    return [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay",
            "--interval", "0", "--verbosity", "0"], worker_environment(redis_url, **extra)


def run_worker_batch(redis_url, **extra):
    command, environment = worker(redis_url, **extra)
    subprocess.run(command, cwd=ROOT, env=environment, check=True, timeout=300)


def test_publishing_queues_the_search_update_and_a_worker_does_it(client, locales, queued,
                                                                   redis_url):
    tree = make_directory()
    group = SelfHelpGroupPageFactory(parent=tree["centre"], title="Zwergpudelfreunde Bern")
    search = "/de/search/?q=Zwergpudelfreunde"

    assert DBTaskResult.objects.ready().filter(
        task_path__endswith="insert_or_update_object_task").exists()
    assert f'href="{group.url}"' not in client.get(search).content.decode()

    run_worker_batch(redis_url)

    assert not DBTaskResult.objects.ready().exists()
    assert not DBTaskResult.objects.failed().exists()
    assert f'href="{group.url}"' in client.get(search).content.decode()


@pytest.fixture
def mail_server():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def wait_until_running(task_id, worker_process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert worker_process.poll() is None, "the worker ended before taking the task"
        if DBTaskResult.objects.get(pk=task_id).status == TaskResultStatus.RUNNING:
            return
        time.sleep(0.2)
    raise AssertionError("the worker never took the task")


def test_a_mail_task_whose_worker_was_killed_runs_again(locales, queued, redis_url,
                                                        mail_server):
    tree = make_directory()
    message = ContactMessage.objects.create(centre=tree["centre"], email="anna@example.ch",
                                            name="Anna", message="Ich komme gern vorbei.")
    queue_notification(message)
    [task] = DBTaskResult.objects.filter(task_path__endswith="notify_centre")
    stalled = StalledMailServer()
    command, environment = worker(redis_url, EMAIL_HOST="127.0.0.1", EMAIL_PORT=stalled.port,
                                  EMAIL_TIMEOUT=120)
    try:
        process = subprocess.Popen(command, cwd=ROOT, env=environment)
        try:
            wait_until_running(task.pk, process)
            time.sleep(1)  # in the middle of talking to the mail server
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
    finally:
        stalled.close()

    task.refresh_from_db()
    message.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING  # what a dead worker leaves behind
    assert message.notified_at is None

    call_command("requeue_stalled_tasks", minutes=0)
    port, inbox = mail_server
    run_worker_batch(redis_url, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port)

    task.refresh_from_db()
    message.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert message.notified_at is not None
    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == [tree["centre"].email]
