from django.core.management.base import BaseCommand, CommandError

from directory.importer import ImportFileError, import_file


class Command(BaseCommand):
    help = ("Import offers from HSDS 3.0 JSON (a list of services, or a datapackage folder) or "
            "from the directory CSV (see README). Re-importing updates offers by external id.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .json or .csv file, or a datapackage folder")
        parser.add_argument("--language", default="de", choices=["de", "fr", "it"],
                            help="language of rows that do not name one (HSDS: all rows)")
        parser.add_argument("--dry-run", action="store_true",
                            help="check the file and report, but write nothing")
        parser.add_argument("--atomic", action="store_true",
                            help="write nothing unless every row is valid")

    def handle(self, *args, file, language, dry_run, atomic, **options):
        def progress(stage, done, total):
            self.stderr.write(f"{stage} {done}/{total} rows")

        try:
            report = import_file(file, language=language, dry_run=dry_run, atomic=atomic,
                                 progress=progress)
        except (ImportFileError, OSError) as error:
            raise CommandError(f"{file}: {error}") from None
        for line in report.lines():
            self.stdout.write(line)
        if report.errors:
            raise CommandError(f"{len(report.bad_rows)} rows with errors (listed above).",
                               returncode=2)
