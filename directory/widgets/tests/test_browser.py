"""The widget as a partner's visitors get it, in Debian's chromium driven by Playwright: the
Django site runs on a live server (127.0.0.1), partner pages come from other origins
(127.0.0.2 is allowed to embed the widget, 127.0.0.3 is not)."""

import os
import queue
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from directory.widgets.embed import embed_codes
from directory.widgets.models import WidgetMonthlyStats
from tests.fixtures import IN_CI

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 320, "height": 640}


def _missing(message):
    if IN_CI:
        pytest.fail(f"{message} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(message)


class BrowserThread:
    """Chromium in a thread of its own. Playwright's sync API keeps an asyncio loop running in
    the thread that uses it; Django's ORM must not run there (its async-unsafe guard, and
    asgiref hands out other database connections), so tests pass this thread functions of
    the browser to run and keep their database work in their own thread."""

    def __init__(self, executable):
        self.jobs = queue.Queue()
        started = queue.Queue()
        self.thread = threading.Thread(target=self._serve, args=(executable, started),
                                       daemon=True)
        self.thread.start()
        error = started.get(timeout=120)
        if error is not None:
            raise error

    def _serve(self, executable, started):
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable,
                                                     args=CHROMIUM_ARGS)
                started.put(None)
                while (job := self.jobs.get()) is not None:
                    function, answer = job
                    try:
                        answer.put((True, function(browser)))
                    except BaseException as error:  # noqa: BLE001 (re-raised in the test)
                        answer.put((False, error))
                browser.close()
        except BaseException as error:  # noqa: BLE001
            started.put(error)

    def run(self, function, timeout=180):
        answer = queue.Queue()
        self.jobs.put((function, answer))
        ok, value = answer.get(timeout=timeout)
        if not ok:
            raise value
        return value

    def stop(self):
        self.jobs.put(None)
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable or not Path(executable).exists():
        _missing(f"Debian's chromium is not installed (make system-deps): {executable}")
    if not AXE.exists():
        _missing(f"{AXE.relative_to(ROOT)} is missing (npm ci)")
    thread = BrowserThread(executable)
    yield thread
    thread.stop()


@pytest.fixture(scope="module")
def live_server():
    """pytest-django's live server, on 127.0.0.1 rather than 'localhost': the API answers
    with absolute URLs and the origins must be exact."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1:0")
    yield server
    server.stop()


class HostSite:
    """A partner's static web site: pages set by the test, served on their own origin."""

    def __init__(self, address):
        self.pages = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                body = pages.get(self.path, "").encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((address, 0), Handler)
        self.origin = f"http://{address}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path, body, lang="de"):
        self.pages[path] = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
                            '<title>Partner</title><style>body{font:22px serif;color:#333}'
                            'li,p{color:red}</style></head>'
                            f"<body><main><h1>Partner</h1>{body}</main></body></html>")
        return self.origin + path

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def partner_site():
    site = HostSite("127.0.0.2")
    yield site
    site.stop()


@pytest.fixture(scope="module")
def other_site():
    site = HostSite("127.0.0.3")
    yield site
    site.stop()


@pytest.fixture
def widget(lung_directory, partner_site):
    widget = lung_directory["widget"]
    widget.allowed_origins = partner_site.origin
    widget.save()
    return widget


def script_code(widget, live_server):
    return embed_codes(widget, live_server.url)["script"]


def iframe_code(widget, live_server):
    return embed_codes(widget, live_server.url)["iframe"]


WIDGET = "[data-entraide-widget]"  # Playwright's CSS locators pierce the open Shadow DOM
IN_SHADOW = f"(js) => new Function('root', js)(document.querySelector('{WIDGET}').shadowRoot)"


def titles(scope):
    return scope.locator("li h2 a, li h3 a").all_inner_texts()


def wait_for_titles(scope, count):
    scope.locator("ol li").nth(count - 1).wait_for()
    scope.locator("ol li").nth(count).wait_for(state="detached")
    return titles(scope)


def axe_violations(target, selector=WIDGET):
    """axe-core's violations inside `selector` (Shadow DOM included)."""
    target.add_script_tag(path=str(AXE))
    report = target.evaluate(
        "async (selector) => { const r = await axe.run(document.querySelector(selector));"
        " return {passes: r.passes.map(p => p.id), violations: r.violations.map("
        "v => `${v.id}: ${v.nodes.map(n => n.target).join(' | ')}`)}; }", selector)
    assert {"label", "color-contrast"} <= set(report["passes"])  # axe saw the controls
    return report["violations"]


