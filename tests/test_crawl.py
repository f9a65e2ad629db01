"""The whole demo as visitors meet it, under the test settings (DEBUG off, as in production):
every live public page of the page tree in the three languages, every internal link reachable
from /de/, /fr/ and /it/, /sitemap.xml and every address it lists, each fetched twice (some
defects, such as a rendition prefetched for one size and asked for in another, appear only
from the second view on).

What it asserts, over everything fetched: no answer >= 500; no link found on a page leads to a
404 (links to login-protected content redirect to the login, which is fine and not followed);
every HTML page says its language in `<html lang>`, has a `<title>` and one `<h1>`; no
interface string of the catalogues is left in English on French and Italian pages; every
address of the sitemap answers 200. axe-core (WCAG 2.1 A and AA rules) finds no violation on
one page of each type in each language, in Debian's chromium.

Kept O(pages), a few minutes on PostgreSQL: every page of the types with few instances is
fetched, but of the offers (about 1,000 groups and online offers, each with a contact form in
three languages) only a deterministic sample, every offer whose page id is divisible by
OFFER_SAMPLE (over 100 per language), with its contact form. A link to an offer or contact
form outside the sample is checked against the page tree (a live offer's URL or id) instead
of being fetched. Links with a query string (paging, filters) are fetched and checked but not
followed; files (documents, static) are fetched, not parsed; each page is parsed once. The
demo (tests/demo_site.py) is loaded once per session into a database of its own.
"""

import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.signals import got_request_exception
from django.test import Client
from wagtail.models import Page, Site

from tests.demo_site import SUMMARY

pytestmark = pytest.mark.slow

LANGUAGES = ("de", "fr", "it")
HOME_PAGES = [f"/{code}/" for code in LANGUAGES]
VIEWS_PER_URL = 2
OFFER_SAMPLE = 3  # one offer in three, by page id
CONTACT_FORM = re.compile(r"^/(?:de|fr|it)/directory/contact/(\d+)/")
# Followed from page to page: the language trees; the admin, API, files and widgets are only
# fetched, and so is the login (links to protected content are expected to lead there).
FOLLOWED_PREFIXES = tuple(HOME_PAGES)
NOT_FOLLOWED = re.compile(r"/_util/|/(?:download|zip|play|rendition)/")
LOGIN_PATHS = ("/admin/login/", "/_util/login/", "/django-admin/login/")
# The English source of the catalogues' short labels (see InterfaceLabels).
MIN_LABEL_LENGTH = 3
MAX_LABEL_LENGTH = 60
PLACEHOLDER = re.compile(r"%\(?\w*\)?[sd]|\{")
TEXT_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")


@dataclass
class PageFacts:
    """What the checks need of an HTML page, read once."""

    lang: str | None
    titled: bool
    headings: int
    links: list
    texts: set


@dataclass
class Fetched:
    url: str
    statuses: list = field(default_factory=list)
    location: str = ""
    content_type: str = ""
    error: str = ""
    body: str = ""  # XML only (the sitemap)
    page: PageFacts | None = None

    @property
    def worst(self):
        return max(self.statuses)


