"""The public pages on a phone (390 x 844 and 320 x 640) and on a desktop, in Debian's
chromium: results come first with the filters in a drawer, nothing scrolls sideways even
with a long German word in a heading (WCAG 1.4.10), the results count stays a heading, and
on a desktop the drawer is the open sidebar with everything inside it."""

import os
import shutil
from pathlib import Path

import pytest

from campaigns.tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    MaterialPageFactory,
)
from directory.tests.factories import SelfHelpGroupPageFactory, TopicFactory, make_directory
from directory.widgets.tests.test_browser import BrowserThread
from tests.test_browser_csp import _missing

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
LONG_TITLE = "Selbsthilfegruppe Angehörigenunterstützungsgruppe"


@pytest.fixture(scope="module")
def browser():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable or not Path(executable).exists():
        _missing(f"Debian's chromium is not installed (make system-deps): {executable}")
    thread = BrowserThread(executable)
    yield thread
    thread.stop()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site_tree():
    """A directory of 33 offers on 45 topics, and the library with one campaign."""
    tree = make_directory()
    topics = [TopicFactory(name=f"Thema {number}", slug=f"thema-{number}")
              for number in range(45)]
    for number in range(32):
        SelfHelpGroupPageFactory(parent=tree["centre"], title=f"Gesprächsgruppe {number}",
                                 topics=[topics[number % 45]])
    tree["group"] = SelfHelpGroupPageFactory(parent=tree["centre"], title=LONG_TITLE,
                                             topics=[topics[0]])
    library = CampaignIndexPageFactory(parent=tree["home"])
    tree["library"] = library
    tree["campaign"] = CampaignPageFactory(parent=library,
                                           title="Selbsthilfetag Gesundheitsförderungskampagne")
    tree["material"] = MaterialPageFactory(parent=tree["campaign"],
                                           title="Informationsveranstaltungsankündigung")
    return tree


def page_urls(tree):
    return {
        "directory": tree["index"].url,
        "search": "/de/search/?q=Selbsthilfegruppe",
        "library": tree["library"].url,
        "campaign": tree["campaign"].url,
        "material": tree["material"].url,
        "group": tree["group"].url,
    }


def test_on_a_phone_results_come_first_and_nothing_scrolls_sideways(browser, live_server,
                                                                     site_tree):
    urls = page_urls(site_tree)

    def visit(chromium):
        seen = {}
        for size in (PHONE, SMALL_PHONE):
            context = chromium.new_context(viewport=size)
            page = context.new_page()
            for kind, url in urls.items():
                response = page.goto(live_server.url + url, wait_until="load")
                seen[(size["width"], kind, "status")] = response.status
                seen[(size["width"], kind, "scroll width")] = page.evaluate(
                    "document.documentElement.scrollWidth")
            page.goto(live_server.url + urls["directory"], wait_until="load")
            seen[(size["width"], "first card top")] = page.evaluate(
                "document.querySelector('.offer-list li').getBoundingClientRect().top")
            seen[(size["width"], "drawer open")] = page.evaluate(
                "document.querySelector('details[data-filter-drawer]').open")
            heading = page.locator("#results-heading")
            seen[(size["width"], "heading")] = (heading.evaluate("e => e.tagName"),
                                               heading.get_attribute("role"))
            page.click(".filter-drawer__summary")  # the drawer opens the filters
            seen[(size["width"], "topics shown")] = page.locator(
                ".topics input[type=checkbox]").first.is_visible()
            context.close()
        return seen

    seen = browser.run(visit)
    for width in (390, 320):
        for kind in urls:
            assert seen[(width, kind, "status")] == 200, (width, kind)
            assert seen[(width, kind, "scroll width")] <= width, (width, kind)
        assert seen[(width, "drawer open")] is False
        assert seen[(width, "heading")] == ("H2", None)
        assert seen[(width, "topics shown")] is True
    assert seen[(390, "first card top")] <= PHONE["height"]


def test_on_a_desktop_the_filters_are_an_open_sidebar_that_holds_its_counts(
        browser, live_server, site_tree):
    url = live_server.url + site_tree["index"].url

    def visit(chromium):
        context = chromium.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(url, wait_until="load")
        seen = {"open": page.evaluate("document.querySelector('details[data-filter-drawer]').open")}
        seen["spilling"] = page.evaluate("""() => {
            const drawer = document.querySelector('.filter-drawer').getBoundingClientRect();
            return [...document.querySelectorAll('.filter-drawer .count, .filter-drawer select')]
                .filter(e => e.getBoundingClientRect().right > drawer.right + 0.5).length;
        }""")
        checkbox = page.locator(".topics input[type=checkbox]").first
        checkbox.focus()
        seen["focus ring room"] = page.evaluate("""() => {
            const box = document.activeElement.getBoundingClientRect();
            const list = document.activeElement.closest('.checkbox-list').getBoundingClientRect();
            const ring = 5;  /* 3px outline + 2px offset (site.css :focus-visible) */
            return box.left - ring >= list.left && box.top - ring >= list.top;
        }""")
        seen["scroll width"] = page.evaluate("document.documentElement.scrollWidth")
        context.close()
        return seen

    seen = browser.run(visit)
    assert seen["open"] is True
    assert seen["spilling"] == 0
    assert seen["focus ring room"] is True
    assert seen["scroll width"] <= DESKTOP["width"]
