from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from directory.importer import ImportFileError, import_file, read_topic_map

LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


class Command(BaseCommand):
    help = ("Import offers from HSDS 3.0 JSON (a list of services, or a datapackage folder) or "
            "from the directory CSV (see README). Re-importing updates offers by external id. "
            "Into an empty site, it creates the directory page and the topics it needs.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .json or .csv file, or a datapackage folder")
        parser.add_argument("--language", choices=LANGUAGES,
                            help="language of the texts: CSV rows without a `language` column "
                                 "and every HSDS service (default: what the data says, else "
                                 "the site's default language)")
        parser.add_argument("--taxonomy", metavar="NAME",
                            help="take the terms of this HSDS taxonomy as topics (created when "
                                 "unknown), like those of entraide-topics")
        parser.add_argument("--topic-map", metavar="CSV",
                            help="CSV with the columns taxonomy, term, topic: the topic slug "
                                 "for each term of another taxonomy (empty topic: ignore it)")
        parser.add_argument("--dry-run", action="store_true",
                            help="check the file and report, but write nothing")
        parser.add_argument("--atomic", action="store_true",
                            help="write nothing unless every row is valid")

    def handle(self, *args, file, language, taxonomy, topic_map, dry_run, atomic, **options):
        def progress(stage, done, total):
            self.stderr.write(f"{stage} {done}/{total} rows")

        try:
            mapping = read_topic_map(Path(topic_map).read_bytes()) if topic_map else {}
            report = import_file(file, language=language, dry_run=dry_run, atomic=atomic,
                                 progress=progress, topic_map=mapping, taxonomy=taxonomy)
        except (ImportFileError, OSError) as error:
            raise CommandError(f"{file}: {error}") from None
        for line in report.lines():
            self.stdout.write(line)
        if report.errors:
            raise CommandError(gettext("%(bad)s rows with errors (listed above).")
                               % {"bad": len(report.bad_rows)}, returncode=2)
