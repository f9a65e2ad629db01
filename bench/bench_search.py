"""`make bench-search`: server time of the site search's suggestions and of its results page
with facets, with 10,000 and 100,000 directory entries, on each search backend that can run
here (Wagtail's database backend on PostgreSQL; Elasticsearch 8 when its node can start), and
the time to rebuild the whole search index (`manage.py update_index`).

Starts a throwaway PostgreSQL (unless DATABASE_URL points at one) and, unless
ELASTICSEARCH_URL is set, tries to start the test Elasticsearch node (tests/services); adds
entries with bench/generate_directory.py and a few hundred campaign materials, calls the
endpoints through django.test.Client (server time = the time around the request, no network)
and prints a markdown table; the numbers also go to bench/results/search.json.

    python bench/bench_search.py [--sizes 10000,100000] [--requests 40] [--materials 500]
"""

import argparse
import json
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from bench_directory import cpu_check_ms, markdown, measure, with_unmeasured

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "search.json"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

ENDPOINTS = [
    ("suggestions", "/de/search/suggest/", {"q": "Depr"}),
    ("suggestions (postal code)", "/de/search/suggest/", {"q": "30"}),
    ("results with facets", "/de/search/",
     {"q": "Depression", "topic": "depression", "canton": "BE", "language": "de"}),
    ("results nearest first", "/de/search/", {"q": "Krebs Angehörige", "near": "3011"}),
]
MATERIAL_TEXTS = ["Plakat", "Radiospot", "Flyer", "Kurztext", "Silhouette", "Film"]


def engine_setups():
    """name -> (SEARCH_ENGINE, the backends a rebuild fills): the database alone, and each
    search engine configured (Elasticsearch or OpenSearch: one backend per language, the
    database answering when it cannot)."""
    from django.conf import settings

    configured = settings.WAGTAILSEARCH_BACKENDS
    setups = {"database": ("database", ["default"])}
    for engine in ("elasticsearch", "opensearch"):
        names = [name for name in configured if name.startswith(f"{engine}_")]
        if names:
            setups[engine] = (engine, names)
    return setups


def add_materials(count, seed=1):
    """`count` live text materials on directory topics, in one benchmark campaign."""
    import random

    from wagtail.models import Locale

    from campaigns.models import CampaignIndexPage, CampaignPage, MaterialPage
    from home.models import HomePage
    from taxonomy.models import Topic

    rng = random.Random(seed)
    locale = Locale.get_default()
    library = CampaignIndexPage.objects.filter(locale=locale).first()
    if library is None:
        home = HomePage.objects.get(locale=locale, depth=2)
        library = home.add_child(instance=CampaignIndexPage(title="Material", slug="material"))
    campaign = CampaignPage.objects.child_of(library).filter(slug="bench-kampagne").first() \
        or library.add_child(instance=CampaignPage(title="Benchmark-Kampagne",
                                                   slug="bench-kampagne"))
    topics = list(Topic.objects.filter(locale=locale))
    start = MaterialPage.objects.child_of(campaign).count()
    for number in range(start, start + count):
        topic = rng.choice(topics)
        material = campaign.add_child(instance=MaterialPage(
            title=f"{rng.choice(MATERIAL_TEXTS)} {topic.name} {number}",
            slug=f"bench-material-{number}", material_type="text",
            language=rng.choice(["de", "fr", "it", ""]), for_web=True,
            text_short=f"{topic.name}: gemeinsam statt einsam."))
        material.topics.set([topic])
        material.save()


def bench_endpoints(size, setup_name, engine, requests, warmup_seconds):
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    rows = []
    with override_settings(SEARCH_ENGINE=engine):
        warm_up(client, warmup_seconds)
        for name, path, params in ENDPOINTS:
            result, status = measure(client, path, params, requests)
            what = f"{name} [{setup_name}]"
            if result is None:
                print(f"  skipped {what}: {path} answered {status}", flush=True)
                rows.append({"entries": size, "what": what, "skipped": f"HTTP {status}"})
                continue
            print(f"  {what}: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms", flush=True)
            rows.append({"entries": size, "what": what, "query": params, **result,
                         "load_average": load_average()})
    return rows


