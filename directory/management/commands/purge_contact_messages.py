"""Delete contact messages older than settings.DIRECTORY_CONTACT_RETENTION_DAYS and retry the
e-mails to centres that could not be sent. Meant for a daily cron job."""

from django.core.management.base import BaseCommand
from django.db import transaction

from directory.contact import retry_unsent_notifications
from directory.models import ContactMessage


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--no-retry", action="store_true",
                            help="only delete; do not retry unsent notifications")

    def handle(self, *args, no_retry, **options):
        with transaction.atomic():
            deleted, _ = ContactMessage.expired().delete()
        self.stdout.write(f"Deleted {deleted} contact message(s) past the retention period.")
        if no_retry:
            return
        sent, failed = retry_unsent_notifications()
        self.stdout.write(f"Retried notifications: {sent} sent, {failed} still failing.")
        if failed:
            self.stderr.write(
                f"{failed} notification(s) could not be sent: the reasons are in the log "
                "and in each message's notification_error."
            )
