"""Tasks left RUNNING by a worker that died (killed, out of memory, machine lost) run again.

django-tasks' database backend marks a task RUNNING when a worker claims it and never looks
back: without this a killed worker's task would stay RUNNING forever. Our tasks (indexing an
object, e-mailing a centre about a message not yet notified) are safe to run twice, and each
takes seconds (mail gives up after EMAIL_TIMEOUT), so one running far longer has lost its
worker."""

from datetime import timedelta

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

STALLED_AFTER = timedelta(minutes=15)


def requeue_stalled(older_than=STALLED_AFTER):
    """Put back in the queue the tasks claimed more than `older_than` ago and still running;
    returns how many."""
    return DBTaskResult.objects.running().filter(
        started_at__lt=timezone.now() - older_than,
    ).update(status=TaskResultStatus.READY, started_at=None)
