"""Suggestions while typing: topics, places, groups and offers, and campaign materials that
start like the typed text."""

from django.urls import reverse
from django.utils.http import urlencode

from campaigns.access import visible_to
from campaigns.models import MaterialPage
from directory.models import Locality, OfferPage
from directory.search_filters import having_ids, result_ids

from .backends import backend_for
from .backends.results import pks_of_many
from .understanding import fold, topic_terms

LIMIT_PER_KIND = 5


def _topics(text, locale):
    folded = fold(text)
    topics = []
    for topic in topic_terms(locale):
        if any(term.startswith(folded) or f" {folded}" in f" {term}"
               for term in topic.folded_terms):
            topics.append({"kind": "topic", "label": topic.name, "value": topic.name})
    return topics[:LIMIT_PER_KIND]


def _places(text):
    """Localities by postal code or name; choosing one lists what is nearest to it."""
    if text[:1].isdigit():
        localities = Locality.objects.filter(postal_code__startswith=text[:4])
    else:
        localities = Locality.objects.filter(name__istartswith=text)
    search_url = reverse("search")
    return [{"kind": "place", "label": str(locality), "value": locality.postal_code,
             "url": f"{search_url}?{urlencode({'near': locality.postal_code})}"}
            for locality in localities.order_by("postal_code", "name")[:LIMIT_PER_KIND]]


def _autocompleted_ids(querysets, text, locale):
    """For each queryset, the ids of the first objects whose titles start like the text, from
    the visitor's language's backend on the site's search engine (one request for all)."""
    backend = backend_for(locale)
    try:
        results = [backend.autocomplete(text, queryset)[:LIMIT_PER_KIND * 2]
                   for queryset in querysets]
        if hasattr(backend, "multi_search"):
            return pks_of_many(backend, results)
        return [result_ids(found) for found in results]
    except Exception:  # suggestions are a convenience: never fail the page over them
        return [[] for _queryset in querysets]


def _in_order(queryset, ids):
    by_pk = having_ids(queryset, ids).in_bulk() if ids else {}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _offers(request, offers, found):
    offers = _in_order(offers.only("title", "url_path"), found)  # a link is all they need
    return [{"kind": "offer", "label": offer.title, "url": offer.url}
            for offer in offers[:LIMIT_PER_KIND]]


def _materials(request, found):
    visible = visible_to(request, MaterialPage.objects.live()).only("title", "url_path")
    return [{"kind": "material", "label": material.title, "url": material.url}
            for material in _in_order(visible, found)[:LIMIT_PER_KIND]]


def suggest(request, text, locale):
    if text[:1].isdigit():  # a postal code: titles rarely start with digits
        return [*_places(text), *_topics(text, locale)]
    offers = OfferPage.objects.live().public().filter(locale=locale)
    materials = MaterialPage.objects.live().filter(locale=locale)
    offer_ids, material_ids = _autocompleted_ids((offers, materials), text, locale)
    return [*_topics(text, locale), *_places(text), *_offers(request, offers, offer_ids),
            *_materials(request, material_ids)]
