"""A word naming a topic (its name, a synonym, an inflected or compound form, or its name in
another language) finds the offers filed under the topic and its narrower topics, whose texts
may never use the word, on every channel: the site search, the directory page's text box, the
HSDS API and a widget (directory.query.OfferQuery). On the database backend (SQLite, or
PostgreSQL with DATABASE_URL) and on Elasticsearch and OpenSearch when their URLs are set."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from directory.models import OfferPage
from directory.tests.factories import (
    OrganisationPageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    locality,
    make_directory,
)
from fulltext.understanding import understand
from tests.fixtures import engine_backend, index_only_on
from tests.test_one_read_path import ALL, ASK

pytestmark = pytest.mark.django_db
ADDICTION_GROUPS = {"Treffpunkt Bern", "Treffpunkt Zürich"}


@pytest.fixture(params=["database", "elasticsearch", "opensearch"])
def engine(request, settings):
    if request.param == "database":
        index_only_on("database", settings)
    else:
        engine_backend(request.param, settings)
        for code in ("de", "fr", "it"):
            call_command("update_index", backend_name=f"{request.param}_{code}", verbosity=0)
    settings.SEARCH_ENGINE = request.param
    return request.param


def translated(topic, language_code, name):
    return TopicFactory(name=name, slug=topic.slug, translation_key=topic.translation_key,
                        locale=Locale.objects.get(language_code=language_code))


@pytest.fixture
def offers(engine, locales):
    """Groups on alcohol, a topic below "Sucht": no text of theirs says "Sucht"."""
    tree = make_directory()
    addiction = TopicFactory(name="Sucht", slug="sucht", synonyms="Abhängigkeit")
    translated(addiction, "fr", "Addiction")
    translated(addiction, "it", "Dipendenza")
    alcohol = TopicFactory(name="Alkohol", slug="alkohol", parent=addiction)
    depression = TopicFactory(name="Depression", slug="depression")
    group = SelfHelpGroupPageFactory
    group(parent=tree["centre"], title="Treffpunkt Bern", slug="treffpunkt-bern",
          locality=locality("3011"), topics=[alcohol], summary="Austausch unter Betroffenen.")
    group(parent=tree["centre"], title="Treffpunkt Zürich", slug="treffpunkt-zuerich",
          locality=locality("8004"), topics=[alcohol], summary="Austausch unter Betroffenen.")
    group(parent=tree["centre"], title="Lebensmut Bern", slug="lebensmut-bern",
          locality=locality("3011"), topics=[depression], summary="Wir gehen wandern.")
    if engine != "database":
        for code in ("de", "fr", "it"):
            get_search_backend(f"{engine}_{code}").get_index_for_model(OfferPage).refresh()
    return tree


@pytest.mark.parametrize("words", [
    "Sucht",  # the topic's name
    "sucht",  # any case
    "Abhängigkeit",  # a synonym
    "Abhangigkeit",  # without its accent
    "Süchte",  # inflected
    "Suchtprobleme",  # a compound
    "addiction",  # in French
    "dipendenza",  # in Italian
])
def test_a_topic_word_finds_the_topics_offers_on_every_channel(client, offers, words):
    for channel in ALL:
        assert set(ASK[channel](client, {"q": words})) == ADDICTION_GROUPS, channel


def test_the_other_words_still_count(client, offers):
    """"Sucht Bern": the addiction group in Bern first."""
    for channel in ("search", "directory"):
        found = ASK[channel](client, {"q": "Sucht Bern"})
        assert found[0] == "Treffpunkt Bern", channel
        assert "Treffpunkt Zürich" in found, channel


def test_a_word_naming_no_topic_matches_the_text_as_before(client, offers):
    for channel in ALL:
        assert ASK[channel](client, {"q": "wandern"}) == ["Lebensmut Bern"], channel


def test_a_topic_word_is_no_typo(offers, locales):
    understood = understand("Süchte", Locale.objects.get(language_code="de"))
    assert not understood.was_corrected
    assert understood.topics == ("sucht",)


def test_an_organisations_name_is_no_typo(offers, locales):
    """Its words are no topic's nor a place's, yet typed right ("contro" is not "Contra")."""
    OrganisationPageFactory(parent=offers["index"], title="Lega contro il cancro",
                            slug="lega-contro-il-cancro")
    assert not understand("Lega contro il cancro",
                          Locale.objects.get(language_code="it")).was_corrected


def test_the_suggested_topic_leads_to_its_offers(client, offers):
    suggestions = client.get("/de/search/suggest/", {"q": "Such"}).json()["suggestions"]
    topic = next(item for item in suggestions if item["kind"] == "topic")
    assert topic["label"] == "Sucht"
    response = client.get(topic["url"])
    assert response.status_code == 200
    page = response.content.decode()
    assert all(title in page for title in ADDICTION_GROUPS)


def test_a_topic_without_offers_is_not_suggested(client, offers):
    TopicFactory(name="Suchtprävention", slug="suchtpraevention")
    suggestions = client.get("/de/search/suggest/", {"q": "Such"}).json()["suggestions"]
    assert [item["label"] for item in suggestions if item["kind"] == "topic"] == ["Sucht"]
