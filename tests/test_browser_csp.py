"""The Content-Security-Policy as Debian's chromium applies it: public pages and the admin's
editor (page explorer, page edit with the rich text editor, image chooser) load without a
single violation in the console."""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from campaigns.tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    MaterialPageFactory,
    image_file,
)
from directory.tests.factories import SelfHelpGroupPageFactory, TopicFactory, make_directory
from directory.widgets.tests.test_browser import BrowserThread
from home.tests.factories import ContentPageFactory
from tests.fixtures import IN_CI

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password-123"
# Chromium's words for a refused load, inline code, eval or frame.
VIOLATION_WORDS = ("Content Security Policy", "Content-Security-Policy")


def _missing(message):
    if IN_CI:
        pytest.fail(f"{message} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(message)


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
    tree = make_directory()
    hero = image_file("hero.png")
    tree["home"].hero_image = hero
    tree["home"].body = [("paragraph", "<p>Gemeinsam <b>statt</b> allein.</p>"),
                         ("image", hero)]
    tree["home"].save_revision().publish()
    topic = TopicFactory(name="Trauer", slug="trauer")
    group = SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauer Bern", topics=[topic])
    content = ContentPageFactory(parent=tree["home"], title="Über uns", slug="ueber-uns",
                                 body=[("paragraph", "<p>Wer wir sind.</p>")])
    library = CampaignIndexPageFactory(parent=tree["home"])
    campaign = CampaignPageFactory(parent=library, image=hero)
    slogan = MaterialPageFactory(parent=campaign, title="Slogan")
    MaterialPageFactory(parent=campaign, title="Plakat", material_type="visual",
                        image=image_file("plakat.png"))
    MaterialPageFactory(parent=campaign, title="Film", material_type="film",
                        external_video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    User.objects.create_superuser("editor", "editor@example.ch", PASSWORD)
    return {**tree, "group": group, "content": content, "campaign": campaign, "slogan": slogan}


def _console_collector(page):
    messages = []
    page.on("console", lambda message: messages.append(f"{page.url}: {message.text}"))
    return messages


def test_public_and_admin_pages_load_without_csp_violations(browser, live_server, site_tree):
    base = live_server.url
    public = [site_tree["home"].url, site_tree["index"].url, site_tree["group"].url,
              "/de/search/?q=Trauer", site_tree["campaign"].url]
    admin = ["/admin/", f"/admin/pages/{site_tree['home'].pk}/",
             f"/admin/pages/{site_tree['content'].pk}/edit/"]
    chooser_page = f"/admin/pages/{site_tree['slogan'].pk}/edit/"  # its image is not chosen yet

    def visit(chromium):
        seen = {"loaded": []}
        context = chromium.new_context()
        page = context.new_page()
        messages = _console_collector(page)
        for url in public:
            response = page.goto(base + url, wait_until="networkidle")
            seen["loaded"].append((url, response.status, response.headers))
        page.goto(base + "/admin/login/")
        page.fill("input[name=username]", "editor")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/admin/")
        for url in admin:
            response = page.goto(base + url, wait_until="networkidle")
            seen["loaded"].append((url, response.status, response.headers))
        seen["rich text"] = page.locator(".Draftail-Editor").count()
        page.locator("[data-side-panel-toggle='preview']").first.click()  # the live preview
        page.frame_locator("#w-preview-iframe") \
            .locator("h1").first.wait_for()
        page.goto(base + chooser_page, wait_until="networkidle")
        page.locator(".image-chooser [data-chooser-action-choose]").click()
        page.locator(".modal-dialog img").first.wait_for()
        page.wait_for_load_state("networkidle")
        seen["chooser"] = page.locator(".modal-dialog img").count()
        seen["messages"] = messages
        context.close()
        return seen

    seen = browser.run(visit)
    for url, status, headers in seen["loaded"]:
        assert status == 200, url
        assert "content-security-policy" in headers, url  # the browser had a policy to apply
    assert seen["rich text"] >= 1  # the editor's rich text field was really there
    assert seen["chooser"] >= 1  # the image chooser showed the thumbnails
    violations = [text for text in seen["messages"]
                  if any(word in text for word in VIOLATION_WORDS)]
    assert violations == []
