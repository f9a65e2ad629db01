"""The directory's public filters: what the visitor may narrow the offers by, with the
number of offers behind each choice."""

import math
from collections import Counter
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import F, IntegerField, Q, Value
from django.db.models.lookups import Lookup
from django.utils.translation import gettext_lazy as _

from .models import (
    Canton,
    FormatChoices,
    Language,
    Locality,
    OfferPage,
    TargetGroupChoices,
    Topic,
)

KM_PER_DEGREE = 111.2
MAX_QUERY_LENGTH = 200


def find_place(text):
    """A locality from a postal code ("3011") or a place name ("Bern"), or None."""
    text = (text or "").strip()
    if not text:
        return None
    if text[:4].isdigit():
        return Locality.objects.filter(postal_code=text[:4]).order_by("name").first()
    return (Locality.objects.filter(name__iexact=text).first()
            or Locality.objects.filter(name__istartswith=text).order_by("name").first())


class OfferFilter(django_filters.FilterSet):
    topic = django_filters.ModelMultipleChoiceFilter(
        field_name="topics", to_field_name="slug", queryset=Topic.objects.none(),
        label=_("Topic"), method="filter_topics",
    )
    canton = django_filters.ModelChoiceFilter(
        field_name="selfhelpgrouppage__canton", to_field_name="code",
        queryset=Canton.objects.all(), label=_("Canton"), empty_label=_("All cantons"),
    )
    format = django_filters.ChoiceFilter(
        field_name="offer_format", choices=FormatChoices.choices, label=_("Format"),
        empty_label=_("All formats"),
    )
    target = django_filters.ChoiceFilter(
        field_name="target_group", method="filter_target", choices=TargetGroupChoices.choices,
        label=_("For whom"), empty_label=_("Everyone"),
    )
    language = django_filters.ModelChoiceFilter(
        field_name="languages", to_field_name="code", queryset=Language.objects.all(),
        label=_("Language"), empty_label=_("All languages"), distinct=True,
    )

    class Meta:
        model = OfferPage
        fields = []

    def __init__(self, data=None, *args, locale=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        topics = Topic.objects.all()
        if locale is not None:
            topics = topics.filter(locale=locale)
        self.filters["topic"].queryset = topics
        self.form.fields["topic"].widget = forms.CheckboxSelectMultiple()

    def filter_topics(self, queryset, name, topics):
        # by slug: translated offers may still point at the source language's topic
        if not topics:
            return queryset
        slugs = Topic.slugs_with_narrower(topic.slug for topic in topics)
        return queryset.filter(topics__slug__in=slugs).distinct()

    def filter_target(self, queryset, name, value):
        # "both" offers welcome affected people and relatives alike
        if value in (TargetGroupChoices.AFFECTED, TargetGroupChoices.RELATIVES):
            return queryset.filter(Q(target_group=value) | Q(target_group=TargetGroupChoices.BOTH))
        return queryset.filter(target_group=value)


FACETS = ("topic", "canton", "format", "target", "language")
TARGET_INCLUDES = {
    TargetGroupChoices.AFFECTED: {TargetGroupChoices.AFFECTED, TargetGroupChoices.BOTH},
    TargetGroupChoices.RELATIVES: {TargetGroupChoices.RELATIVES, TargetGroupChoices.BOTH},
}


@dataclass
class OfferFacts:
    """What the filters, the counts and the ordering need to know of one offer."""

    pk: int
    title: str
    offer_format: str
    target_group: str
    canton: str | None
    latitude: float | None
    longitude: float | None
    topics: set = field(default_factory=set)  # its topics' slugs and their broader ones
    languages: set = field(default_factory=set)


MAX_MATCHES = 2000


def result_ids(results):
    """The primary keys of search results, in their order. The database backends build a
    queryset: ask it for the keys alone, since making 2,000 page objects costs far more
    than the search itself."""
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return list(get_queryset().values_list("pk", flat=True))
    return [result.pk for result in results]


def matching_ids(queryset, query):
    """Ids of the offers matching all the words (or else any), best first (Wagtail's
    configured search)."""
    ids = result_ids(queryset.search(query, operator="and")[:MAX_MATCHES])
    if not ids:
        ids = result_ids(queryset.search(query, operator="or")[:MAX_MATCHES])
    return ids


def having_ids(queryset, ids):
    """The queryset narrowed to these primary keys. On PostgreSQL the keys travel as one
    array parameter (`= ANY(%s)`): an IN list of 2,000 placeholders costs the driver more
    to parse than the query costs to run."""
    if connection.vendor != "postgresql":
        return queryset.filter(pk__in=ids)
    keys = Value(list(ids), output_field=ArrayField(IntegerField()))
    return queryset.filter(EqualsAny(F("pk"), keys))


class EqualsAny(Lookup):
    lookup_name = "equals_any"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def load_facts(queryset):
    """Facts of every offer in the queryset, in three narrow queries (no page objects)."""
    rows = queryset.order_by().values_list(
        "pk", "title", "offer_format", "target_group", "selfhelpgrouppage__canton__code",
        "selfhelpgrouppage__latitude", "selfhelpgrouppage__longitude",
    )
    facts = {row[0]: OfferFacts(*row[:5], *(_float(value) for value in row[5:]))
             for row in rows}
    pks = queryset.order_by().values("pk")
    broader = Topic.broader_slugs()
    for offer_pk, slug in OfferPage.topics.through.objects.filter(
            offerpage_id__in=pks).values_list("offerpage_id", "topic__slug"):
        facts[offer_pk].topics |= broader.get(slug, {slug})
    for offer_pk, code in OfferPage.languages.through.objects.filter(
            offerpage_id__in=pks).values_list("offerpage_id", "language__code"):
        facts[offer_pk].languages.add(code)
    return list(facts.values())


def _float(value):
    return None if value is None else float(value)


def _tests(cleaned_data):
    """facet name -> test of an offer's facts, for each filter the visitor chose."""
    tests = {}
    if cleaned_data.get("topic"):
        chosen = {topic.slug for topic in cleaned_data["topic"]}
        tests["topic"] = lambda offer: not chosen.isdisjoint(offer.topics)
    if cleaned_data.get("canton"):
        code = cleaned_data["canton"].code
        tests["canton"] = lambda offer: offer.canton == code
    if cleaned_data.get("format"):
        chosen_format = cleaned_data["format"]
        tests["format"] = lambda offer: offer.offer_format == chosen_format
    if cleaned_data.get("target"):
        accepted = TARGET_INCLUDES.get(cleaned_data["target"], {cleaned_data["target"]})
        tests["target"] = lambda offer: offer.target_group in accepted
    if cleaned_data.get("language"):
        language = cleaned_data["language"].code
        tests["language"] = lambda offer: language in offer.languages
    return tests


def _facet_values(offer, facet):
    if facet == "topic":
        return offer.topics
    if facet == "language":
        return offer.languages
    value = {"canton": offer.canton, "format": offer.offer_format,
             "target": offer.target_group}[facet]
    return () if value is None else (value,)


class OfferSelection:
    """The visitor's filters applied to the facts of the offers in question: which offers
    pass, how many offers each filter value would give, and their order."""

    def __init__(self, filterset, facts):
        cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
        self.tests = _tests(cleaned)
        self.facts = facts

    def _passing(self, except_facet=None):
        tests = [test for facet, test in self.tests.items() if facet != except_facet]
        return [offer for offer in self.facts if all(test(offer) for test in tests)]

    def offers(self):
        return self._passing()

    def counts(self):
        """For each facet, the offer count per value given all the *other* chosen filters."""
        counts = {}
        for facet in FACETS:
            per_value = Counter()
            for offer in self._passing(except_facet=facet):
                per_value.update(_facet_values(offer, facet))
            counts[facet] = dict(per_value)
        return counts


def facet_counts(filterset, base_queryset):
    """For each facet, the offer count per value given all the *other* chosen filters."""
    if not filterset.is_valid():
        return {}
    return OfferSelection(filterset, load_facts(base_queryset)).counts()


def nearest_first(offers, place):
    """Offers (facts) nearest to the place first, with their distance; unplaced ones last."""
    latitude, longitude = float(place.latitude), float(place.longitude)
    cos_lat = math.cos(math.radians(latitude))
    for offer in offers:
        offer.distance_km = None
        if offer.latitude is not None and offer.longitude is not None:
            dx = (offer.longitude - longitude) * cos_lat
            dy = offer.latitude - latitude
            offer.distance_km = round(math.hypot(dx, dy) * KM_PER_DEGREE, 1)
    return sorted(offers, key=lambda offer: (offer.distance_km is None,
                                             offer.distance_km or 0, offer.title.casefold()))


def order_by_distance(queryset, place):
    """Nearest first (equirectangular approximation: exact enough within Switzerland, and
    plain arithmetic in SQL on SQLite and PostgreSQL). Offers without coordinates last."""
    cos_lat = math.cos(math.radians(place.latitude))
    dx = (F("selfhelpgrouppage__longitude") - place.longitude) * cos_lat
    dy = F("selfhelpgrouppage__latitude") - place.latitude
    return queryset.annotate(
        distance_sq=(dx * dx + dy * dy) * (KM_PER_DEGREE * KM_PER_DEGREE),
    ).order_by(F("distance_sq").asc(nulls_last=True), "title")
