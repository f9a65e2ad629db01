"""The one public-page rule: which pages anyone may see, asked by every channel that shows
offers, centres, organisations or editorial pages (their pages, listings, searches,
suggestions, widgets, the HSDS API and export, the sitemap, the contact form).

A page is public when it is live, outside every private section (no view restriction on it
or on any page above it) and not past its expiry date. Wagtail applies `expire_at` only when
`publish_scheduled` runs; until then an expired page is still live, so the rule checks the
date itself, and `hide_expired_pages` answers 404 for such a page's own address.
"""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page


def expired_q(now=None):
    return Q(expire_at__lte=now or timezone.now())


def has_expired(expire_at, now=None):
    """Whether a page with this expiry date is past it (the same test as expired_q)."""
    return expire_at is not None and expire_at <= (now or timezone.now())


def public_pages(queryset, private=None, now=None):
    """The pages of a page queryset that the public may see (`private`: as in
    searchable_pages)."""
    return searchable_pages(queryset, private).exclude(expired_q(now))


def searchable_pages(queryset, private=None):
    """The part of the rule a search index can filter on: live and not private (`private`:
    Page.objects.private_q(), when already read). Expiry is not indexed, so what a search
    finds is shown only through public_pages() or the directory facts, which apply it."""
    private = Page.objects.private_q() if private is None else private
    return queryset.live().exclude(private)


def is_public(page):
    """Whether the public may see this one page."""
    return public_pages(Page.objects.filter(pk=page.pk)).exists()


@hooks.register("before_serve_page", order=-20)  # before password and login forms
def hide_expired_pages(page, request, serve_args, serve_kwargs):
    """An expired page answers 404 before the scheduled unpublishing catches up; its editors
    still see it (and preview it, which does not pass here)."""
    if has_expired(page.expire_at) and not page.permissions_for_user(request.user).can_edit():
        raise Http404
