"""The directory's public filters: what the visitor may narrow the offers by, with the
number of offers behind each choice."""

import json
import math

import django_filters
from django import forms
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import F, IntegerField, Q, Value
from django.db.models.lookups import Lookup
from django.utils.translation import gettext_lazy as _

from .facts import FACETS, TARGET_INCLUDES, Snapshot, load_facts
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


def find_place(text):
    """A locality from a postal code ("3011") or a place name ("Bern"), or None."""
    text = (text or "").strip()
    if not text:
        return None
    if text[:4].isdigit():
        return Locality.objects.filter(postal_code=text[:4]).order_by("name").first()
    return (Locality.objects.filter(name__iexact=text).first()
            or Locality.objects.filter(name__istartswith=text).order_by("name").first())


def choices_of(field):
    """The form field's (value, label) choices. A model choice field's own iteration reads
    its rows through a server-side cursor on PostgreSQL (three round trips); one plain query
    is enough for a few dozen rows."""
    queryset = getattr(field, "queryset", None)
    if queryset is None:
        return field.choices
    return [(field.prepare_value(obj), field.label_from_instance(obj)) for obj in queryset]


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


MAX_MATCHES = 2000


def result_ids(results):
    """The primary keys of search results, in their order. The search engines' results and
    PostgreSQL's (search.backends) can ask for the keys alone, the other database backends
    build a queryset: making 2,000 page objects costs far more than the search itself."""
    pks = getattr(results, "pks", None)
    if pks is not None:
        return pks()
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return list(get_queryset().values_list("pk", flat=True))
    return [result.pk for result in results]


def matching_ids(queryset, query, ranked=True, operators=("and", "or")):
    """Ids of the offers matching all the words (or else any), with Wagtail's configured
    search: best first and at most MAX_MATCHES, or (ranked=False) every match in no order,
    which costs far less on a large directory (give a queryset without ordering)."""
    for operator in operators:
        results = queryset.search(query, operator=operator, order_by_relevance=ranked)
        ids = result_ids(results[:MAX_MATCHES] if ranked else results)
        if ids:
            return ids
    return []


def matching_bitmap(snapshot, query, operators=("and", "or")):
    """The snapshot's offers matching all the words (or else any), as a bitmap, remembered
    with the snapshot per query and search backend."""
    backend = json.dumps(settings.WAGTAILSEARCH_BACKENDS.get("default", {}), sort_keys=True,
                         default=str)
    return snapshot.remembered_match((query, operators, backend), lambda: snapshot.among(
        matching_ids(OfferPage.objects.order_by(), query, ranked=False, operators=operators)))


def best_first(offers, query, queryset):
    """The offers (facts) that matched the query, best match first. Ranking is the costly
    part of a search: only the offers left after the filters are ranked, unless there are
    many (then the best MAX_MATCHES of the queryset come first, the others after them)."""
    if len(offers) <= MAX_MATCHES:
        ranked = matching_ids(having_ids(queryset, [offer.pk for offer in offers]), query)
    else:
        ranked = matching_ids(queryset, query)
    rank = {pk: position for position, pk in enumerate(ranked)}
    return sorted(offers, key=lambda offer: rank.get(offer.pk, len(rank)))


def in_order(queryset, ids):
    """The queryset's objects with these primary keys, in the keys' order."""
    by_pk = having_ids(queryset, ids).in_bulk() if ids else {}
    return [by_pk[pk] for pk in ids if pk in by_pk]


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


def chosen_bitmaps(cleaned_data, snapshot):
    """facet name -> bitmap of the offers passing that filter, for each filter chosen."""
    chosen = {}
    if cleaned_data.get("topic"):
        chosen["topic"] = snapshot.value_bitmap(
            "topic", [topic.slug for topic in cleaned_data["topic"]])
    if cleaned_data.get("canton"):
        chosen["canton"] = snapshot.value_bitmap("canton", [cleaned_data["canton"].code])
    if cleaned_data.get("format"):
        chosen["format"] = snapshot.value_bitmap("format", [cleaned_data["format"]])
    if cleaned_data.get("target"):
        target = cleaned_data["target"]
        chosen["target"] = snapshot.value_bitmap("target", TARGET_INCLUDES.get(target, {target}))
    if cleaned_data.get("language"):
        chosen["language"] = snapshot.value_bitmap("language", [cleaned_data["language"].code])
    return chosen


class OfferSelection:
    """The visitor's filters applied to the facts of the directory's offers (or of those
    matching a search): which offers pass, how many offers each filter value would give."""

    def __init__(self, filterset, snapshot, matching_bits=None):
        cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
        self.snapshot = snapshot
        self.base = snapshot.live_now()
        if matching_bits is not None:
            self.base &= matching_bits
        self.chosen = chosen_bitmaps(cleaned, snapshot)

    def _passing(self, except_facet=None):
        bits = self.base
        for facet, chosen in self.chosen.items():
            if facet != except_facet:
                bits &= chosen
        return bits

    def offers(self):
        """The facts of the offers passing every filter, by title."""
        return self.snapshot.offers(self._passing())

    def counts(self):
        """For each facet, the offer count per value given all the *other* chosen filters."""
        counts = {}
        for facet in FACETS:
            passing = self._passing(except_facet=facet)
            per_value = ((value, (passing & bits).bit_count())
                         for value, bits in self.snapshot.bitmaps[facet].items())
            counts[facet] = {value: count for value, count in per_value if count}
        return counts


def facet_counts(filterset, base_queryset):
    """For each facet, the offer count per value given all the *other* chosen filters."""
    if not filterset.is_valid():
        return {}
    return OfferSelection(filterset, Snapshot(load_facts(base_queryset))).counts()


def distances_km(offers, place):
    """pk -> distance in km from the place of each offer that has coordinates."""
    latitude, longitude = float(place.latitude), float(place.longitude)
    cos_lat = math.cos(math.radians(latitude))
    return {
        offer.pk: round(math.hypot((offer.longitude - longitude) * cos_lat,
                                   offer.latitude - latitude) * KM_PER_DEGREE, 1)
        for offer in offers if offer.latitude is not None and offer.longitude is not None
    }


def by_distance(offers, distances):
    """Offers nearest first; those without a place last, by title."""
    return sorted(offers, key=lambda offer: (offer.pk not in distances,
                                             distances.get(offer.pk, 0),
                                             offer.title.casefold()))


def nearest_first(offers, place):
    """Offers nearest to the place first, each given its distance_km (None: no place)."""
    distances = distances_km(offers, place)
    for offer in offers:
        offer.distance_km = distances.get(offer.pk)
    return by_distance(offers, distances)


def order_by_distance(queryset, place):
    """Nearest first (equirectangular approximation: exact enough within Switzerland, and
    plain arithmetic in SQL on SQLite and PostgreSQL). Offers without coordinates last."""
    cos_lat = math.cos(math.radians(place.latitude))
    dx = (F("selfhelpgrouppage__longitude") - place.longitude) * cos_lat
    dy = F("selfhelpgrouppage__latitude") - place.latitude
    return queryset.annotate(
        distance_sq=(dx * dx + dy * dy) * (KM_PER_DEGREE * KM_PER_DEGREE),
    ).order_by(F("distance_sq").asc(nulls_last=True), "title")
