"""The public, read-only HSDS 3.0 API (Open Referral) at /api/hsds/.

Endpoints, parameters and response shapes follow directory/data/hsds/schema/openapi.json;
django-ninja serves our OpenAPI document at /api/hsds/openapi.json and docs at /api/hsds/docs.
Every answer is JSON; bad parameters get 400 and unknown ids 404, both as {"detail": ...}.
"""

import json
import logging
import math
import re
import uuid
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError
from pydantic import BeforeValidator

from fulltext.cleaning import clean_query, clean_text

from . import hsds
from .models import Locality, OfferPage, RegionalCentrePage, Topic
from .query import OfferFilters, OfferQuery, Place

logger = logging.getLogger(__name__)
MAX_PER_PAGE = 100
MAX_PAGE = 100_000  # per_page 1 over the whole directory; a larger offset overflows the database
MAX_ID_LENGTH = 200
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"  # no NUL or other control character
NEAREST_FIRST = "Kilometres from the postcode's centre: the offers within come nearest first."
SPEC = json.loads(
    (Path(__file__).parent / "data/hsds/schema/openapi.json").read_text(encoding="utf-8")
)

api = NinjaAPI(
    title="Entraide self-help directory (HSDS 3.0)",
    version="3.0",
    description=(
        "Read-only Open Referral HSDS 3.0 API of the Swiss self-help directory. "
        "Answers in the language given by `lang` (de, fr, it; default de). "
        "`proximity` is in kilometres from the centre of `postcode`."
    ),
    urls_namespace="hsds",
)

Language = Literal["de", "fr", "it"]
Page = Query(1, ge=1, le=MAX_PAGE,
             description=f"Page number of paginated result (from 1 to {MAX_PAGE:,}).")
PerPage = Query(25, ge=1, le=MAX_PER_PAGE, description="Results per page (1 to 100).")
Lang = Query("de", description="Language of the answer: de, fr or it.")


def identifier(description):
    """An id, slug or external id given as a query parameter: printable, of sane length."""
    return Query(None, max_length=MAX_ID_LENGTH, pattern=PRINTABLE, description=description)


def written_as_date(value):
    """Dates and times as ISO 8601 text only: pydantic would also take 0.5 as a Unix time."""
    if not isinstance(value, str) or not re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("give an ISO 8601 date-time, e.g. 2025-01-31T00:00:00Z")
    return value


DateTime = Annotated[datetime, BeforeValidator(written_as_date)]
TaxonomyTermId = identifier("A taxonomy term's id, a topic's slug or external id; narrower "
                            "topics are included.")
TaxonomyId = identifier("A taxonomy's id or name.")
OrganizationId = identifier("An organization's id or external id.")
ParentId = identifier("The id of the broader taxonomy term.")
Postcode = Query(None, max_length=MAX_ID_LENGTH, pattern=PRINTABLE,
                 description="Swiss postal code (4 digits).")


def spec_operation(path, operation_id):
    """OpenAPI details of an operation as the HSDS specification states them."""
    official = SPEC["paths"].get(path, {}).get("get", {})
    responses = {int(code): value for code, value in official.get("responses", {}).items()}
    responses[400] = {"description": "Invalid parameter: {\"detail\": message}"}
    responses[404] = {"description": "Unknown id: {\"detail\": message}"}
    return {
        "operation_id": operation_id,
        "summary": official.get("summary"),
        "description": official.get("description"),
        "openapi_extra": {"responses": responses},
    }


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    problems = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query",
                                                                                     "path"))
        problems.append(f"{where}: {error.get('msg', 'invalid value')}")
    return api.create_response(
        request, {"detail": "Invalid parameter. " + "; ".join(problems)}, status=400
    )


@api.exception_handler(Exception)
def server_error(request, exc):
    """A bug answers like every other error, as JSON (logged with its traceback)."""
    logger.error("Internal Server Error: %s", request.path, exc_info=exc)
    return api.create_response(
        request, {"detail": "Internal server error: the API could not answer this request."},
        status=500)


@api.exception_handler(Http404)
def not_found(request, exc):
    request.urlconf = "directory.api_root_urls"  # a JSON 404, not a redirect to /de/...
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


def bad_request(message):
    return HttpError(400, message)


def get_locale(lang):
    try:
        return hsds.locale_for(lang)
    except hsds.Locale.DoesNotExist:
        raise bad_request(f"Language '{lang}' is not available.") from None


