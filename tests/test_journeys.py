"""What each kind of user does on the site, on a phone (390 x 844), in Debian's chromium, on the
full demo (tests/demo_site.py: one load, one live server, one browser for the whole run), in
German, French and Italian where the journey is public:

1. a person looking for a group: home -> the directory through the site navigation -> the
   filter drawer, one topic -> results first -> a group -> how to get in touch; and in crisis:
   the word for suicide in the header search -> the 143 and 147 helplines, tel: links, before
   any "no results";
2. a league's communication officer: navigation -> campaign library -> the self-help day
   campaign -> a text material (copy a text) and a picture (preview, download);
3. a regional centre's editor (German admin): logs in, edits and publishes one of her centre's
   offers, sees the change on the public page, and is refused another centre's offer;
4. a league's web team: the widget builder -> copy the embed snippet -> a partner page holding
   it shows the widget's offers;
5. a visitor on a missing page: a branded, translated 404 with the search box and navigation.

Every page visited must fit the phone's width (no sideways scrolling, WCAG 1.4.10). The tests
read what a user notices: visible text, link targets, answers of downloads. Database work (the
addresses to visit, a temporary web-team user, undoing the editor's change) happens in the
test's thread; the browser thread only drives chromium (see BrowserThread)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from wagtail.models import Locale

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
LANGUAGES = ("de", "fr", "it")
SUICIDE = {"de": "Suizid", "fr": "suicide", "it": "suicidio"}
TOPIC = "demo:topic:depression"
DEMO_PASSWORD = "demo-editor"  # directory.demo.DEMO_EDITOR_PASSWORD, public on purpose
TIMEOUT_MS = 20_000
SCROLL_WIDTH = "document.scrollingElement.scrollWidth"


def in_language(code, text):
    with translation.override(code):
        return translation.gettext(text)


def phone_context(chromium, origin, **options):
    context = chromium.new_context(viewport=PHONE, base_url=origin, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


class Visit:
    """One phone's walk through the site: remembers each page's width as it goes."""

    def __init__(self, context):
        self.page = context.new_page()
        self.widths = {}

    def arrived(self, label):
        self.page.wait_for_load_state("load")
        self.widths[label] = self.page.evaluate(SCROLL_WIDTH)
        return self.page

    def open_menu(self):
        """The main navigation: on a phone behind its "Menu" button."""
        toggle = self.page.locator(".main-nav__toggle")
        if toggle.is_visible():
            toggle.click()
        return self.page.locator(".main-nav")


def too_wide(widths):
    return {label: width for label, width in widths.items() if width > PHONE["width"]}


# -- 1. a person looking for a group, and a person in crisis ----------------------------------


def directory_facts(code):
    from directory.models import DirectoryIndexPage, Topic

    locale = Locale.objects.get(language_code=code)
    return {
        "directory": DirectoryIndexPage.objects.live().get(locale=locale).url,
        "topic": Topic.objects.get(locale=locale, external_id=TOPIC).name,
    }


def find_a_group(chromium, origin, code, facts):
    context = phone_context(chromium, origin)
    visit = Visit(context)
    seen = {}
    page = visit.page
    page.goto(f"/{code}/")
    visit.arrived("home")
    visit.open_menu().locator(f'a[href="{facts["directory"]}"]').click()
    page.wait_for_url(f"**{facts['directory']}")
    visit.arrived("directory")
    seen["first card top"] = page.locator(".offer-list li").first.bounding_box()["y"]
    page.locator(".filter-drawer__summary").click()
    topic = page.locator(".topics label").filter(
        has_text=re.compile(rf"^\s*{re.escape(facts['topic'])} \(")).first
    topic.click()
    page.locator(".directory-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"[?&]topic="))
    visit.arrived("directory filtered")
    seen["results heading"] = page.locator("#results-heading").inner_text()
    seen["filtered first card top"] = page.locator(".offer-list li").first.bounding_box()["y"]
    seen["drawer open"] = page.evaluate("document.querySelector('[data-filter-drawer]').open")
    card = page.locator(".offer-list .offer-card__title a").first
    seen["group title"] = card.inner_text().strip()
    card.click()
    page.wait_for_load_state("load")
    visit.arrived("group")
    seen["group heading"] = page.locator("h1").inner_text().strip()
    ways = page.locator('article a[href^="tel:"], article a[href^="mailto:"], '
                        'article a[href*="/contact/"]')
    seen["ways to get in touch"] = [ways.nth(index).get_attribute("href")
                                    for index in range(ways.count())
                                    if ways.nth(index).is_visible()]
    seen["widths"] = visit.widths
    context.close()
    return seen


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_person_finds_a_group_by_topic_on_a_phone_and_sees_how_to_get_in_touch(
        demo_site, demo_live_server, demo_browser, code):
    facts = directory_facts(code)

    seen = demo_browser.run(
        lambda chromium: find_a_group(chromium, demo_live_server.url, code, facts))

    assert seen["first card top"] < PHONE["height"]  # results first, filters in the drawer
    assert re.match(r"\d+ ", seen["results heading"]) and not seen["results heading"].startswith(
        "0 ")
    assert seen["filtered first card top"] < PHONE["height"]
    assert seen["drawer open"] is False
    assert seen["group heading"] == seen["group title"]
    assert seen["ways to get in touch"], "the group page shows no phone, e-mail or contact form"
    assert too_wide(seen["widths"]) == {}


def search_in_crisis(chromium, origin, code, word, no_results):
    context = phone_context(chromium, origin)
    visit = Visit(context)
    page = visit.page
    page.goto(f"/{code}/")
    visit.arrived("home")
    search_box = page.locator("input[type=search][name=q]:visible").first  # the home page's
    search_box.fill(word)
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    visit.arrived("search")
    help_box = page.locator(".crisis-help")
    calls = help_box.locator('a[href^="tel:"]')
    seen = {
        "help visible": help_box.is_visible(),
        "help top": help_box.bounding_box()["y"] if help_box.count() else None,
        "calls": [calls.nth(index).get_attribute("href") for index in range(calls.count())],
        "numbers": calls.locator(".crisis-help__number").all_inner_texts(),
        "no results top": None,
        "widths": visit.widths,
    }
    seen["results top"] = page.locator("#results-heading").bounding_box()["y"]
    nothing = page.get_by_text(no_results)
    if nothing.count() and nothing.first.is_visible():
        seen["no results top"] = nothing.first.bounding_box()["y"]
    context.close()
    return seen


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_person_in_crisis_searching_for_suicide_sees_143_and_147_first(
        demo_site, demo_live_server, demo_browser, code):
    no_results = in_language(code, "Nothing found. Try another word, a topic or a postal code.")

    seen = demo_browser.run(lambda chromium: search_in_crisis(
        chromium, demo_live_server.url, code, SUICIDE[code], no_results))

    assert seen["help visible"] is True
    assert {"tel:143", "tel:147"} <= set(seen["calls"])
    assert {"143", "147"} <= set(seen["numbers"])
    assert seen["help top"] < seen["results top"]  # above the results, or their absence
    if seen["no results top"] is not None:
        assert seen["help top"] < seen["no results top"]
    assert too_wide(seen["widths"]) == {}


# -- 2. a league's communication officer -------------------------------------------------------


def library_facts(code):
    from campaigns.models import CampaignIndexPage, CampaignPage, MaterialPage

    locale = Locale.objects.get(language_code=code)
    german = CampaignPage.objects.get(locale__language_code="de", slug="selbsthilfetag-2026")
    campaign = german.get_translation(locale)

    def material(slug):
        source = MaterialPage.objects.child_of(german).get(slug=slug)
        translated = source.get_translation(locale)
        return {"url": translated.url, "title": translated.title}

    return {
        "library": CampaignIndexPage.objects.live().get(locale=locale).url,
        "campaign": campaign.url,
        "campaign title": campaign.title,
        "text": material("slogan"),
        "picture": material("plakat-a4"),
        "copied": in_language(code, "Copied"),
    }


def use_campaign_material(chromium, origin, code, facts):
    context = phone_context(chromium, origin)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    visit = Visit(context)
    page = visit.page
    seen = {}
    page.goto(f"/{code}/")
    visit.arrived("home")
    visit.open_menu().locator(f'a[href="{facts["library"]}"]').click()
    page.wait_for_url(f"**{facts['library']}")
    visit.arrived("library")
    to_campaign = page.locator(f'main a[href="{facts["campaign"]}"]')
    seen["library links to the campaign"] = to_campaign.count() > 0
    if seen["library links to the campaign"]:
        to_campaign.first.click()
    else:  # a user's way round: a material of the campaign, then its breadcrumbs
        page.goto(facts["text"]["url"])
        page.locator(f'.breadcrumbs a[href="{facts["campaign"]}"]').click()
    page.wait_for_url(f"**{facts['campaign']}")
    visit.arrived("campaign")
    seen["campaign heading"] = page.locator("h1").inner_text().strip()

    page.locator(f'main a[href="{facts["text"]["url"]}"]').first.click()
    page.wait_for_url(f"**{facts['text']['url']}")
    visit.arrived("text material")
    seen["text heading"] = page.locator("h1").inner_text().strip()
    quote = page.locator(".text-version blockquote").first
    seen["text shown"] = quote.inner_text().strip()
    button = page.locator(".text-version .copy-button").first
    button.click()
    page.locator(".copy-status").filter(has_text=facts["copied"]).wait_for(state="attached")
    seen["button after copy"] = button.inner_text().strip()
    seen["clipboard"] = page.evaluate("navigator.clipboard.readText()").strip()

    page.goto(facts["campaign"])
    page.locator(f'main a[href="{facts["picture"]["url"]}"]').first.click()
    page.wait_for_url(f"**{facts['picture']['url']}")
    visit.arrived("picture material")
    preview = page.locator(".material-preview img").first
    seen["preview shown"] = preview.is_visible() and page.evaluate(
        "(img) => img.complete && img.naturalWidth > 0", preview.element_handle())
    downloads = page.locator(".downloads a[download]")
    seen["downloads"] = []
    for index in range(downloads.count()):
        href = downloads.nth(index).get_attribute("href")
        answer = context.request.get(href)
        seen["downloads"].append((href, answer.status, answer.headers.get("content-type", ""),
                                  len(answer.body())))
    seen["widths"] = visit.widths
    context.close()
    return seen


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_communication_officer_copies_a_text_and_downloads_a_picture_of_the_campaign(
        demo_site, demo_live_server, demo_browser, code):
    facts = library_facts(code)

    seen = demo_browser.run(
        lambda chromium: use_campaign_material(chromium, demo_live_server.url, code, facts))

    assert seen["campaign heading"] == facts["campaign title"]
    assert seen["text heading"] == facts["text"]["title"]
    assert seen["text shown"] and seen["clipboard"] == seen["text shown"]
    assert seen["button after copy"] == facts["copied"]
    assert seen["preview shown"] is True
    assert seen["downloads"], "the picture offers nothing to download"
    for href, status, content_type, size in seen["downloads"]:
        assert status == 200, href
        assert content_type.startswith(("image/", "application/pdf")), (href, content_type)
        assert size > 0, href
    assert any(content_type.startswith("image/") for _, _, content_type, _ in seen["downloads"])
    assert too_wide(seen["widths"]) == {}
    assert seen["library links to the campaign"] is True


# -- 3. a regional centre's editor -------------------------------------------------------------


def log_in(page, username, password):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def edit_and_publish(chromium, origin, facts):
    context = phone_context(chromium, origin)
    visit = Visit(context)
    page = visit.page
    seen = {}
    log_in(page, facts["username"], DEMO_PASSWORD)
    visit.arrived("dashboard")
    page.goto(facts["own edit"])
    visit.arrived("edit")
    page.locator("#id_summary").fill(facts["new summary"])
    page.locator('footer.footer [data-w-dropdown-target="toggle"]').click()
    page.locator('button[name="action-publish"]').click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    seen["message after publishing"] = page.locator(".messages").inner_text()
    page.goto(facts["own public"])
    visit.arrived("public page")
    seen["public summary"] = page.locator("article .lead").inner_text().strip()
    page.goto(facts["other edit"])
    page.wait_for_load_state("load")
    seen["other edit lands on"] = page.url.removeprefix(origin)
    seen["other edit message"] = page.locator(".messages").inner_text() if page.locator(
        ".messages").count() else ""
    seen["other edit form shown"] = page.locator("#id_summary").count() > 0
    context.close()
    return seen


@pytest.fixture
def bern_offers():
    """A Bern offer to edit (its summary is put back afterwards) and one of Zurich's."""
    from directory.models import RegionalCentrePage, SelfHelpGroupPage

    def first_offer(slug):
        centre = RegionalCentrePage.objects.get(locale__language_code="de", slug=slug)
        return SelfHelpGroupPage.objects.live().child_of(centre).order_by("path").first()

    own, other = first_offer("selbsthilfe-bern"), first_offer("selbsthilfe-zurich")
    summary = own.summary
    yield {"own": own, "other": other}
    own.refresh_from_db()
    own.summary = summary
    own.save_revision().publish()


