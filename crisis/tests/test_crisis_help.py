"""A visitor in crisis finds the helplines wherever their words or the topic call for them:
at the top of the site search (also with no results), the directory, pages of sensitive
topics and their offers, the widgets; and one tap away from every page."""

import pytest
from bs4 import BeautifulSoup

from crisis import demo
from crisis.models import CrisisHelpline, CrisisTerm
from directory.tests.factories import SelfHelpGroupPageFactory, TopicFactory, make_directory
from directory.widgets.tests.factories import WidgetFactory

from .factories import CrisisHelplineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(locales):
    tree = make_directory()
    demo.load()  # the real numbers and words, as `manage.py load_demo` loads them
    return tree


def crisis_block(response):
    """The crisis help region of the page's main content, or None."""
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(
        "main aside.crisis-help[aria-labelledby]")


def numbers_called(block):
    return [link["href"] for link in block.select("a[href^='tel:']")]


@pytest.mark.parametrize(("language", "query", "name_of_143"), [
    ("fr", "suicide", "La Main Tendue"),
    ("fr", "pensées suicidaires", "La Main Tendue"),
    ("fr", "je veux me tuer", "La Main Tendue"),
    ("de", "Suizid", "Die Dargebotene Hand"),
    ("de", "suizidgedanken", "Die Dargebotene Hand"),
    ("de", "Selbstmord", "Die Dargebotene Hand"),
    ("de", "SELBSTMORD", "Die Dargebotene Hand"),
    ("de", "ich will nicht mehr leben", "Die Dargebotene Hand"),
    ("de", "lebensmude", "Die Dargebotene Hand"),
    ("it", "suicidio", "Telefono Amico"),
    ("it", "non voglio piu vivere", "Telefono Amico"),
])
def test_a_search_for_suicide_shows_the_helplines_at_the_top_in_the_page_language(
        client, directory, language, query, name_of_143):
    response = client.get(f"/{language}/search/", {"q": query})
    block = crisis_block(response)
    assert block is not None
    assert numbers_called(block)[:2] == ["tel:143", "tel:147"]
    assert name_of_143 in block.text
    assert "ß" not in block.text
    # above the results and the filters, even when nothing was found
    html = response.content.decode()
    assert html.index("crisis-help") < html.index('id="results-heading"')
    assert "Die Dargebotene Hand" not in block.text or language == "de"