def warm_up(client, seconds):
    """Calls the endpoints in turn for `seconds`, untimed. A search engine's JVM compiles its
    hot paths during its first thousands of queries: right after its start and a rebuild it
    answers up to twice as slowly as a node in service does."""
    calls, stop = 0, time.monotonic() + seconds
    while time.monotonic() < stop:
        for _name, path, params in ENDPOINTS:
            client.get(path, params)
            calls += 1
    print(f"  warmed up with {calls} requests in {seconds} s", flush=True)


def bench_rebuild(size, setup_name, backend_names):
    """`update_index` of each backend in turn (an engine's: one index per language)."""
    from django.core.management import call_command

    started = time.perf_counter()
    for name in backend_names:
        call_command("update_index", backend_name=name, verbosity=0)
    seconds = time.perf_counter() - started
    print(f"  rebuild [{setup_name}]: {seconds:.1f} s (load {load_average()})", flush=True)
    return [{"entries": size, "what": f"rebuild index (update_index) [{setup_name}]",
             "seconds": round(seconds, 1), "load_average": load_average()}]


def load_average():
    return [round(load, 2) for load in os.getloadavg()]


def run(sizes, requests, materials, engines=None, warmup_seconds=30):
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings.test")
    django.setup()
    import generate_directory
    from bench_directory import live_offer_count

    from campaigns.models import MaterialPage

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.0f} s", flush=True)
    # a database given in DATABASE_URL may hold entries already: only the missing ones are made
    rows, generated = [], live_offer_count()
    setups = {name: setup for name, setup in engine_setups().items()
              if engines is None or name in engines}
    for size in sorted(sizes):
        started = time.perf_counter()
        generate_directory.generate(max(0, size - generated))
        if not MaterialPage.objects.exists():
            add_materials(materials)
        generated = size
        seconds = time.perf_counter() - started
        print(f"{size:,} entries and {materials} materials (generated in {seconds:.0f} s)",
              flush=True)
        rows.append({"entries": size, "what": "generate (bulk insert + index)",
                     "seconds": round(seconds, 1)})
        for setup_name, (engine, backend_names) in setups.items():
            rows += bench_rebuild(size, setup_name, backend_names)
            rows += bench_endpoints(size, setup_name, engine, requests, warmup_seconds)
    return rows


def start_elasticsearch(stack):
    try:
        from tests.services.elasticsearch import ElasticsearchServer

        server = ElasticsearchServer()
        stack.callback(server.stop)
        server.start()
    except Exception as error:  # no Java, no Maven cache, not enough memory...
        print(f"Elasticsearch not measured: it did not start ({error})", flush=True)
        return
    os.environ["ELASTICSEARCH_URL"] = server.url
    print(f"{server.version()} on {server.url}", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "10000,100000"))
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--materials", type=int, default=500)
    parser.add_argument("--warmup-seconds", type=int, default=30,
                        help="untimed requests to every endpoint before timing (default 30)")
    parser.add_argument("--engines", help="only these, e.g. elasticsearch (default: all)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    cpu_before = cpu_check_ms()
    with ExitStack() as stack:
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            from tests.services.postgres import PostgresServer

            server = PostgresServer()
            stack.callback(server.stop)
            server.start()
            os.environ["DATABASE_URL"] = server.url
            print(f"{server.version()} on {server.url}", flush=True)
        if not os.environ.get("ELASTICSEARCH_URL"):
            start_elasticsearch(stack)
        rows = run(sizes, args.requests, args.materials,
                   args.engines.split(",") if args.engines else None, args.warmup_seconds)
    table, cpu_after = markdown(rows), cpu_check_ms()
    print("\n" + table + f"\n\ncpu check before / after: {cpu_before} / {cpu_after} ms")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    RESULTS.write_text(json.dumps({"measured_at": time.strftime("%Y-%m-%d %H:%M"),
                                   "cpus": os.cpu_count(),
                                   "cpu_check_ms": [cpu_before, cpu_after],
                                   "results": with_unmeasured(rows, previous)}, indent=2,
                                  ensure_ascii=False) + "\n")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
