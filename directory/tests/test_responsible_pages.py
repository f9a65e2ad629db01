"""A regional centre's and an organisation's page list their own offers, in the page's
language, once each, whichever translation of the centre an offer points at."""

import pytest
from bs4 import BeautifulSoup

from directory.tests.factories import (
    OrganisationPageFactory,
    RegionalCentrePageFactory,
    SelfHelpGroupPageFactory,
    make_directory,
)
from home.translation import translate

pytestmark = pytest.mark.django_db

TITLES = {
    "de": ["Atemgruppe Bern", "Trauer Bern"],
    "fr": ["Groupe souffle Berne", "Deuil Berne"],
    "it": ["Gruppo respiro Berna", "Lutto Berna"],
}


def listed_titles(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text.strip() for a in soup.select(".offer-list .offer-card__title a")]


@pytest.fixture
def trilingual(locales):
    tree = make_directory()
    other_centre = RegionalCentrePageFactory(parent=tree["index"], title="Selbsthilfe ZH",
                                             slug="selbsthilfe-zh")
    other_league = OrganisationPageFactory(parent=tree["index"], title="Krebsliga")
    offers = [
        SelfHelpGroupPageFactory(parent=tree["league"], title="Atemgruppe Bern",
                                 centre=tree["centre"]),
        SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauer Bern"),
        SelfHelpGroupPageFactory(parent=other_centre, title="Trauer Zürich"),
        SelfHelpGroupPageFactory(parent=other_league, title="Nach Krebs", centre=other_centre),
    ]
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Entwurf Bern", live=False)
    pages = {"de": {"centre": tree["centre"], "league": tree["league"]}}
    for code in ("fr", "it"):
        locale = locales[code]
        for page in [tree["home"], tree["index"], other_centre, other_league]:
            translate(page, locale, {})
        pages[code] = {"centre": translate(tree["centre"], locale, {}),
                       "league": translate(tree["league"], locale, {})}
        for offer, title in zip(offers, [*TITLES[code], "x", "y"], strict=True):
            translate(offer, locale, {offer.title: title})
    return pages


@pytest.mark.parametrize("language", ["de", "fr", "it"])
def test_centre_page_lists_its_own_public_offers_once_in_its_language(client, trilingual,
                                                                      language):
    centre = trilingual[language]["centre"]
    assert centre.locale.language_code == language
    assert listed_titles(client, centre) == sorted(TITLES[language])


@pytest.mark.parametrize("language", ["de", "fr", "it"])
def test_organisation_page_lists_its_own_public_offers_once_in_its_language(client,
                                                                            trilingual,
                                                                            language):
    league = trilingual[language]["league"]
    assert listed_titles(client, league) == [TITLES[language][0]]
