"""Synthetic directory entries for benchmarks: N live self-help groups and online offers,
created below one benchmark centre per canton by `directory.bulk.add_children_in_bulk`, the
one bulk page creation the directory import uses too (first revision, log entries).

German only, but real live pages: they have url paths, content types, topics, languages and
places, and are in the search index, so the site and the API treat them like entries made in
the admin.

    python bench/generate_directory.py 10000   # needs DATABASE_URL; run from the repository
"""

import datetime
import random
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_PREFIX = "bench:"
CHUNK = 2000


def setup_django():
    import os

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings.test")
    import django

    django.setup()


def bench_centres(index):
    """One centre per canton (created the ordinary way, once)."""
    from directory.bulk import publish_new_page
    from directory.models import RegionalCentrePage
    from taxonomy.models import Canton, Locality

    centres = {page.external_id: page for page in RegionalCentrePage.objects.child_of(index)
               .filter(external_id__startswith=BENCH_PREFIX)}
    for canton in Canton.objects.order_by("code"):
        external_id = f"{BENCH_PREFIX}centre:{canton.code}"
        if external_id in centres:
            continue
        locality = Locality.objects.filter(canton=canton).order_by("postal_code").first()
        centre = RegionalCentrePage(
            title=f"Benchmark-Zentrum {canton.code}", slug=f"bench-{canton.code.lower()}",
            external_id=external_id, locality=locality, email="bench@example.ch",
        )
        centre.cantons_served.set([canton])
        index.add_child(instance=centre)
        publish_new_page(centre)
        centres[external_id] = centre
    return list(centres.values())


def directory_index():
    """The German directory page (the home demo and a directory page are made if missing)."""
    from wagtail.models import Locale

    from directory.bulk import publish_new_page
    from directory.models import DirectoryIndexPage
    from home import demo as home_demo
    from home.models import HomePage

    locale = Locale.get_default()
    index = DirectoryIndexPage.objects.filter(locale=locale).first()
    if index:
        return index
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        home_demo.load()
        home = HomePage.objects.get(locale=locale, depth=2)
    index = home.add_child(instance=DirectoryIndexPage(title="Selbsthilfe finden",
                                                       slug="selbsthilfe"))
    publish_new_page(index)
    return index


def topics_for_bench():
    """The German topics in the database, or the demo's topic hierarchy when there are none;
    returns (topics, weights): offers pick their topics the way real groups spread over them."""
    from wagtail.models import Locale

    from directory import demo_data
    from taxonomy.models import Topic

    locale = Locale.get_default()
    by_slug = {topic.slug: topic for topic in Topic.objects.filter(locale=locale)}
    if not by_slug:
        for slug, parent_slug, (name, synonyms), *_ in demo_data.TOPICS:
            by_slug[slug] = Topic.objects.create(
                locale=locale, slug=slug, name=name, synonyms=synonyms,
                parent=by_slug.get(parent_slug), external_id=f"{BENCH_PREFIX}topic:{slug}")
    weighted = [(by_slug[slug], weight) for slug, weight in demo_data.GROUP_TOPICS.items()
                if slug in by_slug] or [(topic, 1) for topic in by_slug.values()]
    return [topic for topic, _ in weighted], [weight for _, weight in weighted]


def generate(count, seed=1):
    """Add `count` live offers (90 % groups, 10 % online offers); returns their page ids.
    Pages are created as the directory import creates them (directory.bulk)."""
    from django.db import transaction

    from directory.bulk import (
        add_children_in_bulk,
        bulk_loading,
        index_created,
        offers_written_in_bulk,
        refresh_planner_statistics,
    )
    from directory.facts import record_changes
    from directory.models import OfferPage, OnlineOfferPage, SelfHelpGroupPage
    from taxonomy.models import Language, Locality

    rng = random.Random(seed)
    with transaction.atomic():
        index = directory_index()
        centres = bench_centres(index)
        by_pk = {centre.pk: centre for centre in centres}
        topics, weights = topics_for_bench()
        languages = list(Language.objects.filter(code__in=["de", "fr", "it"]))
        localities = {centre.pk: list(Locality.objects.filter(canton_id=centre.canton_id))
                      for centre in centres}
        start = OfferPage.objects.filter(external_id__startswith=BENCH_PREFIX).count()
        created = {SelfHelpGroupPage: [], OnlineOfferPage: []}
        with bulk_loading():
            for chunk_start in range(start, start + count, CHUNK):
                numbers = range(chunk_start, min(chunk_start + CHUNK, start + count))
                offers = [_offer(rng, number, centres, localities, topics, weights, languages)
                          for number in numbers]
                for page in add_children_in_bulk(
                        [(by_pk[offer.centre_id], offer) for offer in offers]):
                    created[type(page)].append(page.pk)
        index_created(created)
        record_changes()
        refresh_planner_statistics(offers_written_in_bulk())
    return [pk for pks in created.values() for pk in pks]


def _offer(rng, number, centres, localities, topics, weights, languages):
    """An entry written like a real one: its title and text are about its one or two topics
    (so a topic word matches a few percent of the directory, not all of it)."""
    from directory.models import OnlineOfferPage, SelfHelpGroupPage

    centre = centres[number % len(centres)]
    own_topics = list(dict.fromkeys(rng.choices(topics, weights, k=rng.choice([1, 1, 2]))))
    about = own_topics[0]
    words = [*about.name.split(), *about.synonyms.replace(",", " ").split()]
    common = {
        "title": f"{rng.choice(TITLE_WORDS)} {about.name} {number}",
        "slug": f"bench-{number}",
        "summary": " ".join([rng.choice(words)] + [rng.choice(WORDS) for _ in range(11)]),
        "description": "<p>" + " ".join([rng.choice(words), rng.choice(words)]
                                        + [rng.choice(WORDS) for _ in range(38)]) + "</p>",
        "external_id": f"{BENCH_PREFIX}offer:{number}",
        "centre_id": centre.pk,
        "locale_id": centre.locale_id,
        "target_group": rng.choice(["affected", "relatives", "both"]),
        "last_verified": datetime.date.today(),
        "translation_key": uuid.uuid4(),
        "topics": own_topics,
        "languages": [rng.choice(languages)],
    }
    if number % 10 == 9:
        offer = OnlineOfferPage(**common, offer_format="online", online_kind="forum",
                                platform_url="https://forum.example.ch/")
        return offer
    locality = rng.choice(localities[centre.pk])
    offer = SelfHelpGroupPage(
        **common, offer_format=rng.choice(["in_person", "in_person", "hybrid"]),
        locality_id=locality.pk, canton_id=locality.canton_id,
        latitude=locality.latitude, longitude=locality.longitude,
        schedule="jeden 2. Dienstag, 19:00", status="open",
    )
    return offer

TITLE_WORDS = ["Selbsthilfegruppe", "Gesprächsgruppe", "Treffpunkt", "Austauschgruppe"]
# Words any entry may use, whatever its topic.
WORDS = [
    "Austausch", "Begegnung", "Unterstützung", "Gespräch", "Erfahrung", "Alltag", "Familie",
    "Angehörige", "Hoffnung", "Mut", "Kraft", "Gemeinschaft", "Vertrauen",
    "Zuhören", "Zukunft", "Gesundheit", "Bewegung", "Ernährung", "Schlaf", "Arbeit",
]


if __name__ == "__main__":
    setup_django()
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    started = __import__("time").monotonic()
    made = generate(total)
    print(f"{len(made)} offers in {__import__('time').monotonic() - started:.1f} s")
