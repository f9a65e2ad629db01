"""`make bench-campaigns`: server time of the campaign library with 5,000 materials (plain and
filtered) and peak memory of the web process while it streams the ZIP of a 1 GB campaign.

Starts a throwaway PostgreSQL (unless DATABASE_URL is set) and puts uploaded files in a
temporary MEDIA_ROOT that is removed at the end.

1. Materials are bulk-inserted below ten campaigns (live pages with url paths, topics,
   channels, languages, some with images, 5 % expired, a few in a partner-only collection)
   and indexed for search; the library page is called through django.test.Client as an
   anonymous visitor: two warm-up requests, then N timed ones; p50 and p95 server time.
2. A campaign of 20 materials with 50 MiB files each (sparse files: nothing is written to
   disk) is served by a separate WSGI process (wsgiref); its ZIP is downloaded and thrown
   away while the process's resident memory is sampled from /proc; the kernel's high-water
   mark (VmHWM) is reported too.

Results are printed as a markdown table and written to bench/results/campaigns.json.

    python bench/bench_campaigns.py [--materials 5000] [--requests 40] [--zip-mb 1024]
"""

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "campaigns.json"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_directory import percentile  # noqa: E402

CAMPAIGNS = 10
IMAGES = 20
ZIP_FILE_MB = 50
LISTING_QUERIES = {
    "library, no filter": {},
    "library, type + language + channel": {"type": "visual", "language": "fr",
                                           "channel": "web"},
    "library, topic + audience": {"topic": "depression", "audience": "public"},
    "library, campaign, page 3": {"campaign": "bench-kampagne-3", "page": "3"},
    "library, keyword + type": {"q": "Plakat", "type": "visual"},
}
TYPES = ["audio", "film", "silhouette", "visual", "text"]
# Titles name what a material is; descriptions use words any material may use.
TYPE_WORDS = {"audio": ["Radiospot", "Erfahrungsbericht", "Hörbeitrag"],
              "film": ["Kurzfilm", "Video", "Clip"], "silhouette": ["Silhouette", "Figur"],
              "visual": ["Plakat", "Flyer", "Kachel", "Logo"],
              "text": ["Slogan", "Medientext", "Kurztext"]}
WORDS = ["Gemeinsam", "stärker", "Selbsthilfe", "Austausch", "Mut", "Hoffnung", "Begegnung",
         "Gruppe", "Alltag", "Familie", "Angehörige", "Kraft", "Vertrauen", "Zuhören",
         "Zukunft", "Gesundheit", "Schweiz", "Region", "Woche", "Tag", "Kongress", "Thema",
         "Erfahrung", "Unterstützung", "Gespräch", "Gemeinschaft", "Begleitung", "Freude"]


# --- data --------------------------------------------------------------------------------

def library_page():
    from wagtail.models import Locale

    from campaigns.models import CampaignIndexPage
    from directory.bulk import publish_new_page
    from home import demo as home_demo
    from home.models import HomePage

    locale = Locale.get_default()
    library = CampaignIndexPage.objects.filter(locale=locale).first()
    if library:
        return library
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        home_demo.load()
        home = HomePage.objects.get(locale=locale, depth=2)
    library = home.add_child(instance=CampaignIndexPage(title="Kampagnenmaterial",
                                                        slug="material"))
    publish_new_page(library)
    return library


def campaign(library, slug, title):
    from campaigns.models import CampaignPage
    from directory.bulk import publish_new_page

    existing = CampaignPage.objects.child_of(library).filter(slug=slug).first()
    if existing:
        return existing
    page = library.add_child(instance=CampaignPage(title=title, slug=slug, kind="other",
                                                   starts_on=datetime.date(2026, 5, 1)))
    publish_new_page(page)
    return page


def image_pool(partner_collection):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    images = []
    for number in range(IMAGES):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 800), (20 * number % 255, 90, 140)).save(buffer, "PNG")
        image = Image(title=f"bench {number}",
                      collection=partner_collection if number < 2 else root,
                      file=ImageFile(buffer, name=f"{uuid.uuid4().hex}.png"))
        image._set_image_file_metadata()
        image.save()
        images.append(image)
    return images


