"""`make bench`: server time of the directory search page and the HSDS API on PostgreSQL with
10,000 and 100,000 entries, and the time to import 10,000 HSDS records.

Starts a throwaway PostgreSQL (unless DATABASE_URL is set), migrates, generates entries with
bench/generate_directory.py, calls the endpoints through django.test.Client (server time =
the time around the request, no network) and prints a markdown table; the numbers also go to
bench/results/directory.json. An endpoint that does not exist yet is skipped with a message.

    python bench/bench_directory.py [--sizes 10000,100000] [--requests 40]
                                    [--import-records 10000]
"""

import argparse
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "directory.json"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# Text + two filters + nearest first, the same question to the page and the API.
PAGE_QUERY = {"q": "Depression", "topic": "depression", "canton": "BE", "near": "3011"}
API_QUERY = {"search": "Depression", "taxonomy_term_id": "depression", "postcode": "3011",
             "proximity": "50"}
IMPORT_RECORDS = 10_000


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(client, url, params, requests, before_each=None):
    """(p50 ms, p95 ms, status) of `requests` GETs after two warm-up requests, each after
    before_each() when given (not timed)."""
    for _ in range(2):
        response = client.get(url, params)
    if response.status_code != 200:
        return None, response.status_code
    samples = []
    for _ in range(requests):
        if before_each is not None:
            before_each()
        started = time.perf_counter()
        response = client.get(url, params)
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 0.95), 1),
            "requests": requests}, response.status_code


def directory_url():
    from wagtail.models import Locale

    from directory.models import DirectoryIndexPage

    index = DirectoryIndexPage.objects.filter(locale=Locale.get_default()).first()
    return index.url if index else None


def bench_endpoints(size, requests):
    from django.test import Client

    client = Client()
    rows = []
    url = directory_url()
    endpoints = [("directory search page", url, PAGE_QUERY),
                 ("/api/hsds/services", "/api/hsds/services", API_QUERY)]
    from directory.facts import forget_matches

    # the facts remember text matches per word: measured as asked before, and as the first
    # search of the words since the last change to the directory
    for (name, path, params), (when, before_each) in itertools.product(
            endpoints, [("asked before", None), ("words not remembered", forget_matches)]):
        name = f"{name} ({when})"
        if path is None:
            print(f"  skipped {name}: no directory page", flush=True)
            continue
        result, status = measure(client, path, params, requests, before_each)
        if result is None:
            print(f"  skipped {name}: {path} answered {status} (not there yet?)", flush=True)
            rows.append({"entries": size, "what": name, "skipped": f"HTTP {status}"})
            continue
        print(f"  {name}: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms", flush=True)
        rows.append({"entries": size, "what": name, "query": params, **result})
    return rows


def bench_import(records):
    """Export `records` live offers as HSDS, give them new ids and import them again."""
    try:
        from directory.exporter import export_hsds
        from directory.importer import import_file
    except ImportError as error:
        print(f"  skipped HSDS import: {error}", flush=True)
        return [{"entries": records, "what": "HSDS import", "skipped": str(error)}]
    import io

    stream = io.StringIO()
    export_hsds(stream, language="de")
    services = json.loads(stream.getvalue())
    services = services if isinstance(services, list) else services.get("contents", [])
    services = services[:records]
    prefix = f"import-{uuid.uuid4().hex[:8]}-"  # new offers, also when run twice
    for service in services:
        service["id"] = f"{prefix}{service['id']}"
        service["name"] = f"{service['name']} (Import)"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(services, handle)
    started = time.perf_counter()
    report = import_file(handle.name)
    seconds = time.perf_counter() - started
    os.unlink(handle.name)
    errors = len(getattr(report, "bad_rows", []) or [])
    print(f"  HSDS import of {len(services)} records: {seconds:.1f} s ({errors} bad rows)",
          flush=True)
    return [{"entries": len(services), "what": "HSDS import", "seconds": round(seconds, 1),
             "bad_rows": errors}]


def cpu_check_ms():
    """Milliseconds of a fixed piece of pure Python (best of three): this machine's speed
    varies by up to two times from hour to hour, so results are comparable only beside it."""
    def once():
        started = time.perf_counter()
        sum(range(10**7))
        return (time.perf_counter() - started) * 1000
    return round(min(once() for _ in range(3)))


def live_offer_count():
    from directory.models import OfferPage

    return OfferPage.objects.live().count()


def markdown(rows):
    lines = ["| entries | what | p50 | p95 | total |", "|---:|---|---:|---:|---:|"]
    for row in rows:
        if "skipped" in row:
            lines.append(f"| {row['entries']:,} | {row['what']} | skipped: {row['skipped']} "
                         "| | |")
        elif "seconds" in row:
            lines.append(f"| {row['entries']:,} | {row['what']} | | | {row['seconds']} s |")
        else:
            lines.append(f"| {row['entries']:,} | {row['what']} | {row['p50_ms']} ms "
                         f"| {row['p95_ms']} ms | |")
    return "\n".join(lines)


def run(sizes, requests, import_records):
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings.test")
    django.setup()
    import generate_directory

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.0f} s", flush=True)
    # a database given in DATABASE_URL may hold entries already: only the missing ones are made
    rows, generated = [], live_offer_count()
    for size in sorted(sizes):
        started = time.perf_counter()
        missing = max(0, size - generated)
        generate_directory.generate(missing)
        generated = size
        seconds = time.perf_counter() - started
        print(f"{size:,} entries ({missing:,} generated in {seconds:.0f} s)", flush=True)
        if missing:
            rows.append({"entries": missing, "what": "generate (bulk insert + index)",
                         "seconds": round(seconds, 1)})
        rows += bench_endpoints(size, requests)
        if size == min(sizes) and import_records:
            rows += bench_import(import_records)
            generated = live_offer_count()  # imported offers count towards the next size
    return rows


def with_unmeasured(rows, previous):
    """This run's rows, then the previous file's rows of sizes or steps this run did not
    measure, each keeping when and under what load it was measured."""
    measured = {(row["entries"], row["what"]) for row in rows}
    return rows + [
        {"measured_at": previous.get("measured_at"), "load_average": previous.get("load_average"),
         **row}
        for row in previous.get("results", []) if (row["entries"], row["what"]) not in measured]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "10000,100000"))
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--import-records", type=int, default=IMPORT_RECORDS)
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
        rows = run(sizes, args.requests, args.import_records)
    table, cpu_after = markdown(rows), cpu_check_ms()
    print("\n" + table + f"\n\ncpu check before / after: {cpu_before} / {cpu_after} ms")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    RESULTS.write_text(json.dumps({"measured_at": time.strftime("%Y-%m-%d %H:%M"),
                                   "cpus": os.cpu_count(),
                                   "load_average": [round(n, 1) for n in os.getloadavg()],
                                   "cpu_check_ms": [cpu_before, cpu_after],
                                   "results": with_unmeasured(rows, previous)}, indent=2,
                                  ensure_ascii=False) + "\n")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
