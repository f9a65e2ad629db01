"""Suggestions while typing: topics, places, groups and offers, and campaign materials that
start like the typed text."""

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page

from campaigns.access import Visibility
from campaigns.models import MaterialPage
from directory.facts import directory_pages
from directory.models import OfferPage
from directory.query import topics_with_offers
from directory.visibility import public_pages, searchable_pages
from fulltext.backends import backend_for
from fulltext.backends.results import pks_later
from fulltext.queries import in_order
from fulltext.understanding import fold, topic_terms
from taxonomy.models import Locality

LIMIT_PER_KIND = 5


def _topics(text, locale):
    """Topics whose name or synonym starts like the text, if they have offers; choosing one
    opens the topic's page in the directory, a filter on the topic and the narrower ones."""
    folded = fold(text)
    with_offers = topics_with_offers(locale)
    topics = []
    for topic in topic_terms(locale):
        if topic.key in with_offers and any(
                term.startswith(folded) or f" {folded}" in f" {term}"
                for term in topic.folded_terms):
            topics.append({"kind": "topic", "label": topic.name, "value": topic.name,
                           "url": _topic_url(topic, locale)})
    return topics[:LIMIT_PER_KIND]


def _topic_url(topic, locale):
    directory = directory_pages(locale).first()
    if directory is None:  # the search finds a topic's offers by its name too
        return f"{reverse('search')}?{urlencode({'q': topic.name})}"
    return directory.url + directory.reverse_subpage("topic", kwargs={"slug": topic.key})


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


def _autocompleting(querysets, text, locale):
    """Asks the visitor's language's backend on the site's search engine for the ids of the
    first objects of each queryset whose titles start like the text, and gives a function
    that waits for them (the engine gets one request, answered while the database is read)."""
    def nothing():
        return [[] for _queryset in querysets]

    backend = backend_for(locale)
    try:
        waiting = pks_later(backend, [backend.autocomplete(text, queryset)[:LIMIT_PER_KIND * 2]
                                      for queryset in querysets])
    except Exception:  # suggestions are a convenience: never fail the page over them
        return nothing

    def found():
        try:
            return waiting()
        except Exception:
            return nothing()
    return found


def _offers(offers, found):
    offers = in_order(offers.only("title", "url_path"), found)  # a link is all they need
    return [{"kind": "offer", "label": offer.title, "url": offer.url}
            for offer in offers[:LIMIT_PER_KIND]]


def _materials(visibility, found):
    visible = visibility.apply(MaterialPage.objects.live()).only("title", "url_path")
    return [{"kind": "material", "label": material.title, "url": material.url}
            for material in in_order(visible, found)[:LIMIT_PER_KIND]]


def suggest(request, text, locale):
    if text[:1].isdigit():  # a postal code: titles rarely start with digits
        return [*_places(text), *_topics(text, locale)]
    offers, private = OfferPage.objects.filter(locale=locale), Page.objects.private_q()
    materials = MaterialPage.objects.live().filter(locale=locale)
    autocompleted = _autocompleting((searchable_pages(offers, private), materials), text, locale)
    # read while the engine searches
    topics, places, visibility = _topics(text, locale), _places(text), Visibility(request)
    offer_ids, material_ids = autocompleted()
    return [*topics, *places, *_offers(public_pages(offers, private), offer_ids),
            *_materials(visibility, material_ids)]