@dataclass
class Crawl:
    """Every URL fetched (twice), the links found on each page, and the page tree's URLs with
    their locale."""

    client: Client
    hosts: set
    offer_ids: set  # every live offer's page id
    fetched: dict = field(default_factory=dict)
    links: dict = field(default_factory=lambda: defaultdict(set))  # target -> pages with it
    locales: dict = field(default_factory=dict)  # path -> language of the page tree's pages
    offer_urls: dict = field(default_factory=dict)  # path -> page id of the tree's offers
    sitemap: list = field(default_factory=list)
    checked_in_tree: set = field(default_factory=set)  # links outside the sample, not fetched
    requests: int = 0
    seconds: float = 0.0

    def fetch(self, url):
        if url not in self.fetched:
            self.fetched[url] = self._fetch_twice(url)
        return self.fetched[url]

    def _fetch_twice(self, url):
        result = Fetched(url)
        errors = []

        def remember(sender, request=None, **kwargs):
            errors.append(f"{sys.exc_info()[0].__name__}: {sys.exc_info()[1]}")

        got_request_exception.connect(remember)
        try:
            for _ in range(VIEWS_PER_URL):
                response = self.client.get(url)
                self.requests += 1
                result.statuses.append(response.status_code)
                if response.streaming:
                    response.close()  # a file: its status is what counts
        finally:
            got_request_exception.disconnect(remember)
        result.error = errors[0] if errors else ""
        result.location = response.headers.get("Location", "")
        result.content_type = response.headers.get("Content-Type", "")
        if response.status_code == 200 and not response.streaming:
            if result.content_type.startswith("text/html"):
                result.page = self.read_page(url, response.content.decode())
            elif "xml" in result.content_type:
                result.body = response.content.decode()
        return result

    def read_page(self, url, html):
        document = BeautifulSoup(html, "html.parser")
        links = sorted({path for a in document.find_all(["a", "link"], href=True)
                        if (path := self.internal_path(a["href"], base=url))})
        return PageFacts(
            lang=document.html.get("lang") if document.html else None,
            titled=bool(document.title and document.title.get_text(strip=True)),
            headings=len(document.find_all("h1")),
            links=links,
            texts=visible_texts(document) if language_of(url) != "de" else set(),
        )

    def run(self, page_urls):
        began = time.monotonic()
        queue = [*HOME_PAGES, *page_urls]
        seen = set(queue)
        while queue:
            url = queue.pop(0)
            result = self.fetch(url)
            for link in self.links_of(result):
                self.links[link].add(url)
                if link in seen:
                    continue
                seen.add(link)
                if self.in_sample(link):
                    queue.append(link)
                else:
                    self.checked_in_tree.add(link)
        self.seconds = time.monotonic() - began

    def links_of(self, result):
        if result.location:
            target = self.internal_path(result.location, base=result.url)
            return [target] if target and not is_login(target) else []
        if result.page is None or not self.follows(result.url):
            return []
        return result.page.links

    def offer_of(self, url):
        """The page id of the live offer a URL shows (its page or its contact form), else
        None."""
        if url in self.offer_urls:
            return self.offer_urls[url]
        contact = CONTACT_FORM.match(url)
        return int(contact[1]) if contact and int(contact[1]) in self.offer_ids else None

    def in_sample(self, url):
        """Offers (and their contact forms) outside the sample are live pages of the tree by
        construction: links to them are not fetched."""
        page_id = self.offer_of(url)
        return page_id is None or page_id % OFFER_SAMPLE == 0

    @staticmethod
    def follows(url):
        return (url.startswith(FOLLOWED_PREFIXES) and "?" not in url
                and not NOT_FOLLOWED.search(url))

    def internal_path(self, href, base):
        """The path (and query) of a link to this site, None for other sites, mail, phone,
        in-page anchors."""
        href, _ = urldefrag(urljoin(base, href.strip()))
        parts = urlsplit(href)
        if parts.scheme not in {"", "http", "https"} or parts.netloc not in self.hosts:
            return None
        if not parts.path.startswith("/") or href == base:
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def pages(self):
        return {url: result.page for url, result in self.fetched.items() if result.page}

    def summary(self):
        server_errors = sum(1 for result in self.fetched.values() if result.worst >= 500)
        return (f"crawl: {len(self.pages())} pages crawled, {len(self.links)} links checked "
                f"({len(self.checked_in_tree)} of them against the page tree), "
                f"{self.requests} requests made, {server_errors} server errors, "
                f"{self.seconds:.0f} s")


def visible_texts(document):
    """Texts and text attributes as a visitor (or a screen reader) gets them."""
    for hidden in document(["script", "style", "template"]):
        hidden.decompose()
    texts = {" ".join(text.split()) for text in document.stripped_strings}
    for element in document.find_all(True):
        texts.update(element.get(name, "") for name in TEXT_ATTRIBUTES)
    return texts


def is_login(path):
    return any(login in path for login in LOGIN_PATHS)


