"""Public directory pages: the search with filters and counts, and the linked entry pages."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from .models import OfferPage, OnlineOfferPage, RegionalCentrePage, SelfHelpGroupPage, Topic
from .search_filters import (
    MAX_QUERY_LENGTH,
    OfferFilter,
    distance_km,
    facet_counts,
    find_place,
    order_by_distance,
)

RESULTS_PER_PAGE = 20
RELATED_LIMIT = 4


def clean_query(raw):
    """Trim, drop control characters and cap the length: bad input never reaches the backend."""
    printable = "".join(ch for ch in raw if ch.isprintable())
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def live_offers(index_page):
    return (OfferPage.objects.live().public().descendant_of(index_page)
            .filter(locale=index_page.locale))


def matching_ids(queryset, query):
    """Ids of the offers matching the words, best first (Wagtail's configured search)."""
    results = queryset.search(query, operator="and")
    ids = [offer.pk for offer in results[:2000]]
    if not ids:
        ids = [offer.pk for offer in queryset.search(query, operator="or")[:2000]]
    return ids


def with_listing_data(queryset):
    return queryset.select_related(
        "centre", "organisation", "selfhelpgrouppage__locality",
        "selfhelpgrouppage__canton", "onlineofferpage",
    ).prefetch_related("topics", "languages")


def directory_search_context(request, index_page):
    query = clean_query(request.GET.get("q", ""))
    base = live_offers(index_page)
    if query:
        ids = matching_ids(base, query)
        base = base.filter(pk__in=ids)
    else:
        ids = []
    filterset = OfferFilter(request.GET, queryset=base, locale=index_page.locale)
    offers = filterset.qs if filterset.is_valid() else base
    place = find_place(request.GET.get("near", ""))
    if place:
        offers = order_by_distance(offers, place)
    elif ids:
        rank = {pk: position for position, pk in enumerate(ids)}
        offers = sorted(offers.order_by(), key=lambda offer: rank.get(offer.pk, len(rank)))
    else:
        offers = offers.order_by("title")

    if isinstance(offers, list):
        page_of_offers = Paginator(offers, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        listing = with_listing_data(OfferPage.objects.filter(
            pk__in=[offer.pk for offer in page_of_offers]))
        by_pk = {offer.pk: offer for offer in listing}
        page_of_offers.object_list = [by_pk[offer.pk] for offer in page_of_offers]
    else:
        page_of_offers = Paginator(with_listing_data(offers), RESULTS_PER_PAGE).get_page(
            request.GET.get("page"))
    for offer in page_of_offers:
        offer.distance_km = distance_km(offer)

    context = {
        "search_query": query,
        "filter": filterset,
        "counts": facet_counts(filterset, base),
        "offers": page_of_offers,
        "place": place,
        "near": request.GET.get("near", "")[:80],
        "place_not_found": bool(request.GET.get("near")) and place is None,
        "querystring": querystring_without_page(request),
    }
    if page_of_offers.paginator.count == 0:
        context["alternatives"] = alternatives(index_page, filterset)
    return context


def querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def alternatives(index_page, filterset):
    """No dead ends: online offers on the chosen topics and the centre of the chosen canton."""
    cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
    online = OnlineOfferPage.objects.live().public().descendant_of(index_page).filter(
        locale=index_page.locale)
    if cleaned.get("topic"):
        online = online.filter(topics__in=cleaned["topic"]).distinct()
    centres = RegionalCentrePage.objects.live().public().descendant_of(index_page).filter(
        locale=index_page.locale)
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
    siblings = (OfferPage.objects.live().public()
                .filter(locale=offer.locale, topics__in=offer.topics.all())
                .exclude(pk=offer.pk).distinct())
    nearby = []
    if isinstance(offer, SelfHelpGroupPage) and offer.latitude is not None:
        in_person = siblings.filter(offer_format__in=["in_person", "hybrid"])
        nearby = list(order_by_distance(with_listing_data(in_person), offer)[:RELATED_LIMIT])
    online = list(siblings.filter(offer_format="online").order_by("title")[:RELATED_LIMIT])
    return {"nearby": nearby, "online": online}


def topic_offers(index_page, topic):
    return with_listing_data(
        live_offers(index_page)
        .filter(topics__slug__in=Topic.slugs_with_narrower([topic.slug])).distinct()
        .order_by("offer_format", "title")
    )

