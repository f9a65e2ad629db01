import pytest
from bs4 import BeautifulSoup

from directory.tests.factories import (
    OnlineOfferPageFactory,
    RegionalCentrePageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    canton,
    language,
    locality,
    make_directory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(locales):
    tree = make_directory()
    zurich_centre = RegionalCentrePageFactory(parent=tree["index"], title="Selbsthilfe ZH",
                                              slug="selbsthilfe-zh", locality=locality("8004"))
    zurich_centre.cantons_served.set([canton("ZH")])
    zurich_centre.save_revision().publish()
    topics = {
        "depression": TopicFactory(name="Depression", slug="depression",
                                   synonyms="Schwermut, depressive Verstimmung"),
        "cancer": TopicFactory(name="Krebs", slug="krebs"),
    }
    groups = {
        "bern": SelfHelpGroupPageFactory(
            parent=tree["centre"], title="Depression Bern", slug="depression-bern",
            locality=locality("3011"), topics=[topics["depression"]],
            organisation=tree["league"]),
        "thun": SelfHelpGroupPageFactory(
            parent=tree["centre"], title="Depression Thun", slug="depression-thun",
            locality=locality("3600"), topics=[topics["depression"]]),
        "zurich": SelfHelpGroupPageFactory(
            parent=zurich_centre, title="Krebs Angehörige Zürich", slug="krebs-zh",
            locality=locality("8004"), topics=[topics["cancer"]], target_group="relatives",
            languages=[language("de"), language("en")]),
    }
    online = OnlineOfferPageFactory(parent=tree["league"], title="Forum Depression",
                                    slug="forum-depression", topics=[topics["depression"]])
    draft = SelfHelpGroupPageFactory(parent=tree["centre"], title="Depression Entwurf",
                                     slug="entwurf", live=False, topics=[topics["depression"]])
    return {**tree, "zurich_centre": zurich_centre, "topics": topics, "groups": groups,
            "online": online, "draft": draft}


def result_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text.strip() for a in soup.select(".offer-list .offer-card__title a")]


def test_directory_lists_live_offers_only(client, directory):
    response = client.get(directory["index"].url)
    assert response.status_code == 200
    titles = result_titles(response)
    assert set(titles) == {"Depression Bern", "Depression Thun", "Krebs Angehörige Zürich",
                           "Forum Depression"}


def test_topic_filter_shows_counts_and_narrows_results(client, directory):
    response = client.get(directory["index"].url, {"topic": "depression"})
    assert set(result_titles(response)) == {"Depression Bern", "Depression Thun",
                                            "Forum Depression"}
    soup = BeautifulSoup(response.content, "html.parser")
    format_options = {o["value"]: o.text for o in soup.select("#id_format option") if o["value"]}
    assert format_options["online"].endswith("(1)")
    assert format_options["in_person"].endswith("(2)")
    topic_labels = [label.text for label in soup.select(".checkbox-list label")]
    assert any("Krebs" in label and "(1)" in label for label in topic_labels)


def test_canton_and_target_group_filters(client, directory):
    response = client.get(directory["index"].url, {"canton": "ZH", "target": "relatives"})
    assert result_titles(response) == ["Krebs Angehörige Zürich"]


def test_language_filter(client, directory):
    response = client.get(directory["index"].url, {"language": "en"})
    assert result_titles(response) == ["Krebs Angehörige Zürich"]


def test_postal_code_sorts_nearest_first(client, directory):
    response = client.get(directory["index"].url, {"near": "3600", "format": "in_person"})
    assert result_titles(response) == ["Depression Thun", "Depression Bern",
                                       "Krebs Angehörige Zürich"]
    assert "km" in response.text


def test_text_search_finds_by_topic_synonym(client, directory):
    response = client.get(directory["index"].url, {"q": "Schwermut"})
    assert "Depression Bern" in result_titles(response)
    assert "Krebs Angehörige Zürich" not in result_titles(response)


def test_no_results_offers_online_alternatives_and_the_centre(client, directory):
    response = client.get(directory["index"].url,
                          {"canton": "BE", "topic": "depression", "format": "phone"})
    assert result_titles(response) == []
    soup = BeautifulSoup(response.content, "html.parser")
    alternatives = soup.select_one(".no-results")
    assert "Forum Depression" in alternatives.text
    assert "Selbsthilfe BE" in alternatives.text


