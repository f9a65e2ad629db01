"""Import N HSDS 3.0 records into a freshly migrated, empty PostgreSQL database (no demo):
what an organisation loading its own directory into a new Entraide waits for.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/import_bench python bench/bench_import_empty.py
    python bench/bench_import_empty.py --records 1000

The database in DATABASE_URL is dropped and created again (refused unless its name contains
"bench"), migrated, then `manage.py import_directory` reads a generated file: 90 % groups,
10 % online offers, records in German (60 %), French (30 %) and Italian (10 %), 20 regional
centres and 10 organisations known only from the file, 30 topics known only from their
`entraide-topics` terms, 10 % of the groups with no centre. Only the import is timed.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "import_empty.json"
LANGUAGES = [("de", 6), ("fr", 3), ("it", 1)]
TOPICS = {"de": "Thema", "fr": "Thème", "it": "Tema"}


def uid(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"entraide-bench-import:{name}"))


def recreate_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    if "bench" not in name:
        sys.exit(f"refusing to drop database {name!r}: its name must contain 'bench'")
    admin_url = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def organisation(number, centre):
    data = {"id": uid(f"org:{number}"), "name": f"{'Zentrum' if centre else 'Liga'} {number}",
            "description": "Erstellt für den Benchmark.", "website": "https://example.ch/"}
    if centre:
        data["organization_identifiers"] = [{
            "id": uid(f"orgid:{number}"), "identifier_scheme": "entraide",
            "identifier_type": "centre", "identifier": f"BENCH-{number}"}]
    return data


def service(number, rng, postal_codes):
    language = rng.choices([code for code, _ in LANGUAGES], [w for _, w in LANGUAGES])[0]
    online = number % 10 == 0
    topic = rng.randrange(30)
    data = {
        "id": uid(f"service:{number}"), "name": f"Angebot {number} ({language})",
        "description": f"Austausch Nummer {number}.\n\nWir treffen uns regelmässig.",
        "status": "active",
        "languages": [{"id": uid(f"language:{number}"), "code": language, "name": language}],
        "attributes": [{"id": uid(f"attribute:{number}"), "taxonomy_term": {
            "id": uid(f"topic:{topic}"), "code": f"thema-{topic}", "language": language,
            "name": f"{TOPICS[language]} {topic}", "taxonomy": "entraide-topics"}}],
    }
    if online:
        data["organization"] = organisation(100 + number % 10, centre=False)
        data["service_at_locations"] = [{"id": uid(f"sal:{number}"), "location": {
            "id": uid(f"location:{number}"), "location_type": "virtual",
            "url": f"https://forum.example.ch/{number}"}}]
    else:
        if number % 10 != 5:  # one group in ten names no centre
            data["organization"] = organisation(number % 20, centre=True)
        data["service_at_locations"] = [{"id": uid(f"sal:{number}"), "location": {
            "id": uid(f"location:{number}"), "location_type": "physical",
            "addresses": [{"id": uid(f"address:{number}"), "address_1": "Hauptstrasse 1",
                           "postal_code": rng.choice(postal_codes), "city": "",
                           "country": "CH"}]}}]
        data["schedules"] = [{"id": uid(f"schedule:{number}"),
                              "description": "jeden 2. Dienstag, 19:00"}]
    return data


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL database whose name contains 'bench'")
    recreate_database(url)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    from directory.models import Locality, OfferPage, Topic

    postal_codes = sorted(set(Locality.objects.values_list("postal_code", flat=True)))
    rng = random.Random(1)
    services = [service(number, rng, postal_codes) for number in range(1, args.records + 1)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "directory.json"
        path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
        started, cpu_started = time.perf_counter(), time.process_time()
        call_command("import_directory", str(path), stderr=open(os.devnull, "w"))  # noqa: SIM115
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
    result = {
        "records": args.records, "offers_created": OfferPage.objects.count(),
        "live_offers": OfferPage.objects.live().count(), "topics": Topic.objects.count(),
        "import_seconds": round(seconds, 1), "migrate_seconds": round(migrated, 1),
        # the Python process's own CPU time: less sensitive to a busy machine than the wall
        # clock (PostgreSQL's work is not in it)
        "import_cpu_seconds": round(cpu_seconds, 1),
        "load_average": os.getloadavg()[0], "date": time.strftime("%Y-%m-%d %H:%M UTC",
                                                                  time.gmtime()),
    }
    print(f"| records | offers created | topics | import (s) | import CPU (s) | migrate (s) | "
          f"load |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
          f"| {result['records']:,} | {result['offers_created']:,} | {result['topics']} | "
          f"{result['import_seconds']} | {result['import_cpu_seconds']} | "
          f"{result['migrate_seconds']} | "
          f"{result['load_average']:.1f} |")
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
