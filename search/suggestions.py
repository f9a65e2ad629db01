"""Suggestions while typing: topics, places and offers that start like the typed text."""

from wagtail.search.backends import get_search_backend

from directory.models import Locality, OfferPage, Topic

from .understanding import fold

LIMIT_PER_KIND = 5


def _topics(text, locale):
    folded = fold(text)
    topics = []
    for topic in Topic.objects.filter(locale=locale).only("name", "slug", "synonyms"):
        terms = [topic.name, *topic.synonym_list]
        if any(fold(term).startswith(folded) or f" {folded}" in f" {fold(term)}"
               for term in terms):
            topics.append({"kind": "topic", "label": topic.name, "value": topic.name})
    return topics[:LIMIT_PER_KIND]


def _places(text):
    if text[:1].isdigit():
        localities = Locality.objects.filter(postal_code__startswith=text[:4])
    else:
        localities = Locality.objects.filter(name__istartswith=text)
    return [{"kind": "place", "label": str(locality), "value": locality.postal_code}
            for locality in localities.order_by("postal_code", "name")[:LIMIT_PER_KIND]]


def _offers(text, locale):
    offers = OfferPage.objects.live().public().filter(locale=locale)
    try:
        results = get_search_backend().autocomplete(text, offers)[:LIMIT_PER_KIND]
        return [{"kind": "offer", "label": offer.title, "url": offer.url} for offer in results]
    except Exception:  # suggestions are a convenience: never fail the page over them
        return []


def suggest(text, locale):
    return [*_topics(text, locale), *_places(text), *_offers(text, locale)]
