"""What the directory's filters, counts and orderings need to know of every live offer,
held in memory per directory (one directory page per language) as one bitmap per filter
value.

Counting the offers behind each filter value over 100,000 offers costs hundreds of
milliseconds in SQL or in a Python loop; ANDing bitmaps (Python ints, bit n = the offer at
position n) and counting their bits costs microseconds. A process builds the facts of a
directory once, from three narrow queries, and keeps them true with the change log
(`DirectoryChange`, written when an offer is published, unpublished, moved or deleted): each
request first reads the changes it has not seen, usually none, and re-reads only the facts
of the offers they name.

Positions follow the offers' titles, so the offers of a bitmap come out in title order; an
offer changed later is appended at the end (its old position is cleared) until the next
full rebuild."""

import datetime
import itertools
import math
import re
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from .models import DirectoryChange, DirectoryIndexPage, OfferPage, Topic
from .visibility import has_expired, public_pages

# Changes are read again for this long after they were written, so that a change whose
# transaction committed after a later one's is not missed.
CHANGE_OVERLAP = datetime.timedelta(minutes=5)
# Old changes are deleted; facts older than half of this are rebuilt rather than caught up.
KEEP_CHANGES = datetime.timedelta(days=1)
# Beyond this many changed offers (or dead positions), rebuilding is cheaper than patching.
MAX_PATCH = 2000
# text matches are remembered per snapshot (any change to the directory makes a new one) and
# for a few minutes at most: the search index may catch up later than the change log
MATCH_TTL_SECONDS = 300
MAX_REMEMBERED_MATCHES = 500
MAX_REMEMBERED_VALUES = 1000
NOT_FOUND = object()

FACETS = ("topic", "canton", "format", "target", "language")
ONE_BIT = re.compile("1")
BINARY_DIGITS_TO_BYTES = bytes.maketrans(b"01", b"\x00\x01")
BYTES_TO_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
FEW_BITS = 4096


@dataclass(slots=True)
class OfferFacts:
    """What the filters, the counts and the ordering need to know of one offer."""

    pk: int
    title: str
    offer_format: str
    target_group: str
    canton: str | None
    latitude: float | None
    longitude: float | None
    expire_at: datetime.datetime | None = None
    topics: frozenset = frozenset()  # its topics' slugs and their broader ones
    languages: frozenset = frozenset()

    def values(self, facet):
        """The filter values this offer counts under."""
        if facet == "topic":
            return self.topics
        if facet == "language":
            return self.languages
        value = {"canton": self.canton, "format": self.offer_format,
                 "target": self.target_group}[facet]
        return () if value is None else (value,)


def load_facts(queryset):
    """Facts of every offer in the queryset, in three narrow queries (no page objects)."""
    rows = queryset.order_by().values_list(
        "pk", "title", "offer_format", "target_group", "selfhelpgrouppage__canton__code",
        "selfhelpgrouppage__latitude", "selfhelpgrouppage__longitude", "expire_at",
    )
    facts = {
        pk: OfferFacts(pk, title, sys.intern(offer_format), sys.intern(target_group),
                       canton and sys.intern(canton), _float(latitude), _float(longitude),
                       expire_at)
        for pk, title, offer_format, target_group, canton, latitude, longitude, expire_at
        in rows.iterator(chunk_size=5000)
    }
    pks = queryset.order_by().values("pk")
    broader = Topic.broader_slugs()
    topics, languages = defaultdict(set), defaultdict(set)
    for offer_pk, slug in OfferPage.topics.through.objects.filter(
            offerpage_id__in=pks).values_list("offerpage_id", "topic__slug"):
        topics[offer_pk] |= broader.get(slug, {slug})
    for offer_pk, code in OfferPage.languages.through.objects.filter(
            offerpage_id__in=pks).values_list("offerpage_id", "language__code"):
        languages[offer_pk].add(code)
    shared = {}  # many offers have the same topics and languages: one frozenset each
    for offer in facts.values():
        offer.topics = shared.setdefault(frozenset(topics[offer.pk]), frozenset(topics[offer.pk]))
        offer.languages = shared.setdefault(frozenset(languages[offer.pk]),
                                            frozenset(languages[offer.pk]))
    return list(facts.values())


