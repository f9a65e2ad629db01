"""The library's filters: campaign, type, topic, language, channel and audience, each with
the number of materials behind every choice."""

from collections import Counter

import django_filters
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Topic

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


def facet_counts(materials, library):
    """{facet: {value: count}} over the materials as filtered, and {"total": n}.

    The database groups the materials by type, audience, language and campaign at once
    (a few hundred combinations at most, whatever the number of materials) and one more
    query counts topics; no row per material travels to Python."""
    campaign_path = Substr("path", 1, (library.depth + 1) * MaterialPage.steplen)
    combinations = materials.order_by().annotate(campaign_path=campaign_path).values(
        "material_type", "audience", "language", "campaign_path",
    ).annotate(count=Count("pk"), **{f"on_{channel}": Count("pk", filter=Q(**{
        f"for_{channel}": True})) for channel in CHANNELS})
    by_type, by_audience, by_language, by_path, by_channel = (Counter() for _ in range(5))
    for combination in combinations:
        count = combination["count"]
        by_type[combination["material_type"]] += count
        by_audience[combination["audience"]] += count
        by_language[combination["language"]] += count
        by_path[combination["campaign_path"]] += count
        for channel in CHANNELS:
            by_channel[channel] += combination[f"on_{channel}"]
    neutral = by_language[""]  # materials without words serve every language
    total = by_type.total()
    return {
        "type": by_type, "audience": by_audience, "channel": by_channel,
        "language": {code: by_language[code] + neutral for code, _ in LANGUAGES},
        "campaign": {slug: by_path[path] for slug, path in
                     CampaignPage.objects.child_of(library).values_list("slug", "path")},
        "topic": _topic_counts(materials) if total else {},
        "total": total,
    }


def _topic_counts(materials):
    counts = dict(materials.order_by().values_list("topics__slug").annotate(count=Count("pk"))
                  .order_by())
    counts.pop(None, None)  # materials without topics
    return counts


# what a campaign page's or a topic's str() shows, read without making model instances
CHOICE_LABELS = {"campaign": "title", "topic": "name"}


def facet_choices(filterset, counts):
    """For each facet, its choices with counts and whether chosen (for the template)."""
    form = filterset.form
    facets = []
    for name in ("campaign", "type", "topic", "language", "channel", "audience"):
        field = form[name]
        selected = str(form.data.get(name, "") or "")
        choices = []
        for value, label in _choices(name, field.field):
            value = str(getattr(value, "value", value))
            if not value:
                continue
            count = counts.get(name, {}).get(value, 0)
            if count or value == selected:
                choices.append({"value": value, "label": label, "count": count,
                                "selected": value == selected})
        facets.append({"name": name, "field": field, "choices": choices})
    return facets


def _choices(name, field):
    if name in CHOICE_LABELS:
        return field.queryset.values_list(field.to_field_name, CHOICE_LABELS[name])
    return field.choices
