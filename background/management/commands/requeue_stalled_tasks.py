from datetime import timedelta

from django.core.management.base import BaseCommand

from background.stalled import STALLED_AFTER, requeue_stalled


class Command(BaseCommand):
    help = ("Run again the background tasks whose worker died: those still running after "
            "--minutes (cron, and before starting the workers).")

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=float,
                            default=STALLED_AFTER.total_seconds() / 60)

    def handle(self, minutes, **options):
        count = requeue_stalled(timedelta(minutes=minutes))
        self.stdout.write(f"{count} stalled task(s) queued again")
