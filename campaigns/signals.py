"""Changes after which the library listing counts again (campaigns/listing_cache.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)
from wagtailmedia.models import get_media_model

from taxonomy.models import Topic

from .listing_cache import library_changed
from .models import CampaignIndexPage, CampaignPage, MaterialPage

LIBRARY_PAGES = (CampaignIndexPage, CampaignPage, MaterialPage)


def page_changed(sender, instance, **kwargs):
    # a plain Page instance (a cascade of deletes) may be any kind of page
    if type(instance) is Page or isinstance(instance, LIBRARY_PAGES):
        library_changed()


def connect():
    # publishing, unpublishing and moving a page save it
    for signal in (post_save, post_delete):
        signal.connect(page_changed, dispatch_uid=f"library-listing-{id(signal)}")
    for model in (Topic, PageViewRestriction, CollectionViewRestriction, Collection,
                  get_image_model(), get_document_model(), get_media_model()):
        for signal in (post_save, post_delete):
            signal.connect(library_changed, sender=model,
                           dispatch_uid=f"library-listing-{model.__name__}-{id(signal)}")
    for restriction in (PageViewRestriction, CollectionViewRestriction):
        m2m_changed.connect(library_changed, sender=restriction.groups.through,
                            dispatch_uid=f"library-listing-{restriction.__name__}-groups")
