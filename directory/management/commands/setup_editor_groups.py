"""Create the "Editors: <title>" group of each regional centre and organisation (or of the
pages given), with page permissions on its subtree in every language."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from directory.permissions import (
    RESPONSIBLE_PAGE_TYPES,
    ensure_moderation_workflow,
    responsible_pages,
    setup_editor_group,
)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("page_ids", nargs="*", type=int,
                            help="ids of centre or organisation pages (default: all of them)")
        parser.add_argument("--without-publish", action="store_true",
                            help="editors may only submit for moderation, not publish")

    def handle(self, *args, page_ids, without_publish, **options):
        pages = self.pages(page_ids) if page_ids else responsible_pages()
        for page in pages:
            group = setup_editor_group(page, can_publish=not without_publish)
            self.stdout.write(f"{group.name}: pages below {page.url_path} (id {page.pk})")
        for index_page in ensure_moderation_workflow():
            self.stdout.write(f"Assigned the moderation workflow to {index_page.title}")

    def pages(self, page_ids):
        pages = Page.objects.in_bulk(page_ids)
        missing = [str(page_id) for page_id in page_ids if page_id not in pages]
        if missing:
            raise CommandError(f"No page with id {', '.join(missing)}.")
        wrong = [page for page in pages.values()
                 if not issubclass(page.specific_class, RESPONSIBLE_PAGE_TYPES)]
        if wrong:
            raise CommandError("Not a regional centre or organisation page: " + ", ".join(
                f"{page.title!r} (id {page.pk})" for page in wrong))
        return [pages[page_id] for page_id in page_ids]
