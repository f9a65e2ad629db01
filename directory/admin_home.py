"""The admin dashboard's "Your entries" panel: a centre's or league's editor starts from the
offers she looks after (Wagtail's page explorer at her centre), in her admin language."""

from django.urls import reverse
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from .models import OfferPage, RegionalCentrePage
from .permissions import responsible_pages


def pages_looked_after(user, language):
    """The centres and organisations the user may edit, each in `language` when translated."""
    locale = Locale.objects.filter(language_code=language).first()
    pages = []
    for page in responsible_pages():
        if not page.permissions_for_user(user).can_edit():
            continue
        shown = (page.get_translation_or_none(locale) if locale else None) or page
        pages.append(shown.specific)
    return pages


class YourEntriesPanel(Component):
    name = "directory_your_entries"
    template_name = "directory/admin/your_entries_panel.html"
    order = 50

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context=None):
        return {
            "entries": [
                {"page": page,
                 "explore_url": reverse("wagtailadmin_explore", args=[page.pk]),
                 "offers": OfferPage.objects.child_of(page).count()}
                for page in self.pages
            ],
            # a centre's messages come to its editors; a league gets none
            "has_messages": any(isinstance(page, RegionalCentrePage) for page in self.pages),
        }


@hooks.register("construct_homepage_panels")
def add_your_entries_panel(request, panels):
    if request.user.is_superuser:
        return  # the national body sees the whole tree anyway
    pages = pages_looked_after(request.user, (get_language() or "de")[:2])
    if pages:
        panels.insert(0, YourEntriesPanel(pages))
