"""The one way to read the directory: which offers answer a question, in which order, and how
many offers stand behind each filter value. The directory page, the site search, the HSDS
API and the widgets all ask OfferQuery, so the same question gets the same answer.

Inside: the public-offer rule (directory.visibility, applied when the facts are read and
again for expiry by Snapshot.live_now), each filter rule once (as bitmaps of the facts,
directory/facts.py: an offer counts under its topics and their broader ones, and a "both"
offer under affected people and relatives alike), one distance function, one facet counter,
one MAX_MATCHES, and full text through fulltext.engine: the configured engine of the
locale's language with its typo correction, synonyms, any-word fallback and the database
when the engine is away."""

import math
from dataclasses import dataclass, field

from django.conf import settings

from fulltext.engine import ranked
from fulltext.understanding import understand

from .facts import FACETS, directory_facts, locale_snapshots, positions_of
from .models import OfferPage, TargetGroupChoices
from .visibility import searchable_pages

# At most this many offers match a text, best first; filters and counts apply within them.
MAX_MATCHES = 2000
EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
# an offer "for both" welcomes affected people and relatives alike
TARGET_INCLUDES = {
    TargetGroupChoices.AFFECTED: {TargetGroupChoices.AFFECTED, TargetGroupChoices.BOTH},
    TargetGroupChoices.RELATIVES: {TargetGroupChoices.RELATIVES, TargetGroupChoices.BOTH},
}
TITLE, RELEVANCE, DISTANCE = "title", "relevance", "distance"


@dataclass(frozen=True)
class OfferFilters:
    """Filter values by facet (FACETS): an offer passes a facet when it has any of its
    values; a facet without values lets every offer pass. Topics are slugs, cantons codes."""

    topic: tuple = ()
    canton: tuple = ()
    format: tuple = ()
    target: tuple = ()
    language: tuple = ()

    @classmethod
    def from_cleaned(cls, cleaned):
        """The filters of a filter form's cleaned data (directory.search_filters.OfferFilter)."""
        def codes(value, attribute=None):
            values = value if isinstance(value, list | tuple | set) else [value]
            return tuple(getattr(one, attribute) if attribute else one
                         for one in values if one not in (None, ""))
        return cls(topic=codes(cleaned.get("topic") or [], "slug"),
                   canton=codes(cleaned.get("canton"), "code"),
                   format=codes(cleaned.get("format")),
                   target=codes(cleaned.get("target")),
                   language=codes(cleaned.get("language"), "code"))

    def chosen(self):
        return {facet: getattr(self, facet) for facet in FACETS if getattr(self, facet)}


@dataclass(frozen=True)
class Place:
    """A point to measure from and, optionally, how far offers may lie (km)."""

    latitude: float
    longitude: float
    radius_km: float | None = None

    @classmethod
    def of(cls, locality, radius_km=None):
        return cls(float(locality.latitude), float(locality.longitude), radius_km)


def distance_km(latitude, longitude):
    """The function (latitude, longitude) -> km from this point along the earth (haversine),
    with the point's part computed once: it runs for thousands of offers around a place."""
    lat0 = math.radians(latitude)
    cos_lat0 = math.cos(lat0)
    radians, sin, cos, asin, sqrt = math.radians, math.sin, math.cos, math.asin, math.sqrt

    def km(lat, lon):
        lat_r = radians(lat)
        half_lat = sin((lat_r - lat0) / 2)
        half_lon = sin(radians(lon - longitude) / 2)
        return 2 * EARTH_RADIUS_KM * asin(sqrt(half_lat ** 2 + cos_lat0 * cos(lat_r)
                                               * half_lon ** 2))
    return km


def degrees_around(latitude, km):
    """(degrees of latitude, degrees of longitude) that `km` span at this latitude."""
    return km / KM_PER_DEGREE, km / (KM_PER_DEGREE * max(math.cos(math.radians(latitude)),
                                                         0.01))


def searchable_offers(locale, private=None):
    """The offers of a locale a search index may return (expiry is not indexed: the facts
    leave expired offers out)."""
    return searchable_pages(OfferPage.objects.filter(locale=locale), private)


def matching_ids(locale, text):
    """Ids of the locale's offers matching the text, best first (at most MAX_MATCHES)."""
    return ranked(text, locale, [(searchable_offers(locale), MAX_MATCHES)]).ids[0]


