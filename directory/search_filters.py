"""The directory's public filters: what the visitor may narrow the offers by, with the
number of offers behind each choice."""

import django_filters
from django import forms
from django.db.models import Q
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