@pytest.mark.parametrize("params", [
    {"canton": "XX"}, {"format": "teleport"}, {"topic": "no-such-topic"},
    {"near": "99999999"}, {"page": "abc"}, {"q": "x" * 5000},
])
def test_bad_filter_values_answer_with_a_message_not_an_error(client, directory, params):
    response = client.get(directory["index"].url, params)
    assert response.status_code == 200


def test_unknown_postal_code_is_explained(client, directory):
    response = client.get(directory["index"].url, {"near": "0000"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="near-error") is not None
    assert soup.find(id="directory-near")["aria-describedby"] == "near-error"


def test_group_page_links_centre_topics_organisation_and_related(client, directory):
    response = client.get(directory["groups"]["bern"].url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    links = {a.text.strip(): a["href"] for a in soup.select("main a")}
    assert links["Selbsthilfe BE"] == directory["centre"].url
    assert links["Depression"].endswith("/selbsthilfe/topic/depression/")
    assert links["Lungenliga"] == directory["league"].url
    related = soup.select_one(".related").text
    assert "Depression Thun" in related and "Forum Depression" in related
    assert "Depression Entwurf" not in response.text


def test_centre_page_lists_its_groups(client, directory):
    response = client.get(directory["centre"].url)
    assert set(result_titles(response)) == {"Depression Bern", "Depression Thun"}


def test_topic_page_lists_offers_of_all_types(client, directory):
    response = client.get(directory["index"].url + "topic/depression/")
    assert response.status_code == 200
    assert set(result_titles(response)) == {"Depression Bern", "Depression Thun",
                                            "Forum Depression"}
    assert client.get(directory["index"].url + "topic/unknown/").status_code == 404


def test_organisation_page_lists_its_offers(client, directory):
    response = client.get(directory["league"].url)
    assert set(result_titles(response)) == {"Depression Bern", "Forum Depression"}


def test_broader_topic_finds_offers_on_narrower_topics(client, directory):
    addiction = TopicFactory(name="Sucht", slug="sucht")
    alcohol = TopicFactory(name="Alkohol", slug="alkohol", parent=addiction)
    SelfHelpGroupPageFactory(parent=directory["centre"], title="Alkohol Bern", slug="alk",
                             topics=[alcohol])
    response = client.get(directory["index"].url, {"topic": "sucht"})
    assert result_titles(response) == ["Alkohol Bern"]
    soup = BeautifulSoup(response.content, "html.parser")
    sucht_label = [label.text for label in soup.select(".checkbox-list label")
                   if "Sucht" in label.text][0]
    assert "(1)" in sucht_label
    assert result_titles(client.get(directory["index"].url + "topic/sucht/")) == ["Alkohol Bern"]


def test_results_are_paged_and_keep_the_filters(client, directory):
    for number in range(20):
        SelfHelpGroupPageFactory(parent=directory["centre"], title=f"Depression Gruppe {number}",
                                 slug=f"dep-{number}", topics=[directory["topics"]["depression"]])
    response = client.get(directory["index"].url, {"topic": "depression"})
    assert len(result_titles(response)) == 20
    soup = BeautifulSoup(response.content, "html.parser")
    next_link = soup.select_one('.pagination a[rel="next"]')["href"]
    assert "topic=depression" in next_link and "page=2" in next_link
    second = client.get(directory["index"].url + next_link)
    assert len(result_titles(second)) == 23 - 20  # 22 groups and one forum on the topic


def test_a_card_shows_its_centres_new_title_once_the_centre_is_published(client, directory):
    def centre_on_card():
        response = client.get("/de/selbsthilfe/", {"q": "Depression"})
        soup = BeautifulSoup(response.content, "html.parser")
        card = next(card for card in soup.select(".offer-card")
                    if "Depression Thun" in card.text)
        return card.select_one(".offer-card__centre").text.strip()

    assert centre_on_card() == "Begleitet von Selbsthilfe BE"
    centre = directory["centre"]
    centre.title = "Selbsthilfe Bern-Mittelland"
    centre.save_revision().publish()
    assert centre_on_card() == "Begleitet von Selbsthilfe Bern-Mittelland"
