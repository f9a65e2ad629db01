"""Load test: anonymous visitors (locust, headless, loopback only) through nginx with the page
cache, then straight to gunicorn, on the same database and gunicorn.

    python bench/bench_load.py [--users 100] [--seconds 60] [--workers 2]

Production settings (DEBUG off, WhiteNoise, database cache) on DATABASE_URL (default: a copy
of make run's db.sqlite3 in a temporary folder, migrated; `make run` loads the demo once),
rate limits off (every locust user shares 127.0.0.1). Visits: home, the directory with
topic and canton filters, entry pages, suggestions, the HSDS API and a widget's API
(bench/locustfile.py). Prints p50/p95/p99 and requests per second for each run and writes
bench/results/load.json."""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.services.nginx import NginxServer  # noqa: E402
from tests.services.ports import free_port  # noqa: E402

DISCOVER = """
import json
from directory.models import Canton, DirectoryIndexPage, OfferPage, Topic
from directory.visibility import public_pages
from directory.widgets.models import Widget
from home.models import HomePage
offers = public_pages(OfferPage.objects.filter(locale__language_code="de"))[:40]
print(json.dumps({
    "home": [page.url for page in HomePage.objects.live()],
    "directory": DirectoryIndexPage.objects.live().filter(locale__language_code="de").first().url,
    "topics": list(Topic.objects.filter(locale__language_code="de")
                   .values_list("slug", flat=True)[:10]),
    "cantons": list(Canton.objects.values_list("code", flat=True)[:6]),
    "entries": [page.url for page in offers],
    "words": ["trauer", "sucht", "krebs", "angst", "eltern", "depression"],
    "widgets": [str(pk) for pk in Widget.objects.filter(enabled=True)
                .values_list("pk", flat=True)[:3]],
}))
"""


def environment(database_url, static_root):
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "entraide.settings.production",
            "SECRET_KEY": "bench-only-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false", "DATABASE_URL": database_url,
            "STATIC_ROOT": str(static_root), "LOG_LEVEL": "WARNING",
            **{f"RATE_LIMIT_{name}": "off"
               for name in ("SEARCH", "SUGGEST", "API", "WIDGETS", "CONTACT", "LOGIN")}}


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,  # noqa: S603
                          check=True,
                          capture_output=True, text=True).stdout


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz/", timeout=2)  # noqa: S310 (loopback)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def run_locust(host, urls, users, seconds, workdir, label):
    prefix = workdir / label
    subprocess.run(  # noqa: S603 (our own command)
        [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
         "--headless", "--users", str(users), "--spawn-rate", str(max(1, users // 10)),
         "--run-time", f"{seconds}s", "--host", host, "--csv", str(prefix), "--only-summary",
         "--loglevel", "WARNING"],
        env={**os.environ, "LOAD_URLS": json.dumps(urls)}, check=False, cwd=ROOT,
        capture_output=True,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    return {name: {"requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                   "p50_ms": float(row["50%"]), "p95_ms": float(row["95%"]),
                   "p99_ms": float(row["99%"]), "rps": round(float(row["Requests/s"]), 1)}
            for name, row in rows.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="entraide-load-"))
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        shutil.copy(ROOT / "db.sqlite3", workdir / "db.sqlite3")
        database_url = f"sqlite:///{workdir / 'db.sqlite3'}"
    env = environment(database_url, workdir / "static")
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput")
    urls = json.loads(manage(env, "shell", "-c", DISCOVER).strip().splitlines()[-1])
    port = free_port()
    gunicorn = subprocess.Popen(  # noqa: S603 (our own command)
        [str(Path(sys.executable).parent / "gunicorn"), "entraide.wsgi", "-b",
         f"127.0.0.1:{port}", "-w", str(args.workers), "--log-level", "warning"],
        cwd=ROOT, env=env)
    nginx = None
    try:
        wait_until_up(f"http://127.0.0.1:{port}")
        nginx = NginxServer(f"127.0.0.1:{port}").start()
        results = {"users": args.users, "seconds": args.seconds, "workers": args.workers,
                   "load_average_before": os.getloadavg()[:2],
                   "database": database_url.split(":")[0],
                   "through_nginx": run_locust(nginx.url, urls, args.users, args.seconds,
                                               workdir, "nginx"),
                   "gunicorn_only": run_locust(f"http://127.0.0.1:{port}", urls, args.users,
                                               args.seconds, workdir, "gunicorn")}
    finally:
        if nginx:
            nginx.stop()
        gunicorn.terminate()
        gunicorn.wait()
    print(f"{'':28} {'requests':>8} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6} {'rps':>7}")
    for run in ("through_nginx", "gunicorn_only"):
        print(run)
        for name, row in results[run].items():
            print(f"  {name:26} {row['requests']:8} {row['failures']:5} {row['p50_ms']:6.0f} "
                  f"{row['p95_ms']:6.0f} {row['p99_ms']:6.0f} {row['rps']:7.1f}")
    out = ROOT / "bench" / "results" / "load.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