def _float(value):
    return None if value is None else float(value)


GRID_DEGREES = 0.1  # about 11 km north-south, 7.5 km east-west in Switzerland


def grid_cell(latitude, longitude):
    return math.floor(latitude / GRID_DEGREES), math.floor(longitude / GRID_DEGREES)


def bitmap(positions):
    """The bitmap with the bits at these positions set."""
    positions = list(positions)
    if not positions:
        return 0
    bits = bytearray(max(positions) // 8 + 1)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def positions_of(bits):
    """The positions of the set bits, lowest first."""
    if not bits:
        return []
    digits = format(bits, "b")[::-1]
    if bits.bit_count() < FEW_BITS:
        return [match.start() for match in ONE_BIT.finditer(digits)]
    # many bits: select from range() by a 0/1 byte per position, in C
    return list(itertools.compress(range(len(digits)),
                                   digits.encode().translate(BINARY_DIGITS_TO_BYTES)))


class Snapshot:
    """The facts of one directory at one moment; never changed once published to readers
    (a change makes a new snapshot), so requests in other threads read a consistent one."""

    def __init__(self, facts):
        facts = sorted(facts, key=lambda offer: (offer.title.casefold(), offer.pk))
        self.facts = facts  # position -> OfferFacts (or None once removed)
        self.position = {offer.pk: position for position, offer in enumerate(facts)}
        self.alive = (1 << len(facts)) - 1
        self.in_title_order = len(facts)  # positions below this are in title order
        self.bitmaps = {}
        for facet in FACETS:
            members = defaultdict(list)
            for position, offer in enumerate(facts):
                for value in offer.values(facet):
                    members[value].append(position)
            self.bitmaps[facet] = {value: bitmap(found) for value, found in members.items()}
        self.expiring = {position: offer.expire_at for position, offer in enumerate(facts)
                         if offer.expire_at is not None}
        self.matches = {}
        self.remembered_values = {}
        cells = defaultdict(list)
        for position, offer in enumerate(facts):
            if offer.latitude is not None and offer.longitude is not None:
                cells[grid_cell(offer.latitude, offer.longitude)].append(position)
        self.cells = {cell: bitmap(found) for cell, found in cells.items()}

    def patched(self, removed_pks, added_facts):
        """A new snapshot without the removed offers and with the added ones at the end."""
        new = object.__new__(Snapshot)
        new.facts = list(self.facts)
        new.position = dict(self.position)
        new.in_title_order = self.in_title_order
        new.bitmaps = {facet: dict(values) for facet, values in self.bitmaps.items()}
        new.expiring = dict(self.expiring)
        new.matches = {}
        new.remembered_values = {}
        new.cells = dict(self.cells)
        alive = self.alive
        for pk in removed_pks:
            position = new.position.pop(pk, None)
            if position is None:
                continue
            alive &= ~(1 << position)
            new.expiring.pop(position, None)
            old = new.facts[position]
            new.facts[position] = None
            for facet in FACETS:
                for value in old.values(facet):
                    new.bitmaps[facet][value] &= ~(1 << position)
            if old.latitude is not None and old.longitude is not None:
                new.cells[grid_cell(old.latitude, old.longitude)] &= ~(1 << position)
        for offer in added_facts:
            position = len(new.facts)
            new.facts.append(offer)
            new.position[offer.pk] = position
            alive |= 1 << position
            if offer.expire_at is not None:
                new.expiring[position] = offer.expire_at
            for facet in FACETS:
                for value in offer.values(facet):
                    new.bitmaps[facet][value] = new.bitmaps[facet].get(value, 0) | 1 << position
            if offer.latitude is not None and offer.longitude is not None:
                cell = grid_cell(offer.latitude, offer.longitude)
                new.cells[cell] = new.cells.get(cell, 0) | 1 << position
        new.alive = alive
        return new

    @property
    def dead_positions(self):
        return len(self.facts) - len(self.position)

    def live_now(self):
        """The offers that are public now: the snapshot holds those public when it was read,
        some of which may have expired since."""
        now = timezone.now()
        expired = [position for position, expire_at in self.expiring.items()
                   if has_expired(expire_at, now)]
        return self.alive & ~bitmap(expired) if expired else self.alive

    def among(self, pks):
        """The bitmap of these offers (those not in the directory are left out)."""
        # a 0/1 byte per position, read as binary digits: for the 10,000 matches of a word
        # cheaper than setting each bit in a byte
        flags = bytearray(len(self.facts))
        for position in map(self.position.get, pks):
            if position is not None:
                flags[position] = 1
        return int(flags.translate(BYTES_TO_BINARY_DIGITS)[::-1] or b"0", 2)

    def remembered_match(self, key, find_bits):
        """find_bits()'s bitmap of the offers matching a search (`key`), remembered: the
        full-text match of a frequent word over 100,000 offers costs tens of milliseconds,
        and many visitors search the same topics with other filters and places."""
        found = self.matches.get(key)
        if found is None or time.monotonic() - found[0] > MATCH_TTL_SECONDS:
            if len(self.matches) >= MAX_REMEMBERED_MATCHES:
                self.matches.clear()
            found = self.matches[key] = (time.monotonic(), find_bits())
        return found[1]

    def remembered(self, key, compute):
        """compute(), remembered with this snapshot: for what depends only on reference data
        (cantons, languages, places, topics), whose changes make a new snapshot."""
        found = self.remembered_values.get(key, NOT_FOUND)
        if found is NOT_FOUND:
            if len(self.remembered_values) >= MAX_REMEMBERED_VALUES:
                self.remembered_values.clear()
            found = self.remembered_values[key] = compute()
        return found

    def within_box(self, south, west, north, east):
        """Offers whose place lies in the grid cells touching this box (a few more than
        those inside it: check each one's distance after)."""
        (row_from, column_from), (row_to, column_to) = grid_cell(south, west), \
            grid_cell(north, east)
        found = 0
        for row in range(row_from, row_to + 1):
            for column in range(column_from, column_to + 1):
                found |= self.cells.get((row, column), 0)
        return found

    def value_bitmap(self, facet, values):
        """Offers having any of these values."""
        found = 0
        for value in values:
            found |= self.bitmaps[facet].get(value, 0)
        return found

    def offers(self, bits):
        """The facts of the offers of the bitmap, by title."""
        return OffersByTitle(self, bits)


class OffersByTitle(Sequence):
    """The facts of the offers of a bitmap, by title, made only when asked for: a result
    page shows 20 of what may be 100,000 offers."""

    def __init__(self, snapshot, bits):
        self.snapshot = snapshot
        self.bits = bits
        self.length = bits.bit_count()
        self._positions = None
        self._all = None

    def __len__(self):
        return self.length

    def _in_order(self):
        """Positions in title order, or (offers added since the snapshot was built sort in
        among the others) every offer's facts, sorted."""
        if self._positions is None and self._all is None:
            facts = self.snapshot.facts
            positions = positions_of(self.bits)
            if positions and positions[-1] >= self.snapshot.in_title_order:
                self._all = sorted((facts[position] for position in positions),
                                   key=lambda offer: (offer.title.casefold(), offer.pk))
            else:
                self._positions = positions
        return self._positions, self._all

    def __getitem__(self, index):
        positions, every = self._in_order()
        if every is not None:
            return every[index]
        if isinstance(index, slice):
            return [self.snapshot.facts[position] for position in positions[index]]
        return self.snapshot.facts[positions[index]]

    def __iter__(self):
        positions, every = self._in_order()
        if every is not None:
            return iter(every)
        return map(self.snapshot.facts.__getitem__, positions)


def live_offers(index_page):
    """The offers the public sees below this directory page (visibility.public_pages)."""
    return public_pages(offers_below(index_page))


def offers_below(index_page):
    """Every offer below this directory page, public or not."""
    return OfferPage.objects.descendant_of(index_page).filter(locale_id=index_page.locale_id)


class DirectoryFacts:
    """The facts of one directory's live offers, kept up to date from the change log."""

    def __init__(self, index_page):
        self.index_page = index_page
        self.lock = threading.Lock()
        self.snapshot = None
        self.built_at = None
        self.read_until = None  # changes written before this were read
        self.applied = set()  # ids of changes read within the overlap

    def current(self):
        """The snapshot, caught up with the change log."""
        with self.lock:
            now = timezone.now()
            if self.snapshot is None or now - self.built_at > KEEP_CHANGES / 2:
                self._rebuild(now)
            else:
                self._catch_up(now)
            return self.snapshot

    def _rebuild(self, now):
        DirectoryChange.objects.filter(changed_at__lt=now - KEEP_CHANGES).delete()
        # the changes visible now are in the facts read after them
        self.applied = set(DirectoryChange.objects.filter(
            changed_at__gte=now - CHANGE_OVERLAP).values_list("pk", flat=True))
        self.snapshot = Snapshot(load_facts(live_offers(self.index_page)))
        self.built_at = self.read_until = now

    def _catch_up(self, now):
        rows = DirectoryChange.objects.filter(
            changed_at__gte=self.read_until - CHANGE_OVERLAP,
        ).values_list("pk", "page_id")
        rows = list(rows)
        new_pages = {page_id for pk, page_id in rows if pk not in self.applied}
        self.applied = {pk for pk, _page in rows}
        self.read_until = now
        if not new_pages:
            return
        if None in new_pages or len(new_pages) + self.snapshot.dead_positions > MAX_PATCH:
            self._rebuild(now)
            return
        added = load_facts(live_offers(self.index_page).filter(pk__in=new_pages))
        self.snapshot = self.snapshot.patched(new_pages, added)


_directories = {}
_directories_lock = threading.Lock()


def directory_facts(index_page):
    """The up-to-date facts of the live offers below this directory page."""
    with _directories_lock:
        facts = _directories.get(index_page.pk)
        if facts is None or facts.index_page.path != index_page.path:
            facts = _directories[index_page.pk] = DirectoryFacts(index_page)
    return facts.current()


def directory_pages(locale):
    """The directory pages of a locale, found from their own small table first: joined to
    the pages in one query, PostgreSQL may read every page of a large site, since a table of
    a few rows never gets statistics from autovacuum."""
    ids = list(DirectoryIndexPage.objects.order_by().values_list("pk", flat=True))
    return DirectoryIndexPage.objects.filter(pk__in=ids, locale=locale)


def locale_snapshots(locale):
    """The up-to-date facts of each of the locale's directory pages."""
    return [directory_facts(index_page) for index_page in directory_pages(locale)]


def forget_all():
    """Drop every process-held snapshot (tests roll the database back under them)."""
    with _directories_lock:
        _directories.clear()


def forget_matches():
    """Drop the remembered text matches (a benchmark's first searches)."""
    with _directories_lock:
        for facts in _directories.values():
            if facts.snapshot is not None:
                facts.snapshot.matches.clear()


def record_changes(page_ids=(None,)):
    """Note that these offers changed (None: many offers changed, rebuild)."""
    page_ids = list(page_ids)
    if len(page_ids) > MAX_PATCH:
        page_ids = [None]
    DirectoryChange.objects.bulk_create(DirectoryChange(page_id=pk) for pk in page_ids)