def language_of(url):
    code = url.split("/")[1] if url.count("/") > 1 else ""
    return code if code in LANGUAGES else None


def is_gone_by_design(page):
    """Campaign material past its rights stays live but answers 404 (campaigns.access)."""
    return getattr(page, "is_expired", lambda: False)()


@pytest.fixture(scope="module")
def crawl(demo_database, django_db_blocker):
    from directory.models import OfferPage

    with django_db_blocker.unblock(), demo_database.active():
        hosts = {"", "testserver", *Site.objects.values_list("hostname", flat=True)}
        offer_ids = set(OfferPage.objects.live().values_list("pk", flat=True))
        crawl = Crawl(Client(raise_request_exception=False), hosts=hosts, offer_ids=offer_ids)
        for page in Page.objects.live().public().filter(depth__gt=1).specific():
            if is_gone_by_design(page):
                continue
            crawl.locales[page.url] = page.locale.language_code
            if page.pk in offer_ids:
                crawl.offer_urls[page.url] = page.pk
        crawl.run(sorted(url for url in crawl.locales if crawl.in_sample(url)))
        sitemap = crawl.fetch("/sitemap.xml")
        crawl.sitemap = [crawl.internal_path(loc, base="/")
                         for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.body)]
        for url in crawl.sitemap:
            if crawl.in_sample(url):
                crawl.fetch(url)
    SUMMARY.append(crawl.summary())
    return crawl


def test_the_crawl_reached_every_language_and_the_sample_of_offers(crawl):
    languages = Counter(language_of(url) for url in crawl.pages())
    assert all(languages[code] >= 100 for code in LANGUAGES), languages
    sampled = Counter(language_of(url) for url in crawl.offer_urls if url in crawl.fetched)
    assert all(sampled[code] >= 100 for code in LANGUAGES), sampled
    assert {url for url in crawl.locales if crawl.in_sample(url)} <= set(crawl.fetched)


def test_no_page_or_link_answers_a_server_error(crawl):
    errors = {url: (result.statuses, result.error) for url, result in crawl.fetched.items()
              if result.worst >= 500}
    assert errors == {}


def test_no_link_on_a_page_is_broken(crawl):
    broken = {link: sorted(crawl.links[link])[:3] for link, result in crawl.fetched.items()
              if 404 in result.statuses and link in crawl.links}
    assert broken == {}


def test_every_page_of_the_tree_and_the_sitemap_answers(crawl):
    listed = [url for url in [*crawl.locales, *crawl.sitemap] if url in crawl.fetched]
    not_ok = {url: crawl.fetched[url].statuses for url in listed
              if crawl.fetched[url].statuses != [200] * VIEWS_PER_URL}
    assert not_ok == {}
    assert set(crawl.sitemap) <= set(crawl.locales)  # nothing listed that is not a live page
    assert len(crawl.sitemap) >= len(crawl.locales) * 0.9


def test_every_page_says_its_language_and_has_a_title_and_one_heading(crawl):
    wrong = {}
    for url, page in crawl.pages().items():
        expected = {"lang": crawl.locales.get(url) or language_of(url), "title": True, "h1": 1}
        found = {"lang": page.lang, "title": page.titled, "h1": page.headings}
        if found != expected:
            wrong[url] = found
    assert wrong == {}


class InterfaceLabels:
    """The English source of the catalogues' short labels, per language where the translation
    differs: seeing one as a whole text or label on a French or Italian page means the
    interface was not translated there."""

    @cached_property
    def by_language(self):
        labels = {}
        for code in ("fr", "it"):
            path = Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"
            labels[code] = {
                entry.msgid for entry in polib.pofile(str(path))
                if not entry.obsolete and not entry.msgid_plural
                and MIN_LABEL_LENGTH <= len(entry.msgid) <= MAX_LABEL_LENGTH
                and not PLACEHOLDER.search(entry.msgid)
                and entry.msgstr and entry.msgstr.casefold() != entry.msgid.casefold()
            }
        return labels

    def left_in_english(self, page, code):
        return sorted(page.texts & self.by_language[code])