def _engine_key():
    return (getattr(settings, "SEARCH_ENGINE", "database"),
            tuple(sorted(settings.WAGTAILSEARCH_BACKENDS)))


@dataclass
class OfferAnswer:
    """The offers answering a query (their facts, directory.facts.OfferFacts) in order, the
    count per facet value, and each offer's distance from the place."""

    offers: list
    counts: dict = field(default_factory=dict)
    distances: dict = field(default_factory=dict)

    @property
    def ids(self):
        return [offer.pk for offer in self.offers]

    def __len__(self):
        return len(self.offers)


class OfferQuery:
    """One question to the directory of a locale (or of one directory page, `index_page`).

    text: the visitor's words (already cleaned); filters: OfferFilters the visitor chose
    (counted per facet); presets: OfferFilters narrowing every answer and count (a widget's);
    place: Place (nearest first; within radius_km when given); within: ids the answer is
    limited to (filters the directory keeps no facts of, e.g. the API's organisation);
    ranked: the text's matching ids when already found (the site search asks the engine
    once for offers, pages and materials), understood: the text's understanding then
    (fulltext.understanding.understand); order: TITLE, RELEVANCE or DISTANCE (default:
    DISTANCE with a place, RELEVANCE with a text, else TITLE)."""

    def __init__(self, locale, text="", filters=None, place=None, order=None, *,
                 presets=None, within=None, index_page=None, ranked=None, understood=None):
        self.locale = locale
        self.text = text or ""
        self.filters = filters or OfferFilters()
        self.presets = presets or OfferFilters()
        self.place = place
        self.within = within
        self.index_page = index_page
        self.ranked = ranked
        self.understood = understood
        self.order = order or (DISTANCE if place else RELEVANCE if self.text else TITLE)
        self._snapshots = None
        self._matched = None
        self._own_ranking = False

    def snapshots(self):
        """The facts of the directory pages asked (read once per query)."""
        if self._snapshots is None:
            self._snapshots = ([directory_facts(self.index_page)] if self.index_page
                               else locale_snapshots(self.locale))
        return self._snapshots

    def _match_key(self, kind):
        return (kind, self.text, self.locale.pk, _engine_key())

    def matching(self):
        """The ids matching the text, best first (None: no text), remembered with the
        facts (a change to the directory forgets them; see Snapshot.remembered_match).
        A text naming a topic also matches the offers filed under it (with_topics)."""
        if not self.text:
            return None
        if self._matched is None:
            if self.ranked is None:
                self._own_ranking = True
                self._matched = self._remembered_ids(
                    "ids+topics", lambda: self.with_topics(self._text_ids(self.text)))
            else:
                self._matched = self.with_topics(self.ranked)
        return self._matched

    def _remembered_ids(self, kind, find, text=None):
        snapshots = self.snapshots()
        key = (kind, text or self.text, self.locale.pk, _engine_key())
        return snapshots[0].remembered_match(key, find) if snapshots else find()

    def _text_ids(self, text):
        return self._remembered_ids("ids", lambda: matching_ids(self.locale, text), text)

    def with_topics(self, text_ids):
        """The text's ids, and those of the offers on the topics the text names (or a
        narrower topic): "Sucht" finds the groups on alcohol too, whose texts may never say
        "Sucht". Offers on the topics matching the query's other words come first ("Sucht
        Bern"), then the text's matches, then the topics' other offers by title."""
        understood = self.understood or understand(self.text, self.locale)
        if not understood.topics:
            return text_ids
        on_topics = [snapshot.facts[position].pk for snapshot in self.snapshots()
                     for position in positions_of(snapshot.value_bitmap(
                         "topic", understood.topics))]
        first = []
        if understood.rest:
            topical = set(on_topics)
            first = [pk for pk in self._text_ids(understood.rest) if pk in topical]
        return list(dict.fromkeys([*first, *text_ids, *on_topics]))

    def run(self, with_counts=True):
        matched = self.matching()
        offers, counts, distances = [], {}, {}
        for snapshot in self.snapshots():
            base = self._base(snapshot, matched)
            chosen = {facet: facet_bitmap(snapshot, facet, values)
                      for facet, values in self.filters.chosen().items()}
            passing = base
            for bits in chosen.values():
                passing &= bits
            found = list(snapshot.offers(passing))
            if self.place is not None:
                found, here = self._around(found)
                distances.update(here)
            offers += found
            if with_counts:
                add_counts(counts, facet_counts(snapshot, base, chosen))
        return OfferAnswer(self._ordered(offers, matched, distances), counts, distances)

    def _base(self, snapshot, matched):
        """What every answer and count starts from: the public offers, matching the text,
        within the presets, the given ids and the place's radius."""
        bits = snapshot.live_now()
        if matched is not None and self._own_ranking:
            bits &= snapshot.remembered_match(self._match_key("bits+topics"),
                                              lambda: snapshot.among(matched))
        elif matched is not None:
            bits &= snapshot.among(matched)
        for facet, values in self.presets.chosen().items():
            bits &= facet_bitmap(snapshot, facet, values)
        if self.within is not None:
            bits &= snapshot.among(self.within)
        if self.place is not None and self.place.radius_km is not None:
            dlat, dlon = degrees_around(self.place.latitude, self.place.radius_km)
            bits &= snapshot.within_box(self.place.latitude - dlat, self.place.longitude - dlon,
                                        self.place.latitude + dlat, self.place.longitude + dlon)
        return bits

    def _around(self, offers):
        """The offers (within the radius, if any) and their distances."""
        km = distance_km(self.place.latitude, self.place.longitude)
        distances = {offer.pk: km(offer.latitude, offer.longitude) for offer in offers
                     if offer.latitude is not None and offer.longitude is not None}
        radius = self.place.radius_km
        if radius is not None:
            offers = [offer for offer in offers if distances.get(offer.pk, math.inf) <= radius]
        return offers, distances

    def _ordered(self, offers, matched, distances):
        if self.order == DISTANCE:
            return sorted(offers, key=lambda offer: (
                offer.pk not in distances, distances.get(offer.pk, 0),
                offer.title.casefold(), offer.pk))
        if self.order == RELEVANCE and matched is not None:
            rank = {pk: position for position, pk in enumerate(matched)}
            return sorted(offers, key=lambda offer: rank.get(offer.pk, len(rank)))
        if len(self.snapshots()) > 1:
            return sorted(offers, key=lambda offer: (offer.title.casefold(), offer.pk))
        return offers  # one snapshot's offers come in title order


