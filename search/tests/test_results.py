"""The results page and suggestions as a visitor sees them: campaign materials beside the
directory, facets with counts, the visitor's language first, editors' promotions, and bad
input. Database backend (PostgreSQL under `make test`); materials also on Elasticsearch."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from campaigns.tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    MaterialPageFactory,
)
from directory.models import SelfHelpGroupPage
from directory.tests.factories import SelfHelpGroupPageFactory, language, locality
from home.tests.factories import ContentPageFactory
from taxonomy.models import Topic

from .test_behaviour import refresh

pytestmark = pytest.mark.django_db
# what does not depend on the search engine runs on the database backend only (CI time)
database_only = pytest.mark.parametrize("backend", ["database"], indirect=True)


@pytest.fixture
def library(directory):
    library = CampaignIndexPageFactory(parent=directory["home"])
    return {"library": library, "campaign": CampaignPageFactory(parent=library)}


def material(campaign, title, **kwargs):
    return MaterialPageFactory(parent=campaign, title=title, **kwargs)


def partner_campaign(library):
    campaign = CampaignPageFactory(parent=library["library"], title="Nur Partner")
    restriction = PageViewRestriction.objects.create(
        page=campaign, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.create(name="Lungenliga")])
    return campaign


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def listed(response):
    """Titles of the results in the order shown (offers and materials)."""
    return [a.text.strip() for a in soup_of(response).select(
        ".offer-list .offer-card__title a, .offer-list .material-card__title a")]


def option_counts(response, name):
    return {option["value"]: option.text.rsplit("(", 1)[-1].rstrip(")")
            for option in soup_of(response).select(f"#id_{name} option") if option["value"]}


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response


def test_materials_are_found_beside_groups_with_a_type_facet(client, library, backend):
    campaign = library["campaign"]
    material(campaign, "Plakat Depression erkennen", material_type="text")
    material(campaign, "Abgelaufenes Depression-Plakat", material_type="text",
             expires_on=datetime.date(2020, 1, 1))
    material(partner_campaign(library), "Partner Depression-Spot", material_type="text")
    refresh(backend)

    response = get(client, "/de/search/", q="Depression")

    shown = listed(response)
    assert {"Depression Bern", "Forum Depression", "Plakat Depression erkennen"} <= set(shown)
    assert "Abgelaufenes Depression-Plakat" not in shown
    assert "Partner Depression-Spot" not in shown
    counts = {value: n for value, n in option_counts(response, "type").items() if n != "0"}
    assert counts == {"group": "1", "online": "1", "text": "1"}
    assert listed(get(client, "/de/search/", q="Depression", type="text")) == [
        "Plakat Depression erkennen"]


def test_suggestions_include_materials_but_not_partner_only_ones(client, library, backend):
    material(library["campaign"], "Depressionsspot Radio", material_type="text")
    material(partner_campaign(library), "Depressionsspot Partner", material_type="text")
    refresh(backend)
    suggestions = get(client, "/de/search/suggest/", q="Depressionssp").json()["suggestions"]
    assert [item["label"] for item in suggestions if item["kind"] == "material"] == [
        "Depressionsspot Radio"]


@database_only
def test_a_place_orders_the_groups_nearest_first(client, directory):
    response = get(client, "/de/search/", q="Krebs", near="8004")
    assert listed(response) == ["Krebs Betroffene Zürich", "Krebs Angehörige Bern"]


@database_only
def test_a_result_card_shows_a_published_change_at_once_and_never_a_draft(client, directory):
    def cards():
        response = get(client, "/de/search/", q="Depression")
        return " ".join(card.get_text(" ", strip=True)
                        for card in soup_of(response).select(".offer-list .offer-card"))

    group = SelfHelpGroupPage.objects.get(title="Depression Bern")
    assert "Treffen am Montag" not in cards()
    group.summary = "Treffen am Montag"
    group.save_revision()
    assert "Treffen am Montag" not in cards()

    group.get_latest_revision().publish()
    assert "Treffen am Montag" in cards()


@database_only
def test_visitor_language_first_and_a_note_when_only_other_languages_match(client, directory):
    SelfHelpGroupPageFactory(parent=directory["centre"], title="Groupe Krebs Bienne",
                             slug="krebs-bienne", locality=locality("3011"),
                             topics=[Topic.objects.get(slug="krebs")],
                             languages=[language("fr")])
    # nearest first would put the French-speaking group (same place, title first) first
    assert listed(get(client, "/de/search/", q="Krebs", near="3011")) == [
        "Krebs Angehörige Bern", "Krebs Betroffene Zürich", "Groupe Krebs Bienne"]
    assert not soup_of(get(client, "/de/search/", q="Krebs")).select(
        ".notice--other-languages")

    only_french = get(client, "/de/search/", q="Krebs", language="fr")
    assert listed(only_french) == ["Groupe Krebs Bienne"]
    SelfHelpGroupPageFactory(parent=directory["centre"], title="Gruppo Krebs Lugano",
                             slug="krebs-lugano", topics=[Topic.objects.get(slug="krebs")],
                             languages=[language("it")])
    note = soup_of(get(client, "/de/search/", q="Bienne Lugano")).select_one(
        ".notice--other-languages")
    assert note is not None and "1" in note.text


@database_only
def test_promoted_page_comes_first_and_only_once(client, directory):
    page = ContentPageFactory(parent=directory["home"], title="Hilfe bei Depression")
    SearchPromotion.objects.create(query=Query.get("Depression"), page=page,
                                   description="Erste Hilfe")
    soup = soup_of(get(client, "/de/search/", q="depression "))
    first_link = soup.select_one("main a[href]:not(.skip-link)")
    promoted = soup.select(".promotions a")
    assert [a.text for a in promoted] == ["Hilfe bei Depression"]
    assert soup.find_all("a", string="Hilfe bei Depression") == promoted
    assert first_link == promoted[0]


@database_only
def test_unknown_facet_values_are_left_out_and_said(client, directory):
    response = get(client, "/de/search/", q="Krebs", canton="BE", topic="nowhere",
                   format="teleport", language="xx")
    assert listed(response) == ["Krebs Angehörige Bern"]  # the known filter still applies
    assert soup_of(response).select(".notice--ignored-filters")


@pytest.mark.parametrize("query", [
    "x" * 5000, "\x00\x01\x7f binary \xff", "'; DROP TABLE wagtailcore_page; --",
    '{"query": {"match_all": {}}}', "title:(a OR b) AND NOT c* ~2 ^3", "  ", "d",
])
@database_only
def test_suggestions_never_fail_on_bad_input(client, directory, query):
    response = client.get("/de/search/suggest/", {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


@database_only
def test_nul_bytes_in_facets_and_place_never_fail(client, directory):
    response = client.get("/de/search/", {"q": "Krebs", "topic": "kr\x00ebs",
                                          "near": "30\x0011", "canton": "B\x00E"})
    assert response.status_code == 200