def test_a_centre_editor_publishes_a_change_to_her_offer_but_cannot_open_anothers(
        demo_site, demo_live_server, demo_browser, bern_offers):
    own, other = bern_offers["own"], bern_offers["other"]
    facts = {
        "username": "editor-selbsthilfe-bern",
        "own edit": f"/admin/pages/{own.pk}/edit/",
        "own public": own.url,
        "other edit": f"/admin/pages/{other.pk}/edit/",
        "new summary": "Neu: wir treffen uns jetzt jeden Dienstag im Quartierzentrum.",
    }
    refused = in_language("de", "Sorry, you do not have permission to access this area.")

    seen = demo_browser.run(
        lambda chromium: edit_and_publish(chromium, demo_live_server.url, facts))

    assert own.title in seen["message after publishing"]
    assert seen["public summary"] == facts["new summary"]
    assert seen["other edit lands on"] == "/admin/"
    assert refused in seen["other edit message"]
    assert seen["other edit form shown"] is False


# -- 4. a league's web team --------------------------------------------------------------------


@pytest.fixture
def web_team():
    """The lung league's web team: its editor group (which scopes widgets to the league) and
    the widget permissions, which the demo gives nobody; its partner site (a static page
    server of its own), added to the demo widget's allowed origins as the team would do in
    the builder. All undone afterwards."""
    from directory.widgets.demo import NAME
    from directory.widgets.models import Widget
    from directory.widgets.tests.test_browser import HostSite

    widgets = Group.objects.create(name="Journey test: widget builders")
    widgets.permissions.add(*Permission.objects.filter(
        content_type__app_label="widgets", content_type__model="widget"))
    user = get_user_model().objects.create_user("journey-web-team", password=DEMO_PASSWORD)
    user.groups.add(Group.objects.get(name__startswith="Editors: Lungenliga"), widgets)
    partner = HostSite("127.0.0.1")
    widget = Widget.objects.get(name=NAME)
    origins = widget.allowed_origins
    widget.allowed_origins = f"{origins}\n{partner.origin}"
    widget.save()
    yield {"username": user.username, "widget": widget, "partner": partner}
    widget.allowed_origins = origins
    widget.save()
    partner.stop()
    user.delete()
    widgets.delete()


