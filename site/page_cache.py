"""Which answers a shared cache (nginx in front of gunicorn, a CDN) may keep, and telling it
when they change. One rule for every response (`CacheControlMiddleware`), one for every change
(`pagecache.invalidation.urls_touched_by`); the proxy side is
site/nginx/entraide.conf.template, README "Page cache".

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


from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail import hooks
from wagtail.models import Page

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
