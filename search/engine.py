"""The site search's question to the full text search (fulltext.engine): offers, editorial
pages and campaign materials matching the visitor's words, in their language."""

from dataclasses import dataclass, field

from wagtail.models import Page

from directory.query import MAX_MATCHES, searchable_offers
from directory.visibility import public_pages, searchable_pages
from fulltext.engine import SearchUnavailable, ranking
from fulltext.queries import in_order
from home.models import ContentPage

__all__ = ["Matches", "SearchUnavailable", "find", "finding"]
PAGES = 10  # editorial pages listed beside the results


@dataclass
class Matches:
    offer_ids: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    material_ids: list = field(default_factory=list)
    understood: object = None
    degraded: bool = False  # answered by the fallback backend


def find(text, locale, materials=None):
    """Offers, editorial pages and (given their queryset) materials matching the text."""
    return finding(text, locale, materials)()


def finding(text, locale, materials=None):
    """Sends find()'s searches and gives a function that waits for the Matches."""
    private = Page.objects.private_q()  # .public() of each queryset would read it again
    pages = searchable_pages(ContentPage.objects.filter(locale=locale), private)
    shown_pages = public_pages(ContentPage.objects.filter(locale=locale), private)
    searched = [(searchable_offers(locale, private), MAX_MATCHES), (pages, PAGES)]
    if materials is not None:
        searched.append((materials, MAX_MATCHES))
    waiting = ranking(text, locale, searched)

    def matches():
        found = waiting()
        offer_ids, page_ids, *material_ids = found.ids
        return Matches(offer_ids=offer_ids, pages=in_order(shown_pages, page_ids)[:PAGES],
                       material_ids=material_ids[0] if material_ids else [],
                       understood=found.understood, degraded=found.degraded)
    return matches