def test_script_widget_on_a_partner_page(browser, live_server, partner_site, widget,
                                         lung_directory):
    url = partner_site.page("/script.html", script_code(widget, live_server))
    entry = live_server.url + lung_directory["forum"].url

    def visit(chromium):
        seen = {}
        context = chromium.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(url)
        seen["first"] = wait_for_titles(page, 3)
        seen["status"] = page.locator(f"{WIDGET} [role=status]").get_attribute("aria-live")
        # a visible filter narrows the presets; a search from the keyboard
        page.locator(f"{WIDGET} select[name=topic]").select_option("copd")
        seen["copd"] = wait_for_titles(page, 1)
        page.locator(f"{WIDGET} select[name=topic]").select_option("")
        wait_for_titles(page, 3)
        page.locator(f"{WIDGET} input[name=q]").focus()
        page.keyboard.type("Lungenforum")
        page.keyboard.press("Enter")
        seen["search"] = wait_for_titles(page, 1)
        page.keyboard.press("Tab")
        seen["focus"] = page.evaluate(IN_SHADOW, "const s = getComputedStyle(root.activeElement);"
                                      " return [root.activeElement.name, s.outlineStyle];")
        seen["width"] = page.evaluate("() => document.documentElement.scrollWidth")
        seen["host"] = page.evaluate(
            "() => [document.head.children.length, document.querySelectorAll('body *').length,"
            " getComputedStyle(document.querySelector('h1')).color,"
            " document.cookie, localStorage.length, sessionStorage.length]")
        seen["axe"] = axe_violations(page)
        with page.expect_request_finished(lambda request: "/click/" in request.url):
            page.locator(f"{WIDGET} li a").first.click()
        page.wait_for_url(entry)
        seen["entry"] = page.locator("h1").inner_text()
        seen["cookies"] = context.cookies()
        context.close()
        return seen

    seen = browser.run(visit)
    assert seen["first"] == ["Atemwege Zürich", "COPD Bern", "Lungenforum"]
    assert seen["status"] == "polite"  # results are announced
    assert seen["copd"] == ["COPD Bern"]
    assert seen["search"] == ["Lungenforum"]
    assert seen["focus"] == ["topic", "solid"]  # the next control, with a visible focus ring
    assert seen["width"] <= PHONE["width"]  # nothing sticks out of a phone's narrow column
    # the host page: its head, its elements (main, h1, the widget's div, the script tag) and
    # its look are untouched; no cookies, no storage
    assert seen["host"] == [3, 4, "rgb(51, 51, 51)", "", 0, 0]
    assert seen["axe"] == []
    assert seen["entry"] == "Lungenforum"  # opened the full entry on our site
    assert seen["cookies"] == []
    stats = WidgetMonthlyStats.objects.get(widget=widget)
    assert (stats.views, stats.clicks) == (1, 1)


def test_iframe_widget_on_a_partner_page(browser, live_server, partner_site, widget,
                                         lung_directory):
    url = partner_site.page("/iframe.html", iframe_code(widget, live_server))
    entry = live_server.url + lung_directory["forum"].url

    def visit(chromium):
        seen = {}
        # axe goes into the frame as a script tag, which the frame's own CSP would refuse
        context = chromium.new_context(viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        page.goto(url)
        frame = page.frame_locator("iframe")
        seen["first"] = wait_for_titles(frame, 3)
        frame.locator("select[name=format]").select_option("online")
        seen["online"] = wait_for_titles(frame, 1)
        inside = page.frames[1]
        seen["width"] = inside.evaluate("() => [document.documentElement.scrollWidth,"
                                        " document.documentElement.clientWidth]")
        seen["axe"] = axe_violations(inside, "html")  # the whole framed page is ours
        frame.locator("li a").first.click()  # the entry opens in the whole window
        page.wait_for_url(entry)
        seen["entry"] = page.locator("h1").inner_text()
        context.close()
        return seen

    seen = browser.run(visit)
    assert seen["first"] == ["Atemwege Zürich", "COPD Bern", "Lungenforum"]
    assert seen["online"] == ["Lungenforum"]
    assert seen["width"][0] <= seen["width"][1]  # fits the phone's column
    assert seen["axe"] == []
    assert seen["entry"] == "Lungenforum"


def test_a_site_not_allowed_gets_neither_the_frame_nor_the_data(browser, live_server,
                                                                other_site, widget):
    api = f"{live_server.url}/api/widgets/{widget.pk}/"
    url = other_site.page("/copy.html", iframe_code(widget, live_server)
                          + script_code(widget, live_server))

    def visit(chromium):
        seen = {}
        context = chromium.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(url, wait_until="load")
        message = page.locator(f"{WIDGET} p[role=status]")
        message.wait_for()
        seen["message"] = message.inner_text()
        seen["results"] = page.locator(f"{WIDGET} li").count()
        seen["fetch"] = page.evaluate("(api) => fetch(api).then(() => 'read', () => 'blocked')",
                                      api)
        seen["frames"] = [(frame.url, frame.evaluate(f"() => !!document.querySelector('{WIDGET}')"))
                          for frame in page.frames[1:]]
        context.close()
        return seen

    seen = browser.run(visit)
    assert seen["message"] and seen["results"] == 0  # a short neutral message, no data
    assert seen["fetch"] == "blocked"  # CORS: the API's answer is not readable here
    assert len(seen["frames"]) == 1
    assert seen["frames"][0][1] is False  # frame-ancestors: the frame shows no widget
