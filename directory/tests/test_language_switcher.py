"""The language switcher on the directory's pages that are not pages of their own: a topic
below the directory page and the contact form of an offer lead to the same topic or form in
the other language, not to the directory's start or to the German offer."""

import pytest
from bs4 import BeautifulSoup

from directory.tests.factories import SelfHelpGroupPageFactory, TopicFactory, make_directory
from home.translation import translate

pytestmark = pytest.mark.django_db

FRENCH = {"Selbsthilfe finden": "Trouver de l'entraide", "selbsthilfe": "entraide",
          "Angehörige Bern": "Proches Berne", "angehoerige-bern": "proches-berne"}


@pytest.fixture
def tree(locales):
    tree = make_directory()
    tree["topic"] = TopicFactory(name="Trauer", slug="trauer")
    french_topic = tree["topic"].copy_for_translation(locales["fr"])
    french_topic.name = "Deuil"
    french_topic.save()
    tree["french_topic"] = french_topic
    tree["group"] = SelfHelpGroupPageFactory(parent=tree["centre"], title="Angehörige Bern",
                                             slug="angehoerige-bern", topics=[tree["topic"]])
    french = {}
    for name in ("home", "index", "centre", "group"):
        french[name] = translate(tree[name], locales["fr"], FRENCH)
    tree["french"] = french
    return tree


def switcher_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {a["hreflang"]: a["href"] for a in soup.select("nav.language-switcher a")}


def test_switcher_on_a_topic_page_leads_to_the_same_topic_in_french(client, tree):
    response = client.get(tree["index"].specific.topic_url(tree["topic"]))
    french_url = switcher_links(response)["fr"]

    assert french_url == "/fr/entraide/topic/trauer/"
    french = client.get(french_url)
    assert french.status_code == 200
    assert BeautifulSoup(french.content, "html.parser").h1.text == "Deuil"


def test_switcher_on_a_french_topic_page_leads_back_to_the_german_topic(client, tree):
    response = client.get("/fr/entraide/topic/trauer/")

    assert switcher_links(response)["de"] == "/de/selbsthilfe/topic/trauer/"


def test_switcher_on_the_contact_form_leads_to_the_french_offers_form(client, tree):
    response = client.get(f"/de/directory/contact/{tree['group'].pk}/")
    french_url = switcher_links(response)["fr"]

    assert french_url == f"/fr/directory/contact/{tree['french']['group'].pk}/"
    french = client.get(french_url)
    assert french.status_code == 200
    assert "Proches Berne" in BeautifulSoup(french.content, "html.parser").h1.text


def test_switcher_on_the_contact_form_falls_back_to_home_without_a_translation(client, tree):
    untranslated = SelfHelpGroupPageFactory(parent=tree["centre"], title="Nur Deutsch")

    links = switcher_links(client.get(f"/de/directory/contact/{untranslated.pk}/"))

    assert links["fr"] == tree["french"]["home"].url
    assert links["it"] == "/it/"  # no Italian home page either
