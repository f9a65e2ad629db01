"""manage.py catch_up_search_index: send the search engine what changed while it was away."""

from django.core.management.base import BaseCommand

from fulltext.catch_up import catch_up


class Command(BaseCommand):
    help = ("Replay the index updates that could not reach Elasticsearch/OpenSearch while it "
            "was unreachable (run it every few minutes, e.g. from cron).")

    def handle(self, *args, **options):
        replayed, pending = catch_up()
        self.stdout.write(f"replayed {replayed} index update(s); {pending} still pending")
        if pending:
            self.stderr.write("the search engine is still unreachable; run again later")