def test_no_interface_string_is_left_in_english_on_french_and_italian_pages(crawl):
    labels = InterfaceLabels()
    # the check has something to find: the base template's labels among the catalogues'
    assert {"Skip to content", "Search groups, topics, places"} <= labels.by_language["it"]
    untranslated = {}
    for url, page in crawl.pages().items():
        code = language_of(url)
        if code in labels.by_language and (left := labels.left_in_english(page, code)):
            untranslated[url] = left
    assert untranslated == {}


# -- accessibility: axe-core on one page of each type per language ------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rules every page gives axe something to check: a report without them means axe saw nothing.
AXE_ALWAYS_CHECKED = {"html-has-lang", "document-title", "color-contrast", "link-name"}


def sample_urls():
    """One page of each page type, and each view of its own (a topic, the search, the crisis
    help, the contact form, a missing page), in each language."""
    from crisis.models import CrisisTerm
    from directory.models import DirectoryIndexPage, SelfHelpGroupPage, Topic

    urls = {}
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        urls.setdefault((type(page).__name__, page.locale.language_code), page.url)
    for index in DirectoryIndexPage.objects.live().select_related("locale"):
        code = index.locale.language_code
        topic = Topic.objects.filter(locale=index.locale).order_by("pk").first()
        group = SelfHelpGroupPage.objects.live().filter(locale=index.locale).order_by("path")[0]
        crisis_word = CrisisTerm.objects.filter(locale=index.locale).first().word_list[0]
        urls.update({
            ("topic", code): index.topic_url(topic),
            ("search", code): f"/{code}/search/?{urlencode({'q': topic.name})}",
            ("search in crisis", code): f"/{code}/search/?{urlencode({'q': crisis_word})}",
            ("directory search", code): f"{index.url}?{urlencode({'q': topic.name})}",
            ("crisis help", code): f"/{code}/crisis-help/",
            ("contact form", code): f"/{code}/directory/contact/{group.pk}/",
            ("not found", code): f"/{code}/no-such-page/",
        })
    return urls


def axe_report(chromium, origin, urls):
    """{key: (rules passed, [(rule, element) violated])} for each URL, at a phone's width."""
    from directory.widgets.tests.test_browser import AXE

    found = {}
    # axe is injected as an inline script, which the site's CSP refuses (as it should: the
    # policy itself is tested in tests/test_browser_csp.py)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    for key, url in urls.items():
        page.goto(origin + url)
        page.add_script_tag(path=str(AXE))
        passes, violations = page.evaluate(
            "async (tags) => { const r = await axe.run(document,"
            " {runOnly: {type: 'tag', values: tags}});"
            " return [r.passes.map(p => p.id),"
            " r.violations.flatMap(v => v.nodes.map(n => [v.id, n.target.join(' ')]))]; }",
            AXE_TAGS)
        found[key] = (set(passes), sorted({tuple(item) for item in violations}))
    context.close()
    return found


@pytest.mark.browser
def test_axe_finds_no_violation_on_any_page_type_in_any_language(demo_site, demo_live_server,
                                                                demo_browser):
    urls = sample_urls()
    report = demo_browser.run(
        lambda chromium: axe_report(chromium, demo_live_server.url, urls), timeout=900)
    SUMMARY.append(f"axe: {len(urls)} pages (one of each type per language), "
                   f"{sum(len(violations) for _, violations in report.values())} violations")
    unchecked = {key: AXE_ALWAYS_CHECKED - passes for key, (passes, _) in report.items()
                 if not passes >= AXE_ALWAYS_CHECKED}
    assert unchecked == {}
    assert {(key, urls[key]): violations for key, (_, violations) in report.items()
            if violations} == {}


@pytest.mark.django_db
def test_the_demo_stays_out_of_the_ordinary_test_database(demo_database):
    from home.models import HomePage

    assert demo_database.load_seconds is not None  # loaded, in its own database
    assert not HomePage.objects.exists()
    assert Page.objects.filter(depth__gt=2).count() == 0
