"""The site search: offers of the directory with facets, editorial pages, suggestions."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale

from directory.models import OfferPage
from directory.search_filters import OfferFilter, facet_counts, find_place, order_by_distance
from directory.views import clean_query, querystring_without_page, with_listing_data

from .engine import SearchUnavailable, find
from .suggestions import suggest as suggestions_for

RESULTS_PER_PAGE = 20


def current_locale():
    return Locale.objects.filter(language_code=get_language()).first() or Locale.get_default()


def _ordered(queryset, ids, place):
    if place:
        return list(order_by_distance(queryset, place))
    rank = {pk: position for position, pk in enumerate(ids)}
    return sorted(queryset.order_by(), key=lambda offer: rank.get(offer.pk, len(rank)))


def _in_visitor_language_first(offers, language_code):
    """Offers held in the visitor's language; when there are none, the others with a note."""
    own = [offer for offer in offers
           if any(language.code == language_code for language in offer.languages.all())]
    return (own, False) if own else (offers, bool(offers))


def search(request):
    query = clean_query(request.GET.get("q", ""))
    locale = current_locale()
    context = {"search_query": query, "near": request.GET.get("near", "")[:80]}
    if not query:
        return render(request, "search/search.html", context)

    try:
        matches = find(query, locale)
    except SearchUnavailable:
        context["search_unavailable"] = True
        return render(request, "search/search.html", context)

    base = OfferPage.objects.filter(pk__in=matches.offer_ids)
    filterset = OfferFilter(request.GET, queryset=base, locale=locale)
    filtered = filterset.qs if filterset.is_valid() else base
    place = find_place(context["near"])
    offers = _ordered(with_listing_data(filtered), matches.offer_ids, place)
    offers, other_languages_only = _in_visitor_language_first(offers, locale.language_code)
    page_of_offers = Paginator(offers, RESULTS_PER_PAGE).get_page(request.GET.get("page"))

    search_query = Query.get(query)
    search_query.add_hit()
    context.update(
        understood=matches.understood,
        degraded=matches.degraded,
        promotions=search_query.editors_picks.filter(page__live=True, page__locale=locale),
        offers=page_of_offers,
        pages=matches.pages,
        filter=filterset,
        counts=facet_counts(filterset, base),
        place=place,
        other_languages_only=other_languages_only,
        querystring=querystring_without_page(request),
    )
    return render(request, "search/search.html", context)


@cache_control(public=True, max_age=60)
def suggest(request):
    query = clean_query(request.GET.get("q", ""))
    if len(query) < 2:
        return JsonResponse({"query": query, "suggestions": []})
    return JsonResponse({"query": query,
                         "suggestions": suggestions_for(query, current_locale())})
