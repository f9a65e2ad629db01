"""The library's filters: campaign, type, topic, language, channel and audience, each with
the number of materials behind every choice."""

import django_filters
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from directory.models import Topic

from .models import Audience, CampaignPage, Channel, ContentLanguage, MaterialPage, MaterialType

LANGUAGES = [choice for choice in ContentLanguage.choices if choice[0]]


class MaterialFilter(django_filters.FilterSet):
    campaign = django_filters.ModelChoiceFilter(
        queryset=CampaignPage.objects.none(), to_field_name="slug", method="filter_campaign",
        label=_("Campaign"), empty_label=_("All campaigns"))
    type = django_filters.ChoiceFilter(
        field_name="material_type", choices=MaterialType.choices, label=_("Type"),
        empty_label=_("All types"))
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.none(), to_field_name="slug", method="filter_topic",
        label=_("Topic"), empty_label=_("All topics"))
    language = django_filters.ChoiceFilter(
        choices=LANGUAGES, method="filter_language", label=_("Language"),
        empty_label=_("All languages"))
    channel = django_filters.ChoiceFilter(
        choices=Channel.choices, method="filter_channel", label=_("Channel"),
        empty_label=_("All channels"))
    audience = django_filters.ChoiceFilter(
        choices=Audience.choices, label=_("Audience"), empty_label=_("Everyone"))

    class Meta:
        model = MaterialPage
        fields = []

    def __init__(self, data=None, *args, library=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.library = library
        self.filters["campaign"].queryset = CampaignPage.objects.live().child_of(library) \
            .order_by("-starts_on", "title")
        self.filters["topic"].queryset = Topic.objects.filter(locale=library.locale)

    def filter_campaign(self, queryset, name, campaign):
        return queryset.filter(path__startswith=campaign.path) if campaign else queryset

    def filter_topic(self, queryset, name, topic):
        if not topic:
            return queryset
        # a subquery rather than a join: no duplicate rows, so no DISTINCT to count around
        tagged = MaterialPage.topics.through.objects.filter(
            topic__slug__in=Topic.slugs_with_narrower([topic.slug])).values("materialpage_id")
        return queryset.filter(pk__in=tagged)

    def filter_language(self, queryset, name, value):
        # materials without words (silhouettes, most visuals) serve every language
        return queryset.filter(Q(language=value) | Q(language="")) if value else queryset

    def filter_channel(self, queryset, name, value):
        return queryset.filter(**{f"for_{value}": True}) if value else queryset


CHANNELS = [channel.value for channel in Channel]
# in the order of FACET_SQL's table m (annotations come after fields in Django's SELECT)
COUNTED_COLUMNS = ("pk", "material_type", "audience", "language",
                   *(f"for_{channel}" for channel in CHANNELS), "campaign_path")


def facet_counts(materials, library):
    """{facet: {value: count}} over the materials as filtered, and {"total": n}.

    One query: the filtered materials are read once (a common table expression) and each
    facet is a small GROUP BY over them, so the database does not filter the materials again
    for every facet and no row per material travels to Python."""
    steplen = MaterialPage.steplen
    narrow = materials.order_by().annotate(
        campaign_path=Substr("path", 1, (library.depth + 1) * steplen)
    ).values(*COUNTED_COLUMNS)
    counts = {"type": {}, "audience": {}, "language": {}, "channel": {}, "campaign": {},
              "topic": {}, "total": 0}
    for facet, value, count in _facet_rows(narrow):
        if facet == "total":
            counts["total"] = count
        else:
            counts[facet][value] = count
    by_language = counts["language"]
    neutral = by_language.get("", 0)  # materials without words serve every language
    counts["language"] = {code: by_language.get(code, 0) + neutral for code, _ in LANGUAGES}
    return counts


FACET_SQL = """
WITH m (pk, material_type, audience, language, for_print, for_web, for_social, for_radio,
        campaign_path) AS ({materials})
SELECT 'total', '', COUNT(*) FROM m
UNION ALL SELECT 'type', m.material_type, COUNT(*) FROM m GROUP BY m.material_type
UNION ALL SELECT 'audience', m.audience, COUNT(*) FROM m GROUP BY m.audience
UNION ALL SELECT 'language', m.language, COUNT(*) FROM m GROUP BY m.language
UNION ALL SELECT 'channel', 'print', COUNT(*) FROM m WHERE m.for_print
UNION ALL SELECT 'channel', 'web', COUNT(*) FROM m WHERE m.for_web
UNION ALL SELECT 'channel', 'social', COUNT(*) FROM m WHERE m.for_social
UNION ALL SELECT 'channel', 'radio', COUNT(*) FROM m WHERE m.for_radio
UNION ALL SELECT 'campaign', campaign.slug, COUNT(*) FROM m
    JOIN {page} campaign ON campaign.path = m.campaign_path GROUP BY campaign.slug
UNION ALL SELECT 'topic', topic.slug, COUNT(*) FROM m
    JOIN {tagged} tagged ON tagged.materialpage_id = m.pk
    JOIN {topic} topic ON topic.id = tagged.topic_id GROUP BY topic.slug
"""


def _facet_rows(materials):
    """(facet, value, count) rows of FACET_SQL around the materials' query. Only table names
    go into the query's text; the filters' values stay parameters."""
    try:
        materials_sql, params = materials.query.sql_with_params()
    except EmptyResultSet:  # e.g. a keyword nothing matches
        return []
    name = connection.ops.quote_name
    sql = FACET_SQL.format(materials=materials_sql, page=name(Page._meta.db_table),
                           tagged=name(MaterialPage.topics.through._meta.db_table),
                           topic=name(Topic._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def facet_choices(filterset, counts):
    """For each facet, its choices with counts and whether chosen (for the template)."""
    form = filterset.form
    facets = []
    for name in ("campaign", "type", "topic", "language", "channel", "audience"):
        field = form[name]
        selected = str(form.data.get(name, "") or "")
        choices = []
        for value, label in field.field.choices:
            value = str(getattr(value, "value", value))
            if not value:
                continue
            count = counts.get(name, {}).get(value, 0)
            if count or value == selected:
                choices.append({"value": value, "label": label, "count": count,
                                "selected": value == selected})
        facets.append({"name": name, "field": field, "choices": choices})
    return facets
