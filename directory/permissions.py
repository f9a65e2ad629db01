"""Who may edit what: each regional centre and each organisation gets its own Wagtail group
whose page permissions cover the centre's or organisation's subtree, in every language.

Offers live below their centre or organisation, so a league's editors reach exactly the
league's entries; Wagtail's own page permissions do the checking everywhere in the admin.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Workflow

from .models import DirectoryIndexPage, OrganisationPage, RegionalCentrePage

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
DEFAULT_WORKFLOW_NAME = "Moderators approval"  # created by Wagtail's migration 0048
RESPONSIBLE_PAGE_TYPES = (RegionalCentrePage, OrganisationPage)


def editor_group_name(page):
    return f"Editors: {page.title}"


def responsible_pages():
    """The pages that own a subtree of entries: regional centres and organisations, in the
    default locale's tree (their translations are covered through them)."""
    centres = RegionalCentrePage.objects.filter(alias_of__isnull=True)
    organisations = OrganisationPage.objects.filter(alias_of__isnull=True)
    pages = [*centres, *organisations]
    seen_keys = set()
    sources = []
    for page in sorted(pages, key=lambda p: (p.locale_id, p.path)):
        if page.translation_key not in seen_keys:
            seen_keys.add(page.translation_key)
            sources.append(page)
    return sources


@transaction.atomic
def setup_editor_group(page, *, can_publish=True):
    """Create or complete the group "Editors: <title>" for a centre or organisation page.

    The group may enter the admin and add, change (and unless `can_publish` is false,
    publish) the page and everything below it, in all its translations. Running it again
    is harmless: it only adds what is missing (e.g. permissions on a new translation).
    """
    page = page.specific
    if not isinstance(page, RESPONSIBLE_PAGE_TYPES):
        raise ValueError(
            f"{page.title!r} (id {page.pk}) is a {page.specific_class.__name__}, not a "
            "regional centre or organisation page."
        )
    group, _ = Group.objects.get_or_create(name=editor_group_name(page))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    codenames = [c for c in EDITOR_PAGE_PERMISSIONS if can_publish or c != "publish_page"]
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    )
    for translation in page.get_translations(inclusive=True):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=translation, permission=permission
            )
    if not can_publish:
        GroupPagePermission.objects.filter(
            group=group, permission__codename="publish_page"
        ).delete()
    return group


def ensure_moderation_workflow():
    """Make sure every directory page is under a moderation workflow.

    Wagtail assigns its default workflow ("Moderators approval") to the root page, which
    covers the directory; if someone removed that, assign it to each directory index page.
    Returns the directory index pages that had to be given a workflow.
    """
    fixed = []
    for index_page in DirectoryIndexPage.objects.all():
        if index_page.get_workflow() is None:
            workflow = (
                Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME, active=True).first()
                or Workflow.objects.filter(active=True).first()
            )
            if workflow is None:
                raise RuntimeError(
                    "No active workflow exists: create one in Settings > Workflows first."
                )
            workflow.workflow_pages.create(page=index_page)
            fixed.append(index_page)
    return fixed
