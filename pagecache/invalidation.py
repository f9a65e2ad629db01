"""Telling the shared page cache (nginx, README "Page cache") what a change touched: one rule
for every change (`urls_touched_by`), sent once per transaction after the commit. Which answers
may be kept at all is site/page_cache.py's CacheControlMiddleware."""

import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move


def page_urls(page):
    """A page's full URLs (Wagtail's get_cached_paths: its own extra paths), none if it has
    no routable URL."""
    url = page.get_full_url()
    if url is None:
        return set()
    return {url + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()}


def urls_touched_by(page):
    """The URLs whose answer may change when `page` is published, unpublished, moved, deleted
    or expires: the page in every language (the language switcher and hreflang links of each
    translation name the others), and in its own language the pages listing it: the pages
    above it (home, directory, its centre or organisation, a campaign and the library) and
    those the page names itself (`listing_urls()`, e.g. an offer's topics and its centre)."""
    page = page.specific_deferred
    urls = set()
    for translation in (page, *page.get_translations()):
        urls |= page_urls(translation)
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        urls |= page_urls(ancestor)
    if hasattr(page.specific_class or Page, "listing_urls"):
        urls |= set(page.specific.listing_urls())
    return urls


_pending = threading.local()


def purging():
    """Whether a proxy cache is told of changes (PAGE_CACHE_PURGE_URL); else nothing is
    computed on publish."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_after_commit(urls):
    """Purge once the change is committed: before it, a visitor could fetch and store the old
    page under the path's new generation. One purge per transaction, whatever it changed."""
    if not urls:
        return
    first = getattr(_pending, "urls", None) is None
    _pending.urls = set(urls) if first else _pending.urls | set(urls)
    if first:
        transaction.on_commit(_purge_pending)  # at once when no transaction is open


def _purge_pending():
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls, _pending.urls = _pending.urls, None
    purge_urls_from_cache(sorted(urls or ()))


def _changed(instance, **kwargs):
    if purging():
        purge_after_commit(urls_touched_by(instance))


def _urls_with_descendants(page):
    urls = urls_touched_by(page)
    for descendant in page.get_descendants():
        urls |= page_urls(descendant)
    return urls


_before_move = threading.local()


def _before_moving(instance, **kwargs):
    if purging():
        _before_move.urls = _urls_with_descendants(instance)


def _moved(instance, **kwargs):
    before = getattr(_before_move, "urls", None) or set()
    _before_move.urls = None
    if purging():
        purge_after_commit(before | _urls_with_descendants(Page.objects.get(pk=instance.pk)))


def _deleting(sender, instance, **kwargs):
    if sender is Page and purging():  # each deleted page (and those below) once: its base row
        purge_after_commit(urls_touched_by(instance))


def _restriction_changed(instance, **kwargs):
    if not purging():
        return
    try:
        page = instance.page
    except Page.DoesNotExist:
        return
    purge_after_commit(_urls_with_descendants(page))


def connect():
    """Called once by PagecacheConfig.ready()."""
    page_published.connect(_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(_changed, dispatch_uid="page-cache-unpublished")
    pre_page_move.connect(_before_moving, dispatch_uid="page-cache-before-move")
    post_page_move.connect(_moved, dispatch_uid="page-cache-moved")
    pre_delete.connect(_deleting, dispatch_uid="page-cache-deleted")
    post_save.connect(_restriction_changed, sender=PageViewRestriction,
                      dispatch_uid="page-cache-restriction")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction,
                        dispatch_uid="page-cache-restriction-deleted")

