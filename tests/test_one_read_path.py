"""The same question gets the same answer on the directory page, in the site search, in the
HSDS API and in a widget (directory.query.OfferQuery answers them all), on the database
backend (SQLite, or PostgreSQL with DATABASE_URL) and on Elasticsearch and OpenSearch when
their URLs are set; an expired offer and a draft, which match every question, never appear."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from directory.models import OfferPage
from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    language,
    locality,
    make_directory,
)
from directory.widgets.tests.factories import WidgetFactory
from tests.fixtures import engine_backend, index_only_on

pytestmark = pytest.mark.django_db
ALL = ("directory", "search", "api", "widget")


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


@pytest.fixture
def offers(engine, locales):
    tree = make_directory()
    depression = TopicFactory(name="Depression", slug="depression")
    addiction = TopicFactory(name="Sucht", slug="sucht")
    alcohol = TopicFactory(name="Alkohol", slug="alkohol", parent=addiction)
    group = SelfHelpGroupPageFactory
    group(parent=tree["centre"], title="Depression Bern", slug="depression-bern",
          locality=locality("3011"), topics=[depression], target_group="affected")
    group(parent=tree["centre"], title="Depression Thun", slug="depression-thun",
          locality=locality("3600"), topics=[depression], target_group="both",
          languages=[language("de"), language("fr")])
    group(parent=tree["centre"], title="Angehörige Alkohol Zürich", slug="alkohol-zuerich",
          locality=locality("8004"), topics=[alcohol], target_group="relatives")
    OnlineOfferPageFactory(parent=tree["league"], title="Forum Depression",
                           slug="forum-depression", topics=[depression], target_group="both",
                           summary="Austausch unter Betroffenen im Forum.")
    # they match every question below and must never be shown
    group(parent=tree["centre"], title="Depression Biel abgelaufen", slug="depression-biel",
          locality=locality("3011"), topics=[depression, alcohol], target_group="both",
          languages=[language("de"), language("fr")],
          expire_at=timezone.now() - datetime.timedelta(days=1))
    group(parent=tree["centre"], title="Depression Entwurf", slug="depression-entwurf",
          locality=locality("3011"), topics=[depression, alcohol], target_group="both",
          languages=[language("de"), language("fr")], live=False)
    assert OfferPage.objects.get(slug="depression-biel").live  # expired, not yet unpublished
    if engine != "database":
        for code in ("de", "fr", "it"):
            get_search_backend(f"{engine}_{code}").get_index_for_model(OfferPage).refresh()
    return tree


def card_titles(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text.strip() for a in soup.select(".offer-list .offer-card__title a")]


def ask_directory(client, question):
    return card_titles(client.get("/de/selbsthilfe/", question))


def ask_search(client, question):
    return card_titles(client.get("/de/search/", question))


API_NAMES = {"q": "search", "near": "postcode", "topic": "taxonomy_term_id",
             "target": "taxonomy_term_id"}


def ask_api(client, question):
    params = {API_NAMES[name]: value for name, value in question.items() if name != "radius"}
    if "near" in question:
        params["proximity"] = question.get("radius", 500)
    response = client.get("/api/hsds/services", {**params, "per_page": 100})
    assert response.status_code == 200, response.content
    return [service["name"] for service in response.json()["contents"]]


def ask_widget(client, question):
    widget = WidgetFactory(visible_filters=["topic", "canton", "format", "target", "language"],
                           results_count=50)
    response = client.get(f"/api/widgets/{widget.pk}/", question)
    assert response.status_code == 200, response.content
    return [result["title"] for result in response.json()["results"]]


ASK = {"directory": ask_directory, "search": ask_search, "api": ask_api,
       "widget": ask_widget}
GROUPS_NEAREST_BERN = ["Depression Bern", "Depression Thun", "Angehörige Alkohol Zürich"]
# (question, channels that can ask it, the offers answering, whether the order is defined)
QUESTIONS = {
    "text": ({"q": "Depression"}, ALL,
             {"Depression Bern", "Depression Thun", "Forum Depression"}, False),
    "broader topic finds the narrower": ({"q": "Austausch", "topic": "sucht"}, ALL,
                                         {"Angehörige Alkohol Zürich"}, False),
    "canton": ({"q": "Austausch", "canton": "BE"}, ("directory", "search", "widget"),
               {"Depression Bern", "Depression Thun"}, False),
    "language": ({"q": "Austausch", "language": "fr"}, ("directory", "search", "widget"),
                 {"Depression Thun"}, False),
    "affected includes both": ({"q": "Austausch", "target": "affected"}, ALL,
                               {"Depression Bern", "Depression Thun", "Forum Depression"},
                               False),
    "relatives includes both": ({"q": "Austausch", "target": "relatives"}, ALL,
                                {"Angehörige Alkohol Zürich", "Depression Thun",
                                 "Forum Depression"}, False),
    "place": ({"near": "3011"}, ("directory", "search"),
              [*GROUPS_NEAREST_BERN, "Forum Depression"], True),
    "place within 500 km": ({"near": "3011"}, ("api",), GROUPS_NEAREST_BERN, True),
    "place within 30 km": ({"near": "3011", "radius": 30}, ("api",),
                           ["Depression Bern", "Depression Thun"], True),
}


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_every_channel_gives_the_same_offers(client, offers, name):
    question, channels, expected, ordered = QUESTIONS[name]
    for channel in channels:
        found = ASK[channel](client, question)
        if ordered:
            assert found == list(expected), channel
        else:
            assert sorted(found) == sorted(expected), channel