def facet_bitmap(snapshot, facet, values):
    """The snapshot's offers passing a facet's filter (any of the values)."""
    if facet == "target":
        values = {included for value in values
                  for included in TARGET_INCLUDES.get(value, {value})}
    return snapshot.value_bitmap(facet, values)


def facet_counts(snapshot, base, chosen):
    """For each facet, the offer count per value given all the *other* chosen filters."""
    counts = {}
    for facet in FACETS:
        passing = base
        for other, bits in chosen.items():
            if other != facet:
                passing &= bits
        per_value = ((value, (passing & bits).bit_count())
                     for value, bits in snapshot.bitmaps[facet].items())
        counts[facet] = {value: count for value, count in per_value if count}
    return counts


def add_counts(total, counts):
    for facet, per_value in counts.items():
        into = total.setdefault(facet, {})
        for value, count in per_value.items():
            into[value] = into.get(value, 0) + count


def topics_with_offers(locale):
    """Slugs of the topics with public offers in the locale (on them or a narrower topic)."""
    slugs = set()
    for snapshot in locale_snapshots(locale):
        live = snapshot.live_now()
        slugs |= {slug for slug, bits in snapshot.bitmaps["topic"].items() if bits & live}
    return slugs


def search_names():
    """The words the full text search corrects typos against: topics (all languages) and
    their synonyms, places, cantons, and the names of organisations and centres, so that a
    name typed right is never "corrected" ("Lega contro il cancro")
    (fulltext.understanding.register_vocabulary)."""
    from .models import Canton, Locality, OrganisationPage, RegionalCentrePage, Topic

    for name, synonyms in Topic.objects.values_list("name", "synonyms"):
        yield name
        yield synonyms
    yield from Locality.objects.values_list("name", flat=True).distinct()
    for canton in Canton.objects.all():
        yield from (canton.name_de, canton.name_fr, canton.name_it)
    for model in (OrganisationPage, RegionalCentrePage):
        yield from model.objects.live().values_list("title", flat=True)


def search_topics():
    """(locale_id, name, synonyms, slug) of every topic, by name: their synonyms widen a
    query, and a query naming a topic in any language finds the offers filed under it."""
    from .models import Topic

    for locale_id, name, synonyms, slug in Topic.objects.order_by("name").values_list(
            "locale_id", "name", "synonyms", "slug"):
        yield locale_id, name, Topic.split_synonyms(synonyms), slug
