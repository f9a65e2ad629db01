"""One search over the directory and the editorial pages, composed from what the apps index.

The backend is Wagtail's configured one (database on SQLite/PostgreSQL, Elasticsearch 8 in
production). When Elasticsearch cannot be reached the search falls back to the database
backend and says so, instead of failing."""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from wagtail.search.backends import get_search_backend

from directory.models import OfferPage
from home.models import ContentPage

from .understanding import understand

logger = logging.getLogger(__name__)
MAX_MATCHES = 1000
FALLBACK_BACKEND = "database"


class SearchUnavailable(Exception):
    pass


@dataclass
class Matches:
    offer_ids: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    understood: object = None
    degraded: bool = False  # answered by the fallback backend


def _search(queryset, text, operator, backend_name):
    backend = get_search_backend(backend_name)
    try:
        return list(backend.search(text, queryset, operator=operator)[:MAX_MATCHES])
    except Exception as error:  # the client raises transport errors of several kinds
        if backend_name == FALLBACK_BACKEND:
            raise
        raise SearchUnavailable(str(error)) from error


def _ranked_ids(queryset, texts, backend_name):
    """Ids matching all words of any of the texts, in rank order; any word as a last resort."""
    ranked = []
    for text in texts:
        for result in _search(queryset, text, "and", backend_name):
            if result.pk not in ranked:
                ranked.append(result.pk)
    if not ranked:
        ranked = [result.pk for result in _search(queryset, texts[0], "or", backend_name)]
    return ranked


def _in_order(queryset, ids):
    by_pk = queryset.in_bulk(ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]


def backend_names():
    configured = settings.WAGTAILSEARCH_BACKENDS
    names = ["default"]
    if FALLBACK_BACKEND in configured:
        names.append(FALLBACK_BACKEND)
    return names


def find(text, locale):
    understood = understand(text, locale)
    texts = [understood.best_text, *understood.alternatives()]
    offers = OfferPage.objects.live().public().filter(locale=locale)
    pages = ContentPage.objects.live().public().filter(locale=locale)
    names = backend_names()
    for position, backend_name in enumerate(names):
        try:
            return Matches(
                offer_ids=_ranked_ids(offers, texts, backend_name),
                pages=_in_order(pages, _ranked_ids(pages, texts, backend_name)[:10]),
                understood=understood,
                degraded=position > 0,
            )
        except SearchUnavailable as error:
            logger.warning("search backend %s unavailable: %s", backend_name, error)
            if position == len(names) - 1:
                raise
    raise SearchUnavailable("no search backend configured")


def find_ids(queryset, understood):
    """Ids of the queryset's objects matching an understood query, best first, with the same
    fallback as find(): (ids, degraded)."""
    texts = [understood.best_text, *understood.alternatives()]
    names = backend_names()
    for position, backend_name in enumerate(names):
        try:
            return _ranked_ids(queryset, texts, backend_name), position > 0
        except SearchUnavailable as error:
            logger.warning("search backend %s unavailable: %s", backend_name, error)
            if position == len(names) - 1:
                raise
    raise SearchUnavailable("no search backend configured")
