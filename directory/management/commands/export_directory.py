from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from directory.exporter import export_csv, export_hsds


class Command(BaseCommand):
    help = ("Write the live, public directory offers as HSDS 3.0 JSON or as the importer's CSV "
            "(to stdout, or to --output FILE).")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["hsds", "csv"], default="hsds")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument("--language", default="de", choices=["de", "fr", "it"],
                            help="language of the exported pages (default: de)")

    def handle(self, *args, format, output, language, **options):  # noqa: A002
        if not Locale.objects.filter(language_code=language).exists():
            raise CommandError(f"The site has no '{language}' locale.")
        export = export_hsds if format == "hsds" else export_csv
        if output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                export(stream, language)
            self.stderr.write(f"Wrote {output}")
        else:
            export(_Unterminated(self.stdout), language)


class _Unterminated:
    """The command's stdout without the newline Django adds to every write."""

    def __init__(self, output):
        self.output = output

    def write(self, text):
        self.output.write(text, ending="")
