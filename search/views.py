"""The site search: directory offers and campaign materials in one list with facets, editorial
pages, editors' promoted results, and suggestions while typing."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from campaigns.access import Visibility
from campaigns.cards import with_card_data
from campaigns.models import MaterialPage
from directory.cards import cards_in_locale
from directory.query import OfferQuery, Place
from directory.search_filters import find_place
from directory.visibility import public_pages
from fulltext.cleaning import clean_params, clean_query
from fulltext.queries import having_ids
from taxonomy.models import Topic

from .engine import SearchUnavailable, finding
from .query_log import record
from .results import (
    FACETS,
    Selection,
    filterset_ignoring_bad_values,
    in_language_first,
    material_results,
    offer_results,
    ordered,
)
from .suggestions import suggest as suggestions_for

RESULTS_PER_PAGE = 20
MAX_PLACE_LENGTH = 80


def current_locale():
    return Locale.objects.filter(language_code=get_language()).first() or Locale.get_default()


def promotions_for(query, locale):
    """The editors' picks for the query (Wagtail's search promotions): promoted pages in the
    visitor's language that everyone may see, and external links."""
    search_query = Query.objects.filter(query_string=normalise_query_string(query)).first()
    if search_query is None:
        return []
    visible = public_pages(Page.objects.filter(locale=locale))
    picks = []
    for pick in search_query.editors_picks.select_related("page"):
        if pick.page is None:
            if pick.external_link_url:
                picks.append({"url": pick.external_link_url, "title": pick.external_link_text
                              or pick.external_link_url, "description": pick.description})
            continue
        page = pick.page.get_translation_or_none(locale)
        if page is not None and visible.filter(pk=page.pk).exists():
            picks.append({"page": page, "url": page.url, "title": page.title,
                          "description": pick.description})
    return picks


def _offers(locale, query, place, matches=None):
    """The directory's answer (directory.query.OfferQuery) to the words and the place."""
    return OfferQuery(locale, query, place=Place.of(place) if place else None,
                      ranked=matches and matches.offer_ids,
                      understood=matches and matches.understood).run(with_counts=False)


def _finding(request, query, locale, place=None):
    """Sends the search to the engine and gives a function that waits for (results, pages,
    understood, degraded) of a query, or of a place alone (then every offer, nearest
    first)."""
    if not query:
        return lambda: (offer_results(_offers(locale, query, place)), [], None, False)
    materials = MaterialPage.objects.live().filter(locale=locale).only("pk")  # ids are enough
    matching = finding(query, locale, materials=materials)
    # read while the engine searches
    visibility, broader_topics = Visibility(request), Topic.broader_slugs()

    def found():
        matches = matching()
        offers = offer_results(_offers(locale, query, place, matches))
        material_ids = matches.material_ids
        visible = visibility.apply(having_ids(MaterialPage.objects.live(), material_ids))
        materials = material_results(visible, material_ids, broader_topics)
        return offers + materials, matches.pages, matches.understood, matches.degraded
    return found


def _shown(request, results):
    """The results on the page shown, in their order: {kind: "offer", card: its HTML} or
    {kind: "material", page}."""
    offer_cards = cards_in_locale(request,
                                  [result for result in results if result.kind == "offer"])
    materials = with_card_data(MaterialPage.objects.filter(
        pk__in=[result.pk for result in results if result.kind == "material"])).in_bulk()
    shown = []
    for result in results:
        if result.kind == "offer" and result.pk in offer_cards:
            shown.append({"kind": "offer", "card": offer_cards[result.pk]})
        elif result.kind == "material" and result.pk in materials:
            shown.append({"kind": "material", "page": materials[result.pk]})
    return shown


def _without_page(params):
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


def _is_new_search(params):
    """A search typed by the visitor, not a further page or facet of one (for the report)."""
    return not params.get("page") and not any(params.get(name) for name in FACETS)


def search(request):
    params = clean_params(request.GET)
    typed = params.get("q", "")  # as typed: the query log must see an e-mail's "@"
    query = clean_query(typed)
    near = params.get("near", "")[:MAX_PLACE_LENGTH]
    locale = current_locale()
    place = find_place(near)
    context = {"search_query": query, "near": near, "place": place,
               "place_not_found": bool(near) and place is None}
    if not query and not place:
        return render(request, "search/search.html", context)

    found = _finding(request, query, locale, place)
    # what does not depend on the results is read while the engine searches
    promotions = promotions_for(query, locale) if query else []
    filterset, ignored_filters = filterset_ignoring_bad_values(params, locale)
    filterset.read_choices()
    try:
        results, pages, understood, degraded = found()
    except SearchUnavailable:
        context["search_unavailable"] = True
        return render(request, "search/search.html", context)

    promoted = {pick["page"].pk for pick in promotions if "page" in pick}
    results = [result for result in results if result.pk not in promoted]
    pages = [page for page in pages if page.pk not in promoted]
    selection = Selection(filterset, results)
    listed, other_languages_note = in_language_first(
        ordered(selection.passing()), locale.language_code)
    page_of_results = Paginator(listed, RESULTS_PER_PAGE).get_page(params.get("page"))
    page_of_results.object_list = _shown(request, page_of_results.object_list)

    if query and _is_new_search(params):
        record(typed, locale.language_code, found_anything=bool(results or pages or promotions))
    context.update(
        understood=understood,
        degraded=degraded,
        promotions=promotions,
        results=page_of_results,
        pages=pages,
        filter=filterset,
        counts=selection.counts(),
        ignored_filters=", ".join(ignored_filters),
        other_languages_note=other_languages_note,
        querystring=_without_page(params),
    )
    return render(request, "search/search.html", context)


def suggest(request):
    query = clean_query(request.GET.get("q", ""))
    suggestions = suggestions_for(request, query, current_locale()) if len(query) >= 2 else []
    response = JsonResponse({"query": query, "suggestions": suggestions})
    # partner staff may be suggested partner-only material: never from a shared cache
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=60)
    return response
