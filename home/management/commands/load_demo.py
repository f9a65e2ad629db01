from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from directory.bulk import refresh_planner_statistics


class Command(BaseCommand):
    help = (
        "Load the demo content of every app listed in settings.DEMO_LOADERS. "
        "Idempotent: a second run creates nothing new."
    )

    def handle(self, *args, **options):
        for dotted_path in settings.DEMO_LOADERS:
            loader = import_string(dotted_path)
            with transaction.atomic():
                loader()
            self.stdout.write(f"demo content loaded: {dotted_path}")
        refresh_planner_statistics()  # the first visitors get good plans (directory.bulk)
