"""Suggestions while typing: topics, places, groups and offers, and campaign materials that
start like the typed text."""

from django.urls import reverse
from django.utils.http import urlencode

from campaigns.access import visible_to
from campaigns.models import MaterialPage
from directory.models import Locality, OfferPage
from directory.search_filters import result_ids

from .backends import backend_for
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


def _autocomplete(queryset, text, locale, ids_only=False):
    """The first objects (or their ids) whose titles start like the text, from the visitor's
    language's backend on the site's search engine."""
    try:
        found = backend_for(locale).autocomplete(text, queryset)[:LIMIT_PER_KIND * 2]
        return result_ids(found) if ids_only else list(found)
    except Exception:  # suggestions are a convenience: never fail the page over them
        return []


def _offers(text, locale):
    offers = _autocomplete(OfferPage.objects.live().public().filter(locale=locale), text,
                           locale)
    return [{"kind": "offer", "label": offer.title, "url": offer.url}
            for offer in offers[:LIMIT_PER_KIND]]


def _materials(request, text, locale):
    found = _autocomplete(MaterialPage.objects.live().filter(locale=locale), text, locale,
                          ids_only=True)
    if not found:
        return []
    visible = visible_to(request, MaterialPage.objects.live().filter(pk__in=found)).in_bulk()
    materials = [visible[pk] for pk in found if pk in visible][:LIMIT_PER_KIND]
    return [{"kind": "material", "label": material.title, "url": material.url}
            for material in materials]


def suggest(request, text, locale):
    if text[:1].isdigit():  # a postal code: titles rarely start with digits
        return [*_places(text), *_topics(text, locale)]
    return [*_topics(text, locale), *_places(text), *_offers(text, locale),
            *_materials(request, text, locale)]