def test_the_helplines_show_when_the_search_finds_nothing(client, directory):
    response = client.get("/de/search/", {"q": "Suizid"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#results-heading").text.strip().startswith("0 ")
    assert numbers_called(crisis_block(response))[:2] == ["tel:143", "tel:147"]


def test_a_word_in_another_language_than_the_page_also_shows_them(client, directory):
    block = crisis_block(client.get("/de/search/", {"q": "suicide"}))
    assert "Die Dargebotene Hand" in block.text


@pytest.mark.parametrize("path", ["/de/search/", "/fr/search/"])
def test_a_harmless_search_shows_no_crisis_block(client, directory, path):
    response = client.get(path, {"q": "Diabetes"})
    assert crisis_block(response) is None
    assert "tel:143" not in str(BeautifulSoup(response.content, "html.parser").main)


def test_the_directory_search_shows_the_helplines_when_its_query_calls_for_them(
        client, directory):
    url = directory["index"].url
    assert numbers_called(crisis_block(client.get(url, {"q": "Suizid"})))[:2] == [
        "tel:143", "tel:147"]
    assert crisis_block(client.get(url, {"q": "Diabetes"})) is None
    assert crisis_block(client.get(url)) is None


def test_a_sensitive_topic_and_its_offers_show_the_helplines(client, directory):
    depression = TopicFactory(name="Depression", slug="depression", shows_crisis_help=True)
    diabetes = TopicFactory(name="Diabetes", slug="diabetes")
    group = SelfHelpGroupPageFactory(parent=directory["centre"], title="Depression Bern",
                                     topics=[depression])
    other = SelfHelpGroupPageFactory(parent=directory["centre"], title="Diabetes Bern",
                                     topics=[diabetes])
    index = directory["index"]
    assert "tel:143" in numbers_called(crisis_block(client.get(index.topic_url(depression))))
    assert "tel:143" in numbers_called(crisis_block(client.get(group.url)))
    assert crisis_block(client.get(index.topic_url(diabetes))) is None
    assert crisis_block(client.get(other.url)) is None


def test_a_topic_marked_in_german_counts_in_its_copied_translations(locales, directory):
    depression = TopicFactory(name="Depression", slug="depression", shows_crisis_help=True)
    copy = depression.copy_for_translation(locales["fr"])
    copy.name = "Dépression"
    copy.save()
    assert copy.crisis_help_shown
    assert not TopicFactory(slug="diabetes").crisis_help_shown


def test_the_widget_api_answers_with_the_helplines_when_the_query_calls_for_them(
        client, directory):
    widget = WidgetFactory(organisation=directory["league"])
    crisis = client.get(f"/api/widgets/{widget.pk}/", {"q": "suicide"}).json()["crisis"]
    assert [line["tel"] for line in crisis["helplines"]][:2] == ["tel:143", "tel:147"]
    assert crisis["helplines"][0]["name"] == "Die Dargebotene Hand"
    assert crisis["title"] == "Hilfe in der Krise"
    assert client.get(f"/api/widgets/{widget.pk}/", {"q": "Diabetes"}).json()["crisis"] is None


def test_the_widget_frame_carries_the_helplines_to_its_script(client, directory):
    widget = WidgetFactory(organisation=directory["league"])
    response = client.get(f"/widgets/{widget.pk}/frame/", {"q": "suicidio"})
    data = BeautifulSoup(response.content, "html.parser").select_one("#entraide-widget-data")
    assert "tel:143" in data.text and "Die Dargebotene Hand" in data.text


def test_a_word_an_editor_adds_in_the_admin_counts_at_once(admin_client, directory):
    assert crisis_block(admin_client.get("/de/search/", {"q": "Liebeskummer"})) is None
    response = admin_client.post("/admin/snippets/crisis/crisisterm/add/?locale=de",
                                 {"name": "Liebeskummer", "words": "Liebeskummer*"})
    assert response.status_code == 302, response.content
    assert CrisisTerm.objects.filter(name="Liebeskummer").exists()
    assert "Liebeskummer" in admin_client.get("/admin/snippets/crisis/crisisterm/").text
    block = crisis_block(admin_client.get("/de/search/", {"q": "liebeskummer"}))
    assert "tel:143" in numbers_called(block)


@pytest.mark.parametrize(("language", "link_text", "name"), [
    ("de", "Hilfe in der Krise: 143", "Die Dargebotene Hand"),
    ("fr", "Aide en cas de crise\u00a0: 143", "La Main Tendue"),
    ("it", "Aiuto in caso di crisi: 143", "Telefono Amico"),
])
def test_every_page_links_to_the_helplines_in_its_language(client, directory, language,
                                                            link_text, name):
    soup = BeautifulSoup(client.get(f"/{language}/search/").content, "html.parser")
    link = soup.select_one("header .crisis-link a")
    assert link.text == link_text
    page = client.get(link["href"])
    assert page.status_code == 200
    listed = BeautifulSoup(page.content, "html.parser").main
    assert [a["href"] for a in listed.select("a[href^='tel:']")] == [
        "tel:143", "tel:147", "tel:144"]
    assert name in listed.text


def test_a_language_without_its_own_helplines_shows_the_german_ones_marked_as_german(
        client, locales):
    CrisisHelplineFactory(name="Die Dargebotene Hand", phone="143")
    response = client.get("/it/crisis-help/")
    item = BeautifulSoup(response.content, "html.parser").select_one(".crisis-help__item")
    assert item["lang"] == "de"
    assert "Die Dargebotene Hand" in item.text


def test_editors_find_the_helplines_under_snippets(admin_client, locales):
    demo.load()
    listing = admin_client.get("/admin/snippets/crisis/crisishelpline/?locale=fr")
    assert listing.status_code == 200
    assert "La Main Tendue" in listing.text


def test_the_demo_loads_the_swiss_numbers_once(locales):
    demo.load()
    demo.load()
    names = {(line.locale.language_code, line.phone): line.name
             for line in CrisisHelpline.objects.select_related("locale")}
    assert len(names) == 9
    assert names["fr", "147"] == "Pro Juventute Conseils + aide 147"
    assert names["it", "144"] == "Emergenza 144"
    assert CrisisTerm.objects.count() == 9