def partner_collection():
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Bench Partner intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get_or_create(name="Bench Partner")[0]])
    return collection


def _material(rng, number, parent, step, content_type, images, today):
    from wagtail.models import Page

    from campaigns.models import MaterialPage

    material_type = TYPES[number % len(TYPES)]
    fields = {
        "title": f"{rng.choice(TYPE_WORDS[material_type])} {rng.choice(WORDS)} {number}",
        "slug": f"bench-material-{number}",
        "material_type": material_type, "language": rng.choice(["de", "fr", "it", ""]),
        "audience": rng.choice(["public", "public", "affected", "professionals", "media"]),
        "for_print": rng.random() < 0.4, "for_web": rng.random() < 0.7,
        "for_social": rng.random() < 0.4, "for_radio": material_type == "audio",
        "description": " ".join(rng.choice(WORDS) for _ in range(20)),
        "text_short": " ".join(rng.choice(WORDS) for _ in range(8)),
        "live": True, "has_unpublished_changes": False,
        "first_published_at": datetime.datetime.now(datetime.UTC) - datetime.timedelta(
            minutes=number),
        "locale_id": parent.locale_id, "translation_key": uuid.uuid4(),
        "content_type": content_type,
    }
    if material_type in ("silhouette", "visual") or rng.random() < 0.2:
        fields["image_id"] = rng.choice(images).pk
    if number % 20 == 7:
        fields["expires_on"] = today - datetime.timedelta(days=rng.randint(1, 300))
    elif number % 20 == 8:
        fields["expires_on"] = today + datetime.timedelta(days=rng.randint(0, 400))
    material = MaterialPage(**fields)
    material.path = Page._get_path(parent.path, parent.depth + 1, step)
    material.depth = parent.depth + 1
    material.url_path = f"{parent.url_path}{material.slug}/"
    material.draft_title = material.title
    return material


def generate_materials(count, seed=1):
    """Add `count` live materials below ten campaigns of the library; returns their ids."""
    import generate_directory
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from campaigns.models import MaterialPage
    from directory.bulk import index_objects

    rng = random.Random(seed)
    today = timezone.localdate()
    with transaction.atomic():
        library = library_page()
        campaigns = [campaign(library, f"bench-kampagne-{n}", f"Benchmark-Kampagne {n}")
                     for n in range(CAMPAIGNS)]
        images = image_pool(partner_collection())
        topics, weights = generate_directory.topics_for_bench()
        content_type = ContentType.objects.get_for_model(MaterialPage)
        materials = [_material(rng, number, campaigns[number % CAMPAIGNS],
                               number // CAMPAIGNS + 1, content_type, images, today)
                     for number in range(count)]
        for start in range(0, count, 1000):
            chunk = materials[start:start + 1000]
            Page.objects.bulk_create([Page(**generate_directory._page_columns(material))
                                      for material in chunk])
            ids = dict(Page.objects.filter(url_path__in=[m.url_path for m in chunk])
                       .values_list("url_path", "id"))
            for material in chunk:
                material.id = material.page_ptr_id = ids[material.url_path]
            generate_directory._insert_local_rows(MaterialPage, chunk)
        through = MaterialPage.topics.through
        through.objects.bulk_create([
            through(materialpage_id=material.id, topic_id=topic.pk) for material in materials
            for topic in set(rng.choices(topics, weights, k=rng.choice([1, 2])))])
        for page in campaigns:
            Page.objects.filter(pk=page.pk).update(numchild=Page.objects.child_of(page).count())
        index_objects(MaterialPage, [material.id for material in materials])
    analyse()
    return library


def analyse():
    """Planner statistics, as autovacuum would have them on a database in use (plans made
    without them for thousands of fresh rows are far off)."""
    from directory.bulk import refresh_planner_statistics

    refresh_planner_statistics()


# --- listing -----------------------------------------------------------------------------

def measure(client, url, params, requests, first_visits=False):
    """p50/p95 of `requests` requests; with first_visits, the library is marked changed
    before each one, so every request counts and renders the listing as the first visitor
    after an edit does."""
    from django.db import connection

    from campaigns.listing_cache import library_changed

    for _ in range(2):
        response = client.get(url, params)
    if response.status_code != 200:
        return {"skipped": f"HTTP {response.status_code}"}
    queries = []
    if first_visits:
        library_changed()
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        client.get(url, params)
    samples = []
    for _ in range(requests):
        if first_visits:
            library_changed()
        started = time.perf_counter()
        client.get(url, params)
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 0.95), 1), "requests": requests,
            "queries": len(queries)}


