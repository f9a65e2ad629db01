"""The results of the site search as one list: directory offers and campaign materials,
narrowed by facets (type, topic, canton, format, for whom, language) with the number of
results behind each choice, nearest first when a place is given, and the visitor's language
first.

Like the directory page, it works on narrow facts of each matching object (for offers, the
directory's facts held in memory, directory/facts.py) and loads pages only for the results
shown."""

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import ContentLanguage, MaterialPage, MaterialType
from directory.models import FormatChoices
from directory.query import TARGET_INCLUDES
from directory.search_filters import OfferFilter
from taxonomy.models import Language, Topic

GROUP, ONLINE = "group", "online"
TYPE_CHOICES = [(GROUP, gettext_lazy("self-help groups")),
                (ONLINE, gettext_lazy("online offers")),
                *MaterialType.choices]
FACETS = ("type", "topic", "canton", "format", "target", "language")
ANY_LANGUAGE = frozenset(code for code, _label in ContentLanguage.choices if code)
# Offers are the site's main answer; one material is mixed in after every three offers so
# that both are seen on the first page.
OFFERS_PER_MATERIAL = 3


class SearchFilter(OfferFilter):
    """The directory's filters and the type of result."""

    def read_choices(self):
        """Reads the choices of the filters now (the form's fields keep them for the page)."""
        for form_field in self.form.fields.values():
            queryset = getattr(form_field, "queryset", None)
            if queryset is not None:
                len(queryset)

    type = django_filters.ChoiceFilter(choices=TYPE_CHOICES, label=gettext_lazy("Type"),
                                       empty_label=gettext_lazy("All types"),
                                       method="filter_nothing")

    def filter_nothing(self, queryset, name, value):
        return queryset  # the facts are filtered in Python (Selection)


def filterset_ignoring_bad_values(data, locale):
    """The filters with every value that is not a known choice left out, and the labels of
    the filters that had one ("canton=nowhere" must not lose the rest of the search)."""
    filterset = SearchFilter(data, locale=locale)
    if filterset.is_valid():
        return filterset, []
    bad = [name for name in filterset.form.errors if name in filterset.form.fields]
    labels = [str(filterset.form.fields[name].label) for name in bad]
    data = data.copy()
    for name in bad:
        data.pop(name, None)
    return SearchFilter(data, locale=locale), labels


@dataclass
class Result:
    kind: str  # "offer" or "material"
    pk: int
    title: str
    type: str
    rank: int
    format: str | None = None
    target: str | None = None
    canton: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    topics: set = field(default_factory=set)
    languages: set = field(default_factory=set)
    distance_km: float | None = None


def offer_results(answer):
    """Results for the offers of the directory's answer (directory.query.OfferAnswer), ranked
    in its order (best match or nearest first)."""
    return [
        Result(kind="offer", pk=facts.pk, title=facts.title, rank=rank,
               type=ONLINE if facts.offer_format == FormatChoices.ONLINE else GROUP,
               format=facts.offer_format, target=facts.target_group, canton=facts.canton,
               latitude=facts.latitude, longitude=facts.longitude, topics=facts.topics,
               languages=facts.languages, distance_km=answer.distances.get(facts.pk))
        for rank, facts in enumerate(answer.offers)
    ]


def material_results(materials, material_ids, broader=None):
    """Results for the materials of the queryset (already limited to what the visitor may
    see); a material without words serves every language. `broader`: Topic.broader_slugs(),
    when already read."""
    rank = {pk: position for position, pk in enumerate(material_ids)}
    results = {
        pk: Result(kind="material", pk=pk, title=title, type=material_type,
                   rank=rank.get(pk, len(rank)),
                   languages={language} if language else set(ANY_LANGUAGE))
        for pk, title, material_type, language in materials.order_by().values_list(
            "pk", "title", "material_type", "language")
    }
    broader = Topic.broader_slugs() if broader is None else broader
    for material_pk, slug in MaterialPage.topics.through.objects.filter(
            materialpage_id__in=list(results)).values_list("materialpage_id", "topic__slug"):
        results[material_pk].topics |= broader.get(slug, {slug})
    return list(results.values())


def _tests(cleaned):
    """facet -> test of a result, for each filter the visitor chose."""
    tests = {}
    if cleaned.get("type"):
        tests["type"] = lambda result, value=cleaned["type"]: result.type == value
    if cleaned.get("topic"):
        chosen = {topic.slug for topic in cleaned["topic"]}
        tests["topic"] = lambda result: not chosen.isdisjoint(result.topics)
    if cleaned.get("canton"):
        tests["canton"] = lambda result, code=cleaned["canton"].code: result.canton == code
    if cleaned.get("format"):
        tests["format"] = lambda result, value=cleaned["format"]: result.format == value
    if cleaned.get("target"):
        accepted = TARGET_INCLUDES.get(cleaned["target"], {cleaned["target"]})
        tests["target"] = lambda result: result.target in accepted
    if cleaned.get("language"):
        tests["language"] = lambda result, code=cleaned["language"].code: \
            code in result.languages
    return tests


class Selection:
    """The chosen filters applied to the results: which pass and the count per facet value.

    Each result is tested once against each chosen filter; a result counts under a facet's
    values when it passes all the *other* filters."""

    def __init__(self, filterset, results):
        tests = _tests(filterset.form.cleaned_data if filterset.is_valid() else {})
        self.results = results
        self.failed = [tuple(facet for facet, test in tests.items() if not test(result))
                       for result in results]  # per result, the filters it fails

    def passing(self):
        return [result for result, failed in zip(self.results, self.failed, strict=True)
                if not failed]

    def counts(self):
        passing = self.passing()
        failing_only = {facet: [] for facet in FACETS}  # failing that facet's filter alone
        for result, failed in zip(self.results, self.failed, strict=True):
            if len(failed) == 1:
                failing_only[failed[0]].append(result)
        return {facet: _count_values([*passing, *failing_only[facet]], facet) for facet in FACETS}


def _count_values(results, facet):
    if facet in ("topic", "language"):
        values = "topics" if facet == "topic" else "languages"
        return dict(Counter(chain.from_iterable(getattr(result, values) for result in results)))
    values = Counter(getattr(result, facet) for result in results)
    values.pop(None, None)
    return dict(values)


def ordered(results):
    """Offers in the directory's order (best match or nearest first) with materials mixed in
    by rank."""
    offers = sorted((r for r in results if r.kind == "offer"), key=lambda r: r.rank)
    materials = sorted((r for r in results if r.kind == "material"), key=lambda r: r.rank)
    merged = []
    while offers or materials:
        merged += offers[:OFFERS_PER_MATERIAL] + materials[:1]
        offers, materials = offers[OFFERS_PER_MATERIAL:], materials[1:]
    return merged


def in_language_first(results, language_code):
    """Results held in the visitor's language first, then the others; when there are only
    others, a note saying how many there are in which language."""
    def is_own(result):  # no language given: nothing to hold against it
        return language_code in result.languages or not result.languages

    own = [result for result in results if is_own(result)]
    others = [result for result in results if not is_own(result)]
    note = other_languages_note(others, language_code) if others and not own else ""
    return own + others, note


def other_languages_note(others, language_code):
    per_language = Counter(code for result in others for code in result.languages)
    names = {language.code: language.name
             for language in Language.objects.filter(code__in={*per_language, language_code})}
    found = ", ".join(
        _("%(count)s in %(language)s") % {"count": count, "language": names.get(code, code)}
        for code, count in per_language.most_common())
    return _("Nothing in %(language)s matches; found in other languages: %(found)s.") % {
        "language": names.get(language_code, language_code), "found": found}
