"""The directory's public filters: what the visitor may narrow the offers by, with the
number of offers behind each choice."""

import math

import django_filters
from django import forms
from django.db.models import Count, F, Q
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


FACETS = {
    "topic": ("topics__slug", "topics__name"),
    "canton": ("selfhelpgrouppage__canton__code", None),
    "format": ("offer_format", None),
    "target": ("target_group", None),
    "language": ("languages__code", None),
}


def facet_counts(filterset, base_queryset):
    """For each facet, the offer count per value given all the *other* chosen filters."""
    counts = {}
    if not filterset.is_valid():
        return counts
    for facet, (lookup, _label) in FACETS.items():
        queryset = base_queryset
        for name, value in filterset.form.cleaned_data.items():
            if name != facet and value not in (None, "", []) and name in filterset.filters:
                queryset = filterset.filters[name].filter(queryset, value)
        rows = (queryset.order_by().values(lookup)
                .annotate(n=Count("pk", distinct=True)).values_list(lookup, "n"))
        counts[facet] = {key: n for key, n in rows if key is not None}
        if facet == "topic":
            counts[facet].update(_broader_topic_counts(queryset))
    return counts


def _broader_topic_counts(queryset):
    """A broader topic counts the offers filed under it or any narrower topic."""
    counts = {}
    broader = Topic.objects.filter(children__isnull=False).values_list("slug", flat=True)
    for slug in set(broader):
        slugs = Topic.slugs_with_narrower([slug])
        counts[slug] = (queryset.filter(topics__slug__in=slugs).order_by()
                        .values("pk").distinct().count())
    return counts


def order_by_distance(queryset, place):
    """Nearest first (equirectangular approximation: exact enough within Switzerland, and
    plain arithmetic in SQL on SQLite and PostgreSQL). Offers without coordinates last."""
    cos_lat = math.cos(math.radians(place.latitude))
    dx = (F("selfhelpgrouppage__longitude") - place.longitude) * cos_lat
    dy = F("selfhelpgrouppage__latitude") - place.latitude
    return queryset.annotate(
        distance_sq=(dx * dx + dy * dy) * (KM_PER_DEGREE * KM_PER_DEGREE),
    ).order_by(F("distance_sq").asc(nulls_last=True), "title")


def distance_km(offer):
    squared = getattr(offer, "distance_sq", None)
    return None if squared is None else round(float(squared) ** 0.5, 1)