def bench_listing(library, count, requests):
    from django.test import Client

    client = Client()
    # the home page (a few queries, no listing) shows what the machine itself costs
    home = measure(client, library.get_parent().url, {}, requests)
    print(f"  home page (reference): {home}", file=sys.stderr, flush=True)
    rows = [{"materials": count, "what": "home page (reference, no listing)", **home}]
    for name, params in LISTING_QUERIES.items():
        for first_visits, when in ((False, "asked before"), (True, "first visit")):
            result = measure(client, library.url, params, requests, first_visits)
            print(f"  {name} ({when}): {result}", file=sys.stderr, flush=True)
            rows.append({"materials": count, "what": f"{name} ({when})", "query": params,
                         **result})
    return rows


def listing_in_fresh_process(count, requests):
    """Measured in a new process, like a web worker: not in the one that just made thousands
    of objects (its garbage collector would slow every request down)."""
    command = [sys.executable, __file__, "--listing-only", "--materials", str(count),
               "--requests", str(requests)]
    output = subprocess.run(command, env=os.environ.copy(), check=True,  # noqa: S603
                            stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def listing_only(count, requests):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings.test")
    django.setup()
    print(json.dumps(bench_listing(library_page(), count, requests)))


# --- ZIP ---------------------------------------------------------------------------------

def zip_campaign(library, total_mb):
    """A campaign with total_mb of PDFs (sparse files of ZIP_FILE_MB each)."""
    from django.conf import settings
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    from campaigns.models import MaterialPage
    from directory.bulk import publish_new_page

    page = campaign(library, "bench-zip", "Benchmark-ZIP")
    folder = Path(settings.MEDIA_ROOT) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    files = max(1, round(total_mb / ZIP_FILE_MB))
    for number in range(files):
        name = f"documents/{uuid.uuid4().hex}.pdf"
        with open(Path(settings.MEDIA_ROOT) / name, "wb") as handle:
            handle.write(b"%PDF-1.4\n")
            handle.truncate(total_mb * 1024 * 1024 // files)  # sparse: no disk space used
        document = Document(title=f"bench zip {number}", file=name,
                            collection=Collection.get_first_root_node(),
                            file_size=total_mb * 1024 * 1024 // files)
        document.save()
        material = page.add_child(instance=MaterialPage(
            title=f"Plakat {number}", slug=f"plakat-{number}", material_type="visual",
            document=document))
        publish_new_page(material)
    return page


SERVER = """
import os, sys, django
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings.test")
django.setup()
from wsgiref.simple_server import WSGIRequestHandler, make_server
from django.core.wsgi import get_wsgi_application

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

make_server("127.0.0.1", {port}, get_wsgi_application(), handler_class=Quiet).serve_forever()
"""


def _memory_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url) as response:  # noqa: S310 (our own server)
                response.read()
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the WSGI process did not answer {url}")


def bench_zip(page, total_mb):
    from tests.services.ports import free_port

    port = free_port()
    command = [sys.executable, "-c", SERVER.format(root=str(ROOT), port=port)]
    server = subprocess.Popen(command, env=os.environ.copy())  # noqa: S603 (our own code)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base + page.url)  # warm: code loaded, one page served
        baseline = _memory_kb(server.pid, "VmRSS")
        samples, done = [], threading.Event()

        def sample():
            while not done.is_set():
                samples.append(_memory_kb(server.pid, "VmRSS"))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.perf_counter()
        received = 0
        zip_url = base + page.url + "zip/"
        with urllib.request.urlopen(zip_url) as response, open(os.devnull, "wb") as sink:  # noqa: S310
            while chunk := response.read(1024 * 1024):
                received += len(chunk)
                sink.write(chunk)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        peak_hwm = _memory_kb(server.pid, "VmHWM")
    finally:
        server.terminate()
        server.wait(timeout=10)
    result = {"what": f"campaign ZIP ({total_mb:,} MB of files)", "zip_mb": round(
        received / 1024 / 1024), "seconds": round(seconds, 1),
        "baseline_rss_mb": round(baseline / 1024, 1),
        "peak_rss_mb": round(max(samples or [0]) / 1024, 1),
        "peak_hwm_mb": round(peak_hwm / 1024, 1), "rss_samples": len(samples)}
    print(f"  {result}", flush=True)
    return result


# --- main --------------------------------------------------------------------------------

def markdown(rows):
    lines = ["| what | p50 | p95 | queries | memory |", "|---|---:|---:|---:|---|"]
    for row in rows:
        if "skipped" in row:
            lines.append(f"| {row['what']} | skipped: {row['skipped']} | | | |")
        elif "p95_ms" in row:
            lines.append(f"| {row['what']} ({row['materials']:,} materials) | {row['p50_ms']} ms "
                         f"| {row['p95_ms']} ms | {row['queries']} | |")
        elif "peak_rss_mb" in row:
            lines.append(f"| {row['what']}, {row['zip_mb']:,} MB in {row['seconds']} s | | | | "
                         f"peak RSS {row['peak_rss_mb']} MB (high-water {row['peak_hwm_mb']} "
                         f"MB; {row['baseline_rss_mb']} MB before) |")
        else:
            lines.append(f"| {row['what']} | | | | {row.get('seconds', '')} s |")
    return "\n".join(lines)


def with_unmeasured(rows, previous):
    """This run's rows, then those of the previous file this run did not measure (e.g. the
    ZIP after `--zip-mb 0`), each keeping when and under what load it was measured."""
    measured = {row["what"] for row in rows}
    return rows + [
        {"measured_at": previous.get("measured_at"), "load_average": previous.get("load_average"),
         **row}
        for row in previous.get("results", []) if row["what"] not in measured]


def run(count, requests, zip_mb):
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings.test")
    django.setup()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    library = generate_materials(count)
    seconds = time.perf_counter() - started
    print(f"{count:,} materials generated in {seconds:.0f} s", flush=True)
    rows = [{"what": f"generate {count:,} materials (bulk insert + index)",
             "seconds": round(seconds, 1)}]
    rows += listing_in_fresh_process(count, requests)
    if zip_mb:
        rows.append(bench_zip(zip_campaign(library, zip_mb), zip_mb))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--materials", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--zip-mb", type=int, default=1024, help="0 to skip the ZIP")
    parser.add_argument("--listing-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.listing_only:
        return listing_only(args.materials, args.requests)
    with ExitStack() as stack:
        media = stack.enter_context(tempfile.TemporaryDirectory(prefix="entraide-bench-media-"))
        os.environ["MEDIA_ROOT"] = media
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            from tests.services.postgres import PostgresServer

            server = PostgresServer()
            stack.callback(server.stop)
            server.start()
            os.environ["DATABASE_URL"] = server.url
            print(f"{server.version()} on {server.url}", flush=True)
        rows = run(args.materials, args.requests, args.zip_mb)
    table = markdown(rows)
    print("\n" + table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    RESULTS.write_text(json.dumps({"measured_at": time.strftime("%Y-%m-%d %H:%M"),
                                   "cpus": os.cpu_count(),
                                   "load_average": [round(n, 1) for n in os.getloadavg()],
                                   "results": with_unmeasured(rows, previous)}, indent=2,
                                  ensure_ascii=False) + "\n")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
