"""Changes that the in-memory facts of the directory (directory/facts.py) must catch up with."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .facts import record_changes
from .models import (
    Canton,
    DirectoryIndexPage,
    Language,
    Locality,
    OfferPage,
    OrganisationPage,
    RegionalCentrePage,
    Topic,
)

PAGES_ABOVE_OFFERS = (DirectoryIndexPage, RegionalCentrePage, OrganisationPage)


def page_class(instance):
    return instance.specific_class if isinstance(instance, Page) else None


def offer_changed(sender, instance, **kwargs):
    if issubclass(page_class(instance) or object, OfferPage):
        record_changes([instance.pk])


def page_moved(sender, instance, **kwargs):
    moved = page_class(instance) or object
    if issubclass(moved, OfferPage):
        record_changes([instance.pk])
    elif issubclass(moved, PAGES_ABOVE_OFFERS):
        record_changes()  # every offer below it moved too


def many_offers_changed(sender, **kwargs):
    record_changes()


def connect():
    page_published.connect(offer_changed, dispatch_uid="directory-facts-published")
    page_unpublished.connect(offer_changed, dispatch_uid="directory-facts-unpublished")
    post_delete.connect(offer_changed, dispatch_uid="directory-facts-deleted")
    post_page_move.connect(page_moved, dispatch_uid="directory-facts-moved")
    # broader topics; who may see which pages; codes the facts hold
    for model in (Topic, PageViewRestriction, Canton, Language, Locality, Site):
        post_save.connect(many_offers_changed, sender=model, dispatch_uid=f"facts-{model}")
        post_delete.connect(many_offers_changed, sender=model,
                            dispatch_uid=f"facts-{model}-deleted")
