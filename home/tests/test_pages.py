import pytest
from bs4 import BeautifulSoup

from home.tests.factories import ContentPageFactory, make_site
from home.translation import translate

pytestmark = pytest.mark.django_db

FRENCH = {"Startseite": "Accueil", "Über uns": "À propos", "ueber-uns": "a-propos",
          "Wer wir sind": "Qui nous sommes"}
ITALIAN = {"Startseite": "Pagina iniziale", "Über uns": "Chi siamo", "ueber-uns": "chi-siamo",
           "Wer wir sind": "Chi siamo noi"}


@pytest.fixture
def site_tree(locales):
    home = make_site(locales["de"])
    about = ContentPageFactory(parent=home, title="Über uns", slug="ueber-uns",
                               intro="Wer wir sind")
    pages = {"de": {"home": home, "about": about}}
    for code, strings in (("fr", FRENCH), ("it", ITALIAN)):
        pages[code] = {
            "home": translate(home, locales[code], strings),
            "about": translate(about, locales[code], strings),
        }
    return pages


def test_root_redirects_to_german(client, site_tree):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


@pytest.mark.parametrize("language", ["de", "fr", "it"])
@pytest.mark.parametrize("page_type", ["home", "about"])
def test_every_page_type_renders_in_every_language(client, site_tree, language, page_type):
    page = site_tree[language][page_type]
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert page.title in soup.title.text


def test_translated_page_shows_translated_text(client, site_tree):
    response = client.get("/fr/a-propos/")
    assert response.status_code == 200
    assert "Qui nous sommes" in response.text
    assert "Wer wir sind" not in response.text


@pytest.mark.parametrize("language", ["de", "fr", "it"])
def test_language_switcher_links_to_the_same_page_in_each_language(client, site_tree, language):
    response = client.get(site_tree[language]["about"].url)
    soup = BeautifulSoup(response.content, "html.parser")
    switcher = soup.find("nav", class_="language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links == {"de": "/de/ueber-uns/", "fr": "/fr/a-propos/", "it": "/it/chi-siamo/"}
    current = switcher.find("a", attrs={"aria-current": "true"})
    assert current["hreflang"] == language


def test_hreflang_alternates_point_to_translations(client, site_tree):
    soup = BeautifulSoup(client.get("/it/chi-siamo/").content, "html.parser")
    alternates = {
        link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")
    }
    assert alternates["fr"].endswith("/fr/a-propos/")
    assert alternates["de"].endswith("/de/ueber-uns/")


def test_switcher_falls_back_to_home_when_page_is_not_translated(client, site_tree):
    only_german = ContentPageFactory(parent=site_tree["de"]["home"], title="Nur Deutsch",
                                     slug="nur-deutsch")
    soup = BeautifulSoup(client.get(only_german.url).content, "html.parser")
    links = {a["hreflang"]: a["href"] for a in soup.select("nav.language-switcher a")}
    assert links["de"] == "/de/nur-deutsch/"
    assert links["fr"] == "/fr/"


def test_draft_page_is_not_served(client, site_tree):
    draft = ContentPageFactory(parent=site_tree["de"]["home"], slug="entwurf", live=False)
    assert client.get("/de/entwurf/").status_code == 404
    assert draft.pk


def test_home_page_has_a_labelled_search_box(client, site_tree):
    soup = BeautifulSoup(client.get("/de/").content, "html.parser")
    search_input = soup.find("input", id="hero-search-input")
    label = soup.find("label", attrs={"for": "hero-search-input"})
    assert search_input["name"] == "q"
    assert label.text.strip() == "Selbsthilfegruppe finden"


def test_healthcheck_answers(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
