"""Time to the widget's first results in chromium, on localhost.

    python bench/bench_widget.py [runs]       (after `make run` has loaded the demo once)

Uses the database in DATABASE_URL (default: make run's db.sqlite3) and its demo widget,
serves the site on a free port of 127.0.0.1 (Django's threaded test server, as runserver)
and a partner page with the widget's script on http://127.0.0.1:8080 (an origin the demo
widget allows), then opens that page `runs` times in a fresh browser context (nothing
cached) and `runs` times again by reloading (script cached, API revalidated by ETag).
Measured in the page: from navigation start to the first result in the widget's Shadow DOM.
Prints a table and writes bench/results/widget.json."""

import json
import os
import shutil
import statistics
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings.dev")

FIRST_RESULT = """(function poll() {
  var host = document.querySelector("[data-entraide-widget]");
  if (host && host.shadowRoot && host.shadowRoot.querySelector("li")) {
    window.firstResultAt = performance.now();
  } else requestAnimationFrame(poll);
})();"""


def partner_page(code):
    body = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Partner</title>'
            f"</head><body><h1>Partner</h1>{code}</body></html>").encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 8080), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def first_result_ms(page, reload=False):
    if reload:
        page.reload()
    else:
        page.goto("http://127.0.0.1:8080/")
    page.wait_for_function("() => window.firstResultAt")
    return page.evaluate("() => window.firstResultAt")


def summary(times):
    times = sorted(times)
    return {"p50_ms": round(statistics.median(times)),
            "p95_ms": round(times[max(0, round(0.95 * len(times)) - 1)]),
            "runs": len(times)}


def main(runs):
    import django

    django.setup()
    from django.test.testcases import LiveServerThread, _StaticFilesHandler
    from playwright.sync_api import sync_playwright

    from directory.widgets.demo import NAME
    from directory.widgets.embed import embed_codes
    from directory.widgets.models import Widget

    widget = Widget.objects.filter(name=NAME).first()
    if widget is None:
        sys.exit("no demo widget: run `make run` (or manage.py load_demo) first")
    site = LiveServerThread("127.0.0.1", static_handler=_StaticFilesHandler)
    site.daemon = True
    site.start()
    site.is_ready.wait()
    if site.error:
        raise site.error
    base = f"http://127.0.0.1:{site.port}"
    partner = partner_page(embed_codes(widget, base)["script"])
    results = {}
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM") or shutil.which("chromium"),
                args=["--no-sandbox", "--disable-gpu"])
            cold, warm = [], []
            for _run in range(runs):
                context = chromium.new_context()
                context.add_init_script(FIRST_RESULT)
                cold.append(first_result_ms(context.new_page()))
                context.close()
            context = chromium.new_context()
            context.add_init_script(FIRST_RESULT)
            page = context.new_page()
            first_result_ms(page)
            for _run in range(runs):
                warm.append(first_result_ms(page, reload=True))
            chromium.close()
        results = {"cold": summary(cold), "warm": summary(warm)}
    finally:
        partner.shutdown()
        site.terminate()
    print("| widget first results | p50 | p95 | runs |\n| --- | --- | --- | --- |")
    for name, row in results.items():
        print(f"| {name} | {row['p50_ms']} ms | {row['p95_ms']} ms | {row['runs']} |")
    out = ROOT / "bench" / "results" / "widget.json"
    out.write_text(json.dumps({"widget": widget.name, **results}, indent=2) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