def build_and_embed(chromium, origin, facts):
    context = phone_context(chromium, origin)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    visit = Visit(context)
    page = visit.page
    seen = {}
    log_in(page, facts["username"], DEMO_PASSWORD)
    page.goto("/admin/snippets/widgets/widget/")
    page.get_by_role("link", name=facts["widget name"]).first.click()
    page.wait_for_url(re.compile(r"/edit/"))
    snippet = page.locator("#widget-embed-script")
    snippet.scroll_into_view_if_needed()
    snippet.click()
    snippet.press("Control+a")
    snippet.press("Control+c")
    seen["copied"] = page.evaluate("navigator.clipboard.readText()")
    seen["snippet"] = snippet.input_value()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.on("requestfailed", lambda request: console.append(f"failed: {request.url}"))
    page.goto(facts["partner"].page("/groupes.html", seen["copied"], lang="fr"))
    offers = page.locator("[data-entraide-widget] li a[href]")
    try:
        offers.first.wait_for()
    except Exception:  # noqa: BLE001 (what the partner's visitor sees instead, for the assert)
        seen["widget shows"] = page.evaluate(
            "() => { const host = document.querySelector('[data-entraide-widget]');"
            " return host ? (host.shadowRoot || host).textContent : document.body.innerHTML; }")
    seen["console"] = console
    seen["offers"] = offers.all_inner_texts()
    seen["offer links"] = offers.evaluate_all("(links) => links.map((link) => link.href)")
    visit.arrived("partner page")
    seen["widths"] = visit.widths
    context.close()
    return seen


