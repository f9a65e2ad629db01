"""The library's filters: campaign, type, topic, language, channel and audience, each with
the number of materials behind every choice."""

from collections import Counter

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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
        return queryset.filter(topics__slug__in=Topic.slugs_with_narrower([topic.slug])) \
            .distinct()

    def filter_language(self, queryset, name, value):
        # materials without words (silhouettes, most visuals) serve every language
        return queryset.filter(Q(language=value) | Q(language="")) if value else queryset

    def filter_channel(self, queryset, name, value):
        return queryset.filter(**{f"for_{value}": True}) if value else queryset


CHANNELS = [channel.value for channel in Channel]
FACTS = ("pk", "material_type", "audience", "language", "path",
         *(f"for_{channel}" for channel in CHANNELS))


def material_facts(materials):
    """One narrow row per material as filtered, newest first: what the facet counts and the
    page of results need, read in one query instead of one aggregate per facet."""
    return list(materials.order_by("-first_published_at", "pk").values_list(*FACTS))


def facet_counts(facts, library):
    """{facet: {value: count}} over the materials as filtered, counted in one pass."""
    columns = list(zip(*facts, strict=False)) or [()] * len(FACTS)  # strict is slow here
    _pks, types, audiences, languages, paths, *channels = columns
    campaign_path_length = (library.depth + 1) * MaterialPage.steplen
    by_type, by_audience, by_language = Counter(types), Counter(audiences), Counter(languages)
    by_path = Counter(path[:campaign_path_length] for path in paths)
    by_channel = {channel: sum(used) for channel, used in zip(CHANNELS, channels, strict=True)}
    neutral = by_language.get("", 0)  # materials without words serve every language
    return {
        "type": by_type, "audience": by_audience, "channel": by_channel,
        "language": {code: by_language.get(code, 0) + neutral for code, _ in LANGUAGES},
        "campaign": {slug: by_path.get(path, 0) for slug, path in
                     CampaignPage.objects.child_of(library).values_list("slug", "path")},
        "topic": _topic_counts({row[0] for row in facts}),
    }


def _topic_counts(material_ids):
    if not material_ids:
        return {}
    slugs = dict(Topic.objects.values_list("pk", "slug"))
    through = MaterialPage.topics.through
    counts = Counter()
    # every material-topic pair (small: one or two per material) beats an IN list of ids
    for material_id, topic_id in through.objects.values_list("materialpage_id", "topic_id"):
        if material_id in material_ids:
            counts[slugs[topic_id]] += 1
    return counts


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