def page_of(items_total, page, per_page, contents):
    total_pages = math.ceil(items_total / per_page) if items_total else 0
    return {
        "total_items": items_total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def as_uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


# Filters


def topics_named(term):
    """The topics named by `term`: an id (translation key), a slug or an external id."""
    key = as_uuid(term)
    return Topic.objects.filter(
        Q(translation_key=key) if key else Q(slug=term) | Q(external_id=term))


def offers_with_topics():
    return Q(pk__in=OfferPage.topics.through.objects.values("offerpage_id"))


ENUM_FIELD_PATHS = {
    "offer_format": "offer_format", "target_group": "target_group", "age_group": "age_group",
    "cost": "cost", "status": "selfhelpgrouppage__status",
    "moderation": "selfhelpgrouppage__moderation", "online_kind": "onlineofferpage__online_kind",
    "wheelchair_accessible": "wheelchair_accessible",
    "anonymous_possible": "onlineofferpage__anonymous_possible",
}


def enum_term(term_id):
    """(field, value) of the HSDS enum or feature term named by `term_id`, or None."""
    for name, (field, choices, _) in hsds.ENUM_TAXONOMIES.items():
        for value in choices.values:
            if term_id in (hsds.enum_term_id(name, value), value):
                return field, value
    for code in hsds.FEATURES:
        if term_id in (hsds.enum_term_id(hsds.FEATURE_TAXONOMY, code), code):
            return code, True
    return None


# enum terms that are the directory's own filters: asked with its rules ("both" included)
FACET_OF_FIELD = {"offer_format": "format", "target_group": "target"}


def taxonomy_filter(taxonomy):
    name = hsds.taxonomy_name_for_id(taxonomy)
    if name == hsds.TOPIC_TAXONOMY:
        return offers_with_topics()
    return Q() if name else Q(pk__in=[])


def organization_filter(organization_id):
    key = as_uuid(organization_id)
    if not key:
        return Q(organisation__external_id=organization_id) | Q(
            centre__external_id=organization_id)
    return Q(organisation__translation_key=key) | Q(centre__translation_key=key)


def postcode_locality(postcode):
    postcode = (postcode or "").strip()
    if not re.fullmatch(r"\d{4}", postcode):
        raise bad_request(f"Invalid postcode '{postcode}': give a Swiss postal code of 4 digits.")
    locality = Locality.objects.filter(postal_code=postcode).order_by("pk").first()
    if locality is None:
        raise bad_request(f"Unknown postcode '{postcode}'.")
    return locality


def filtered_offer_ids(locale, *, search=None, taxonomy_term_id=None, taxonomy_id=None,
                       organization_id=None, postcode=None, proximity=None,
                       modified_after=None):
    """Ids of the live offers matching the filters, in the directory's order (best match
    first for a search, nearest first within `proximity` km of a postcode, else by title):
    directory.query.OfferQuery answers, as for the directory page and the widgets; filters
    the directory keeps no facts of narrow it by the ids the database gives."""
    if proximity is not None and not postcode:
        raise bad_request("proximity needs a postcode to measure from.")
    filters, narrowing, place = OfferFilters(), Q(), None
    if taxonomy_term_id:
        slugs = tuple(topics_named(taxonomy_term_id).values_list("slug", flat=True))
        term = None if slugs else enum_term(taxonomy_term_id)
        if slugs:  # an offer counts under its topics and their broader ones
            filters = OfferFilters(topic=slugs)
        elif term and term[0] in FACET_OF_FIELD:
            filters = OfferFilters(**{FACET_OF_FIELD[term[0]]: (term[1],)})
        elif term:
            narrowing &= Q(**{ENUM_FIELD_PATHS[term[0]]: term[1]})
        else:
            narrowing &= Q(pk__in=[])
    if taxonomy_id:
        narrowing &= taxonomy_filter(taxonomy_id)
    if organization_id:
        narrowing &= organization_filter(organization_id)
    if modified_after:
        narrowing &= Q(last_published_at__gte=modified_after)
    if postcode:
        locality = postcode_locality(postcode)
        if proximity is None:
            narrowing &= Q(selfhelpgrouppage__locality__postal_code=locality.postal_code)
        else:
            place = Place.of(locality, proximity)
    within = None
    if narrowing:
        within = list(OfferPage.objects.filter(locale=locale).filter(narrowing)
                      .values_list("pk", flat=True))
    return OfferQuery(locale, clean_query(search), filters, place, within=within).run(
        with_counts=False).ids


def paginate_offers(offers, ids, page, per_page):
    """(total, offers of the page) of the offers with these ids, in their order."""
    start = (page - 1) * per_page
    page_ids = ids[start:start + per_page]
    by_pk = offers.in_bulk(page_ids)
    return len(ids), [by_pk[pk] for pk in page_ids if pk in by_pk]


# Endpoints


@api.get("/", **spec_operation("/", "getAPIMetaInformation"))
def meta(request):
    return {
        "version": hsds.HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi-json")),
    }


@api.get("/services", **spec_operation("/services", "getPaginatedListOfServices"))
def list_services(
    request,
    search: str | None = None,
    page: int = Page,
    per_page: int = PerPage,
    taxonomy_term_id: str | None = TaxonomyTermId,
    taxonomy_id: str | None = TaxonomyId,
    organization_id: str | None = OrganizationId,
    postcode: str | None = Postcode,
    proximity: float | None = Query(None, gt=0, le=500,
                                    description=NEAREST_FIRST),
    modified_after: DateTime | None = None,
    minimal: bool = False,
    full: bool = False,
    lang: Language = Lang,
):
    locale = get_locale(lang)
    ids = filtered_offer_ids(
        locale, search=search, taxonomy_term_id=taxonomy_term_id, taxonomy_id=taxonomy_id,
        organization_id=organization_id, postcode=postcode, proximity=proximity,
        modified_after=modified_after,
    )
    offers = hsds.live_offers(locale)
    if minimal:
        offers = offers.select_related(None).prefetch_related(None)
    elif not full:
        offers = hsds.for_summaries(offers)
    total, items = paginate_offers(offers, ids, page, per_page)
    mapper = hsds.HsdsMapper(locale, request)
    if minimal:
        contents = [{"id": str(offer.translation_key),
                     "last_modified": offer.last_published_at.isoformat()} for offer in items]
    elif full:
        contents = [mapper.service(offer) for offer in items]
    else:
        contents = [mapper.service_summary(offer) for offer in items]
    return page_of(total, page, per_page, contents)


def get_offer(locale, service_id, kind="service"):
    key = as_uuid(service_id)
    offer = hsds.live_offers(locale).filter(translation_key=key).first() if key else None
    if offer is None:
        raise Http404(f"No {kind} with id '{service_id}' in language '{locale.language_code}'.")
    return offer


@api.get("/services/{id}", **spec_operation("/services/{id}", "getFullyNestedServiceById"))
def service_detail(request, id: str, lang: Language = Lang):  # noqa: A002 (HSDS name)
    locale = get_locale(lang)
    return hsds.HsdsMapper(locale, request).service(get_offer(locale, id))


@api.get("/service_at_locations",
         **spec_operation("/service_at_locations", "getPaginatedListOfServiceAtLocation"))
def list_service_at_locations(
    request,
    search: str | None = None,
    page: int = Page,
    per_page: int = PerPage,
    taxonomy_term_id: str | None = TaxonomyTermId,
    taxonomy_id: str | None = TaxonomyId,
    organization_id: str | None = OrganizationId,
    postcode: str | None = Postcode,
    proximity: float | None = Query(None, gt=0, le=500,
                                    description=NEAREST_FIRST),
    modified_after: DateTime | None = None,
    full: bool = False,
    lang: Language = Lang,
):
    locale = get_locale(lang)
    ids = filtered_offer_ids(
        locale, search=search, taxonomy_term_id=taxonomy_term_id, taxonomy_id=taxonomy_id,
        organization_id=organization_id, postcode=postcode, proximity=proximity,
        modified_after=modified_after,
    )
    total, items = paginate_offers(hsds.live_offers(locale), ids, page, per_page)
    mapper = hsds.HsdsMapper(locale, request)
    contents = [mapper.service_at_location(offer, with_service=full) for offer in items]
    return page_of(total, page, per_page, contents)


@api.get("/service_at_locations/{id}",
         **spec_operation("/service_at_locations/{id}", "getServiceAtLocationWithNestedDataById"))
def service_at_location_detail(request, id: str, lang: Language = Lang):  # noqa: A002
    locale = get_locale(lang)
    key = as_uuid(id)
    service_key = hsds.service_key_of_service_at_location(key) if key else None
    offer = get_offer(locale, service_key or id, kind="service_at_location")
    return hsds.HsdsMapper(locale, request).service_at_location(offer, with_service=True)


@api.get("/organizations",
         **spec_operation("/organizations", "getPaginatedListOfOrganizations"))
def list_organizations(request, search: str | None = None, page: int = Page,
                       per_page: int = PerPage, lang: Language = Lang):
    locale = get_locale(lang)
    pages = hsds.live_organisations(locale).order_by("pk")
    search = clean_text(search)
    if search:
        pages = pages.filter(title__icontains=search)
    start = (page - 1) * per_page
    total = pages.count()
    mapper = hsds.HsdsMapper(locale, request)
    items = pages[start:start + per_page].specific()
    contents = [mapper.organization(item) for item in items]
    return page_of(total, page, per_page, contents)


@api.get("/organizations/{id}",
         **spec_operation("/organizations/{id}", "getOrganizationById"))
def organization_detail(request, id: str, lang: Language = Lang):  # noqa: A002
    locale = get_locale(lang)
    key = as_uuid(id)
    page = hsds.live_organisations(locale).filter(translation_key=key).specific().first() \
        if key else None
    if page is None:
        raise Http404(f"No organization with id '{id}' in language '{lang}'.")
    responsible = Q(organisation=page) if not isinstance(page, RegionalCentrePage) else Q(
        centre=page) | Q(organisation=page.pk)
    services = [
        {"id": str(key), "name": title, "status": "active", "organization_id": str(
            page.translation_key)}
        for key, title in hsds.live_offers(locale).filter(responsible).order_by("pk")
        .values_list("translation_key", "title")
    ]
    return hsds.HsdsMapper(locale, request).organization(page, services=services)


@api.get("/taxonomies", **spec_operation("/taxonomies", "getPaginatedListOfTaxonomies"))
def list_taxonomies(request, page: int = Page, per_page: int = PerPage, lang: Language = Lang):
    taxonomies = hsds.HsdsMapper(get_locale(lang)).taxonomies()
    start = (page - 1) * per_page
    return page_of(len(taxonomies), page, per_page, taxonomies[start:start + per_page])


@api.get("/taxonomies/{id}", **spec_operation("/taxonomies/{id}", "getTaxonomyById"))
def taxonomy_detail(request, id: str, lang: Language = Lang):  # noqa: A002
    name = hsds.taxonomy_name_for_id(id)
    if name is None:
        raise Http404(f"No taxonomy with id '{id}'.")
    return hsds.HsdsMapper(get_locale(lang)).taxonomy(name)


@api.get("/taxonomy_terms",
         **spec_operation("/taxonomy_terms", "getPaginatedListOfTaxonomyTerms"))
def list_taxonomy_terms(
    request,
    search: str | None = None,
    page: int = Page,
    per_page: int = PerPage,
    taxonomy_id: str | None = TaxonomyId,
    top_only: bool = False,
    parent_id: str | None = ParentId,
    lang: Language = Lang,
):
    locale = get_locale(lang)
    mapper = hsds.HsdsMapper(locale, request)
    taxonomy = hsds.taxonomy_name_for_id(taxonomy_id) if taxonomy_id else None
    if taxonomy_id and taxonomy is None:
        return page_of(0, page, per_page, [])
    terms = []
    search = clean_text(search)
    if taxonomy in (None, hsds.TOPIC_TAXONOMY):
        topics = Topic.objects.filter(locale=locale).select_related("parent").order_by("name")
        if top_only:
            topics = topics.filter(parent__isnull=True)
        if parent_id:
            parent_key = as_uuid(parent_id)
            topics = topics.filter(parent__translation_key=parent_key) if parent_key \
                else topics.none()
        if search:
            topics = topics.filter(Q(name__icontains=search) | Q(synonyms__icontains=search))
        terms += [mapper.topic_term(topic) for topic in topics]
    if taxonomy != hsds.TOPIC_TAXONOMY and not parent_id:
        enum_terms = mapper.enum_terms(taxonomy)
        if search:
            enum_terms = [term for term in enum_terms if search.lower() in term["name"].lower()]
        terms += enum_terms
    start = (page - 1) * per_page
    return page_of(len(terms), page, per_page, terms[start:start + per_page])


@api.get("/taxonomy_terms/{id}",
         **spec_operation("/taxonomy_terms/{id}", "getTaxonomyTermById"))
def taxonomy_term_detail(request, id: str, lang: Language = Lang):  # noqa: A002
    mapper = hsds.HsdsMapper(get_locale(lang), request)
    key = as_uuid(id)
    topic = Topic.objects.filter(translation_key=key).select_related("parent").first() \
        if key else None
    if topic is not None:
        return mapper.topic_term(topic)
    for term in mapper.enum_terms():
        if term["id"] == id:
            return term
    raise Http404(f"No taxonomy term with id '{id}'.")
