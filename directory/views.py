"""Public directory pages: the search with filters and counts, and the linked entry pages."""

from django.core.paginator import Paginator
from django.template.loader import get_template
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from search.cleaning import clean_params, clean_query

from .facts import FACETS, directory_facts, live_offers
from .models import OfferPage, OnlineOfferPage, RegionalCentrePage, SelfHelpGroupPage, Topic
from .search_filters import (
    OfferFilter,
    OfferSelection,
    best_first,
    by_distance,
    choices_of,
    distances_km,
    find_place,
    having_ids,
    matching_bitmap,
    order_by_distance,
)
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
    # the facts know which offers are live and public below this page: match them all, rank
    # only what the filters leave
    searched = OfferPage.objects.order_by()
    matches = matching_bitmap(snapshot, query) if query else None
    filterset = OfferFilter(params, queryset=live_offers(index_page),
                            locale=index_page.locale)
    selection = OfferSelection(filterset, snapshot, matching_bits=matches)
    near = params.get("near", "")[:MAX_PLACE_LENGTH]
    place = snapshot.remembered(("place", near), lambda: find_place(near)) if near else None
    offers = selection.offers()
    distances = distances_km(offers, place) if place else {}
    if place:
        offers = by_distance(offers, distances)
    elif query:
        offers = best_first(offers, query, searched)
    page_of_offers = Paginator(offers, RESULTS_PER_PAGE).get_page(params.get("page"))
    page_of_offers.object_list = offer_cards(request, snapshot, page_of_offers.object_list,
                                             distances)

    context = {
        "search_query": query,
        "filter": filterset,
        "counts": selection.counts() if filterset.is_valid() else {},
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


def with_card_data(queryset):
    """What an offer card shows (directory/_offer_card.html), and nothing more: each joined
    page row costs far more to turn into objects than to fetch."""
    return queryset.select_related("selfhelpgrouppage__locality").prefetch_related("languages")


def listing_pages(facts, distances=None):
    """The offers of one result page, with what the listing shows, in the facts' order, each
    with its distance_km (from `distances`, else the facts' own)."""
    by_pk = with_card_data(having_ids(OfferPage.objects.order_by(), [f.pk for f in facts]))
    by_pk = by_pk.in_bulk()
    pages = []
    for offer_facts in facts:
        page = by_pk.get(offer_facts.pk)
        if page is not None:
            page.distance_km = (distances.get(offer_facts.pk) if distances is not None
                                else getattr(offer_facts, "distance_km", None))
            pages.append(page)
    return pages


def offer_cards(request, snapshot, facts, distances):
    """The HTML of the offers' cards (directory/_offer_card.html) in the facts' order."""
    return list(cards_by_offer(request, snapshot, facts, distances).values())


def cards_by_offer(request, snapshot, facts, distances):
    """pk -> the HTML of the offer's card, in the facts' order, remembered with the facts'
    snapshot: loading and rendering 20 offer pages costs about as much as the rest of the
    search. A card depends on the offer, its distance, the language and its link: the site,
    and the offer's path, which changes without the offer being published when a page above
    it gets a new slug (the host stands for the site: it is what Wagtail finds the site by)."""
    host, language = request.get_host(), get_language()
    paths = dict(Page.objects.filter(pk__in=[offer.pk for offer in facts])
                 .values_list("pk", "url_path"))
    facts_of = {(offer.pk, paths.get(offer.pk), distances.get(offer.pk), language, host): offer
                for offer in facts}

    def render_missing(missing):
        template = get_template("directory/_offer_card.html")
        by_pk = {page.pk: page for page in listing_pages([facts_of[key] for key in missing],
                                                           distances)}
        return {key: template.render({"offer": by_pk[key[0]], "request": request})
                for key in missing if key[0] in by_pk}

    keys = list(facts_of)
    return {key[0]: card for key, card in zip(
        keys, snapshot.remembered_cards(keys, render_missing), strict=True) if card}


def cards_in_locale(request, snapshots, offers):
    """pk -> the HTML of the card of each offer (with pk and distance_km) of a locale's
    directories (their facts: facts.locale_snapshots), remembered as in cards_by_offer."""
    cards = {}
    for snapshot in snapshots:
        here = [offer for offer in offers if offer.pk in snapshot.position]
        cards.update(cards_by_offer(request, snapshot, here,
                                    {offer.pk: offer.distance_km for offer in here}))
    return cards


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
    siblings = (public_pages(OfferPage.objects.filter(locale=offer.locale,
                                                      topics__in=offer.topics.all()))
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

