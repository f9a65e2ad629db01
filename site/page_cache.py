"""Which answers a shared cache (nginx in front of gunicorn, a CDN) may keep, and telling it
when they change. One rule for every response (`CacheControlMiddleware`), one for every change
(`urls_touched_by`); the proxy side is site/nginx/entraide.conf.template, README "Page cache".

Kept by shared caches (`public, max-age=60, s-maxage=PAGE_CACHE_SECONDS`): a Wagtail page's
HTML answered 200 to a GET without a session, live and in no private section, that rendered no
secret (no CSRF token: no form; compression.holds_secret is the same rule for gzip) and set no
cookie. The key is the whole URL: the language is its prefix, and filters, paging and the
crisis notice come from the query string. The time is cut short at the next scheduled change
that no signal announces (a page's `expire_at`, hidden by date before `publish_scheduled` runs;
other apps add theirs through the `page_cache_changes_at` hook).

For this visitor only (`private, no-store`): the admin, anything for a signed-in user or a
session (partners, passed page passwords), anything with a CSRF token or setting a cookie,
pages that are not live or in a private section (previews, drafts, partner pages).

A Cache-Control a view already made private is kept (media's `private, no-cache`: the
browser keeps the file and asks again). Other answers below a page's address (a material's
downloads, renditions and ZIPs) keep what they tell browsers, but shared caches get
`s-maxage=0`: no "public, max-age=3600" keeps a file in the proxy after its rights expired.
Answers outside pages keep their own decisions (media.py, widgets, suggestions).
"""

import threading

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from .compression import holds_secret
from .middleware import ADMIN_PATHS

BROWSER_SECONDS = 60  # a visitor's own browser may show a page this long without asking
FOR_ONE_VISITOR = "private, no-store"


# --- the policy -----------------------------------------------------------------------------


def shared_cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def is_for_one_visitor(request, response):
    return (request.path_info.startswith(ADMIN_PATHS)
            or getattr(request, "is_preview", False)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or holds_secret(request)
            or bool(response.cookies))


def served_page(request):
    """The Wagtail page this request was answered by (wagtail.views.serve keeps its route)."""
    route = getattr(request, "_wagtail_route_for_request", None)
    return route[0] if route else None


def is_public_page(page):
    return page.live and not page.get_view_restrictions().exists()


def next_scheduled_change(now):
    """When a page shown now changes by the clock alone (no publish, no signal)."""
    moments = [Page.objects.live().filter(expire_at__gt=now).aggregate(at=Min("expire_at"))["at"]]
    moments += [hook(now) for hook in hooks.get_hooks("page_cache_changes_at")]
    return min((moment for moment in moments if moment is not None), default=None)


def cacheable_seconds():
    now = timezone.now()
    seconds = shared_cache_seconds()
    if (change := next_scheduled_change(now)) is not None:
        seconds = min(seconds, max(0, int((change - now).total_seconds())))
    return seconds


def cache_control_for(request, response):
    """The Cache-Control header this answer leaves with (None: keep the view's own)."""
    if is_for_one_visitor(request, response):
        current = response.get("Cache-Control", "")
        return current if "private" in current or "no-store" in current else FOR_ONE_VISITOR
    page = served_page(request)
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if (request.method in ("GET", "HEAD") and response.status_code == 200 and page is not None
            and content_type == "text/html" and is_public_page(page)):
        if (seconds := cacheable_seconds()) > 0:
            return f"public, max-age={min(BROWSER_SECONDS, seconds)}, s-maxage={seconds}"
        return "public, max-age=0, s-maxage=0"
    return None


class CacheControlMiddleware:
    """Place it outside the session and CSRF middleware: it must see the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (decided := cache_control_for(request, response)) is not None:
            response["Cache-Control"] = decided
        elif served_page(request) and "public" in response.get("Cache-Control", ""):
            patch_cache_control(response, s_maxage=0)  # a page's files and ZIPs: see above
        return response


# --- invalidation ---------------------------------------------------------------------------


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
    """Called by home.apps (site/ is no app of its own)."""
    page_published.connect(_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(_changed, dispatch_uid="page-cache-unpublished")
    pre_page_move.connect(_before_moving, dispatch_uid="page-cache-before-move")
    post_page_move.connect(_moved, dispatch_uid="page-cache-moved")
    pre_delete.connect(_deleting, dispatch_uid="page-cache-deleted")
    post_save.connect(_restriction_changed, sender=PageViewRestriction,
                      dispatch_uid="page-cache-restriction")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction,
                        dispatch_uid="page-cache-restriction-deleted")