def test_a_web_team_copies_the_widget_snippet_into_its_page_and_the_offers_show(
        demo_site, demo_live_server, demo_browser, web_team):
    facts = {"username": web_team["username"], "widget name": web_team["widget"].name,
             "partner": web_team["partner"]}

    seen = demo_browser.run(
        lambda chromium: build_and_embed(chromium, demo_live_server.url, facts))

    assert seen["copied"].strip() == seen["snippet"].strip()
    assert f'data-entraide-widget="{web_team["widget"].pk}"' in seen["copied"]
    assert f"{demo_live_server.url}/widgets/embed.js" in seen["copied"]
    assert seen["offers"], (seen.get("widget shows"), seen["console"])
    assert all(title.strip() for title in seen["offers"])
    assert all(link.startswith(f"{demo_live_server.url}/fr/") for link in seen["offer links"])
    assert too_wide(seen["widths"]) == {}


# -- 5. a visitor on a missing page ------------------------------------------------------------


def land_on_a_missing_page(chromium, origin, code):
    context = phone_context(chromium, origin)
    visit = Visit(context)
    page = visit.page
    response = page.goto(f"/{code}/diese-seite-gibt-es-nicht/")
    visit.arrived("not found")
    menu = visit.open_menu()
    seen = {
        "status": response.status,
        "lang": page.locator("html").get_attribute("lang"),
        "heading": page.locator("h1").inner_text().strip(),
        "title": page.title(),
        "brand": page.locator(".brand").get_attribute("href"),
        "menu links": [link for link in menu.locator("a").evaluate_all(
            "(links) => links.filter((link) => link.offsetParent).map((link) => link.href)")],
        "search box": page.locator("main input[type=search]").is_visible(),
    }
    page.locator("main input[type=search]").fill("Depression")
    page.locator("main input[type=search]").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Depression"))
    visit.arrived("search from the 404")
    seen["search heading"] = page.locator("#results-heading").inner_text()
    seen["widths"] = visit.widths
    context.close()
    return seen


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_missing_page_is_branded_translated_with_search_and_navigation(
        demo_site, demo_live_server, demo_browser, code):
    not_found = in_language(code, "Page not found")

    seen = demo_browser.run(
        lambda chromium: land_on_a_missing_page(chromium, demo_live_server.url, code))

    assert seen["status"] == 404
    assert seen["lang"] == code
    assert seen["heading"] == not_found and seen["title"].startswith(not_found)
    assert seen["brand"] == f"/{code}/"
    assert len(seen["menu links"]) >= 2
    assert all(f"{demo_live_server.url}/{code}/" in link for link in seen["menu links"])
    assert seen["search box"] is True
    assert not seen["search heading"].startswith("0 ")
    assert too_wide(seen["widths"]) == {}
