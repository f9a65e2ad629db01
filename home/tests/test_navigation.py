"""Ways through the site: the main menu, the footer, breadcrumbs, the home page's entry points
and the error pages, in German, French and Italian. The navigation is the demo's
(home.navigation_demo), loaded on a small tree built with the apps' factories."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import translation

from campaigns.tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    MaterialPageFactory,
)
from directory.tests.factories import SelfHelpGroupPageFactory, TopicFactory, make_directory
from home import navigation_demo
from home.models import ContentPage, Footer, HomePage, NavigationMenu
from home.tests.factories import ContentPageFactory
from home.translation import translate

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "fr", "it"]
STRINGS = {
    "fr": {"Startseite": "Accueil", "Kampagnenmaterial": "Matériel de campagne",
           "material": "materiel", "Selbsthilfetag 2026": "Journée de l'entraide 2026",
           "selbsthilfetag-2026": "journee-entraide-2026", "Plakat A4": "Affiche A4",
           "plakat-a4": "affiche-a4", "Selbsthilfe finden": "Trouver un groupe",
           "selbsthilfe": "entraide", "Depression": "Dépression",
           "Was ist Selbsthilfe?": "Qu'est-ce que l'entraide ?",
           "was-ist-selbsthilfe": "qu-est-ce-que-l-entraide", "Über uns": "À propos",
           "ueber-uns": "a-propos"},
    "it": {"Startseite": "Pagina iniziale", "Kampagnenmaterial": "Materiale per campagne",
           "material": "materiale", "Selbsthilfetag 2026": "Giornata dell'auto-aiuto 2026",
           "selbsthilfetag-2026": "giornata-auto-aiuto-2026", "Plakat A4": "Manifesto A4",
           "plakat-a4": "manifesto-a4", "Selbsthilfe finden": "Trovare un gruppo",
           "selbsthilfe": "auto-aiuto", "Depression": "Depressione",
           "Was ist Selbsthilfe?": "Che cos'è l'auto-aiuto?",
           "was-ist-selbsthilfe": "che-cos-e-l-auto-aiuto", "Über uns": "Chi siamo",
           "ueber-uns": "chi-siamo"},
}
MAIN_NAVIGATION = {"de": "Hauptnavigation", "fr": "Navigation principale",
                   "it": "Navigazione principale"}
ADDRESS = {"de": "4053 Basel", "fr": "4053 Bâle", "it": "4053 Basilea"}
LEGAL_TITLES = {
    "de": ["Impressum", "Datenschutzerklärung", "Erklärung zur Barrierefreiheit"],
    "fr": ["Impressum", "Protection des données", "Déclaration d'accessibilité"],
    "it": ["Colophon", "Protezione dei dati", "Dichiarazione di accessibilità"],
}


@pytest.fixture
def site(locales):
    """{language: {kind: page}} for one page of each public type, with the demo's menu,
    footer, legal pages and home page entry points."""
    tree = make_directory(locales["de"])
    home, index = tree["home"], tree["index"]
    TopicFactory(name="Depression", slug="depression", locale=locales["de"])
    group = SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauergruppe Bern",
                                     slug="trauergruppe-bern")
    library = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=library, title="Selbsthilfetag 2026",
                                   slug="selbsthilfetag-2026")
    material = MaterialPageFactory(parent=campaign, title="Plakat A4", slug="plakat-a4")
    what = ContentPageFactory(parent=home, title="Was ist Selbsthilfe?",
                              slug="was-ist-selbsthilfe")
    about = ContentPageFactory(parent=home, title="Über uns", slug="ueber-uns")
    pages = {"home": home, "directory": index, "centre": tree["centre"],
             "league": tree["league"], "group": group, "library": library,
             "campaign": campaign, "material": material, "content": what, "about": about}
    for code in ("fr", "it"):
        from taxonomy.models import Topic

        translate(Topic.objects.get(slug="depression", locale=locales["de"]), locales[code],
                  STRINGS[code])
        for page in pages.values():
            translate(page, locales[code], STRINGS[code])
    navigation_demo.load()
    return {code: {kind: page.get_translation(locales[code]).specific
                   for kind, page in pages.items()} for code in LANGUAGES}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def main_navigation(soup):
    return soup.find("nav", class_="main-nav")


@pytest.fixture
def small_site(locales):
    """A German home page with one content page and a one-item menu: no translations."""
    from home.navigation import NavigationItem
    from home.tests.factories import make_site

    home = make_site(locales["de"])
    page = ContentPageFactory(parent=home, title="Über uns", slug="ueber-uns")
    menu = NavigationMenu(locale=locales["de"])
    menu.items = [NavigationItem(page=page, locale=locales["de"])]
    menu.save()
    return {"home": home, "content": page}


def test_the_home_page_leads_to_the_directory_and_the_library_in_each_language(client, site):
    for language in LANGUAGES:
        pages = site[language]
        soup = soup_of(client.get(pages["home"].url))
        main = soup.find("main")
        directory_url, library_url = pages["directory"].url, pages["library"].url
        entry_points = main.find("section", class_="entry-points")
        assert entry_points.find("a", class_="button")["href"] == directory_url
        topic = entry_points.find("a", href=f"{directory_url}?topic=depression")
        assert topic.text == {"de": "Depression", "fr": "Dépression",
                              "it": "Depressione"}[language]
        bern = entry_points.find("a", href=f"{directory_url}?canton=BE")
        assert bern.text == {"de": "Bern", "fr": "Berne", "it": "Berna"}[language]
        assert main.find("a", href=library_url) is not None
        assert soup.find("nav", class_="breadcrumbs") is None  # nothing above the home page
        for entry in (topic, bern):
            assert client.get(entry["href"]).status_code == 200


def test_every_page_type_shows_the_menu_and_the_footer_in_its_language(client, site):
    kinds = ["home", "directory", "centre", "league", "group", "library", "campaign",
             "material", "content"]
    for language in LANGUAGES:
        pages = site[language]
        expected_menu = [(pages[name].title, pages[name].url)
                         for name in ("directory", "library", "content", "about")]
        for kind in kinds:
            response = client.get(pages[kind].url)
            assert response.status_code == 200, (language, kind)
            soup = soup_of(response)
            nav = main_navigation(soup)
            assert nav["aria-label"] == MAIN_NAVIGATION[language]
            assert [(a.text, a["href"]) for a in nav.find_all("a")] == expected_menu
            current = [a.text for a in nav.find_all("a", attrs={"aria-current": "page"})]
            assert current == ([pages[kind].title] if kind in ("directory", "library",
                                                               "content") else [])
            footer = soup.find("footer")
            legal = footer.find("nav").find_all("a")
            assert [a.text for a in legal] == LEGAL_TITLES[language], (language, kind)
            assert all(a["href"].startswith(f"/{language}/") for a in legal)
            assert footer.find("a", href="tel:+41610000000").text == "+41 61 000 00 00"
            assert footer.find("a", href="mailto:info@example.ch") is not None
            assert ADDRESS[language] in footer.find("address").text
        for link in legal:  # the legal pages themselves answer, with their own title
            response = client.get(link["href"])
            assert response.status_code == 200
            assert soup_of(response).find("h1").text == link.text


def test_breadcrumbs_lead_from_the_home_page_to_the_page_shown(client, site):
    for language in LANGUAGES:
        pages = site[language]
        soup = soup_of(client.get(pages["material"].url))
        trail = soup.find("nav", class_="breadcrumbs")
        assert trail["aria-label"] == {"de": "Navigationspfad", "fr": "Fil d’Ariane",
                                       "it": "Percorso di navigazione"}[language]
        items = trail.find("ol").find_all("li")
        path = ("home", "library", "campaign", "material")
        assert [li.text for li in items] == [pages[kind].title for kind in path]
        assert [li.a["href"] for li in items] == [pages[kind].url for kind in path]
        assert [li.a.get("aria-current") for li in items] == [None, None, None, "page"]
    pages = site["it"]
    trail = soup_of(client.get(pages["group"].url)).find("nav", class_="breadcrumbs")
    assert [li.text for li in trail.find_all("li")] == [
        pages["home"].title, pages["directory"].title, pages["centre"].title,
        pages["group"].title]
    topic_url = pages["directory"].url + "topic/depression/"
    trail = soup_of(client.get(topic_url)).find("nav", class_="breadcrumbs")
    assert [li.text for li in trail.find_all("li")] == [
        pages["home"].title, pages["directory"].title, "Depressione"]
    assert trail.find_all("li")[-1].find(attrs={"aria-current": "page"}) is not None


def test_a_missing_page_answers_a_branded_404_in_the_language_of_its_address(
        client, site, settings):
    settings.DEBUG = False
    for url, language, heading in [("/de/does-not-exist/", "de", "Seite nicht gefunden"),
                                   ("/fr/nexiste-pas/", "fr", "Page introuvable"),
                                   ("/it/non-esiste/", "it", "Pagina non trovata")]:
        response = client.get(url)
        assert response.status_code == 404
        soup = soup_of(response)
        assert soup.html["lang"] == language
        assert soup.find("h1").text == heading
        nav = main_navigation(soup)
        assert nav["aria-label"] == MAIN_NAVIGATION[language]
        assert [a["href"] for a in nav.find_all("a")] == [
            site[language][name].url for name in ("directory", "library", "content", "about")]
        searches = soup.find_all("form", attrs={"role": "search"})
        assert len(searches) == 2  # the header's and the page's own
        assert all(form["action"] == f"/{language}/search/" for form in searches)
        assert soup.find("main").find("a", href=f"/{language}/") is not None
        legal = [a.text for a in soup.find("footer").find("nav").find_all("a")]
        assert legal == LEGAL_TITLES[language]


def test_the_navigation_demo_is_idempotent(site):
    navigation_demo.load()
    assert NavigationMenu.objects.count() == 3
    assert Footer.objects.count() == 3
    assert ContentPage.objects.filter(slug="impressum", locale__language_code="de").count() == 1
    for home in HomePage.objects.all():
        blocks = [block.block_type for block in home.body]
        assert blocks.count("directory_entry_points") == 1
        teasers = next(block for block in home.body if block.block_type == "teasers")
        assert len(teasers.value["teasers"]) == 1  # the library's


def test_the_menu_button_discloses_the_menu_list(client, small_site):
    soup = soup_of(client.get(small_site["content"].url))
    nav = main_navigation(soup)
    button = nav.find("button")
    assert button.text == "Menü"
    assert button["aria-expanded"] == "false"
    assert button["aria-controls"] == nav.find("ul")["id"]
    assert soup.find(id=button["aria-controls"]).find("a", attrs={"aria-current": "page"})
    scripts = soup.find_all("script")
    assert all(script.get("src") for script in scripts)  # no inline script (strict CSP)
    assert any(script["src"].endswith("js/navigation.js") for script in scripts)
    assert soup.find(attrs={"style": True}) is None


@pytest.mark.parametrize(("language", "heading"), [
    ("de", "Etwas ist schiefgelaufen"), ("fr", "Une erreur s'est produite"),
    ("it", "Si è verificato un errore"),
])
def test_the_error_page_needs_no_database_and_speaks_the_language_of_the_address(
        django_assert_num_queries, language, heading):
    with translation.override(language), django_assert_num_queries(0):
        soup = BeautifulSoup(render_to_string("500.html"), "html.parser")
    assert soup.html["lang"] == language
    assert soup.find("h1").text == heading
    assert soup.find("form", attrs={"role": "search"})["action"] == f"/{language}/search/"
    assert soup.find("nav", class_="main-nav").find("a", href=f"/{language}/") is not None


def test_a_failing_page_answers_the_branded_500_in_the_language_of_its_address(
        client, small_site, monkeypatch, settings, locales):
    settings.DEBUG = False
    french_page = translate(small_site["content"], locales["fr"], {"ueber-uns": "a-propos"})

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("the page broke")

    monkeypatch.setattr(ContentPage, "serve", broken)
    client.raise_request_exception = False
    response = client.get(french_page.url)
    assert response.status_code == 500
    soup = soup_of(response)
    assert soup.html["lang"] == "fr"
    assert soup.find("h1").text == "Une erreur s'est produite"
    assert soup.find("form", attrs={"role": "search"})["action"] == "/fr/search/"


def test_an_unpublished_page_leaves_the_menu(client, small_site):
    assert main_navigation(soup_of(client.get(small_site["home"].url))) is not None
    small_site["content"].unpublish()
    assert main_navigation(soup_of(client.get(small_site["home"].url))) is None
