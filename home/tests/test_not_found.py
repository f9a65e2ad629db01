"""A visitor on a missing page: the branded 404 page's language switcher leads to the home page
of each language, never to the same missing address in another language (a second 404)."""

import pytest
from bs4 import BeautifulSoup

from home.tests.factories import make_site
from home.translation import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes(locales, settings):
    settings.DEBUG = False  # production: Django's handler404 answers, not the debug page
    home = make_site(locales["de"], title="Startseite")
    return {code: translate(home, locales[code], {"Startseite": title})
            for code, title in (("fr", "Accueil"), ("it", "Pagina iniziale"))} | {"de": home}


def switcher(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {a["hreflang"]: a["href"] for a in soup.select("nav.language-switcher a")}


@pytest.mark.parametrize("missing", ["/fr/cette-page-n-existe-pas/",
                                     "/fr/directory/topic/gibt-es-nicht/"])
def test_the_404_language_switcher_leads_to_each_languages_home_page(client, homes, missing):
    response = client.get(missing)
    assert response.status_code == 404
    assert "Page introuvable" in response.text

    links = switcher(response)

    assert links == {"de": homes["de"].url, "fr": homes["fr"].url, "it": homes["it"].url}
    for code, url in links.items():
        assert client.get(url).status_code == 200, code
