"""Public directory pages: the search with filters and counts, and the linked entry pages."""

from django.core.paginator import Paginator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fulltext.cleaning import clean_params, clean_query
from fulltext.queries import having_ids

from .cards import offer_cards
from .facts import FACETS, directory_facts
from .models import OfferPage, OnlineOfferPage, RegionalCentrePage, SelfHelpGroupPage
from .query import OfferFilters, OfferQuery, Place
from .search_filters import OfferFilter, choices_of, find_place
from .visibility import public_pages

RESULTS_PER_PAGE = 20
MAX_PLACE_LENGTH = 80
RELATED_LIMIT = 4


def with_listing_data(queryset):
    return queryset.select_related(
        "centre", "organisation", "selfhelpgrouppage__locality",
        "selfhelpgrouppage__canton", "onlineofferpage",
    ).prefetch_related("topics", "languages")


def directory_search_context(request, index_page):
    params = clean_params(request.GET)
    query = clean_query(params.get("q", ""))
    snapshot = directory_facts(index_page)
    filterset = OfferFilter(params, locale=index_page.locale)
    valid = filterset.is_valid()
    near = params.get("near", "")[:MAX_PLACE_LENGTH]
    place = snapshot.remembered(("place", near), lambda: find_place(near)) if near else None
    answer = OfferQuery(
        index_page.locale, query,
        OfferFilters.from_cleaned(filterset.form.cleaned_data if valid else {}),
        Place.of(place) if place else None, index_page=index_page,
    ).run()
    page_of_offers = Paginator(answer.offers, RESULTS_PER_PAGE).get_page(params.get("page"))
    page_of_offers.object_list = offer_cards(request, page_of_offers.object_list,
                                             answer.distances)

    context = {
        "search_query": query,
        "filter": filterset,
        "counts": answer.counts if valid else {},
        "choices": snapshot.remembered(("choices", get_language(), index_page.locale_id),
                                       lambda: facet_choices(filterset)),
        "offers": page_of_offers,
        "place": place,
        "near": near,
        "place_not_found": bool(near) and place is None,
        "querystring": querystring_without_page(request),
    }
    if page_of_offers.paginator.count == 0:
        context["alternatives"] = alternatives(index_page, filterset)
    return context


def facet_choices(filterset):
    """Filter name -> (value, label) of its choices in the visitor's language."""
    return {name: choices_of(filterset.form.fields[name]) for name in FACETS}


def querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def alternatives(index_page, filterset):
    """No dead ends: online offers on the chosen topics and the centre of the chosen canton."""
    cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
    online = public_pages(OnlineOfferPage.objects.descendant_of(index_page).filter(
        locale=index_page.locale))
    if cleaned.get("topic"):
        online = online.filter(topics__in=cleaned["topic"]).distinct()
    centres = public_pages(RegionalCentrePage.objects.descendant_of(index_page).filter(
        locale=index_page.locale))
    if cleaned.get("canton"):
        centres = centres.filter(cantons_served=cleaned["canton"])
    return {
        "online": online.order_by("title")[:5],
        "centres": centres.order_by("title")[:3],
        "message": _(
            "No group matches yet. Here are online offers and the regional centre that "
            "can help you find or found a group."
        ),
    }


def related_offers(offer):
    """Same topic nearby first, then online alternatives on the same topics."""
    topics = tuple(offer.topics.values_list("slug", flat=True))
    if not topics:
        return {"nearby": [], "online": []}
    nearby = []
    if isinstance(offer, SelfHelpGroupPage) and offer.latitude is not None:
        answer = OfferQuery(offer.locale, filters=OfferFilters(
            topic=topics, format=("in_person", "hybrid")),
            place=Place(float(offer.latitude), float(offer.longitude))).run(with_counts=False)
        nearby = offer_pages([pk for pk in answer.ids if pk != offer.pk][:RELATED_LIMIT])
    online = OfferQuery(offer.locale, filters=OfferFilters(topic=topics, format=("online",))
                        ).run(with_counts=False)
    online = offer_pages([pk for pk in online.ids if pk != offer.pk][:RELATED_LIMIT])
    return {"nearby": nearby, "online": online}


def topic_offers(index_page, topic):
    """The offers on the topic or a narrower one, by format and title."""
    answer = OfferQuery(index_page.locale, filters=OfferFilters(topic=(topic.slug,)),
                        index_page=index_page).run(with_counts=False)
    return sorted(offer_pages(answer.ids), key=lambda page: (page.offer_format, page.title))


def offer_pages(ids):
    """The offers with these ids, in this order, with what listings show."""
    by_pk = with_listing_data(having_ids(OfferPage.objects.order_by(), ids)).in_bulk()
    return [by_pk[pk] for pk in ids if pk in by_pk]
