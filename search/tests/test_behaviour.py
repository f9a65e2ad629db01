"""What a visitor notices of the search, run on each search engine: the database backend
(PostgreSQL under `make test`), the real Elasticsearch and the real OpenSearch, one backend per
language."""

import copy
import os
import socket
import time

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from entraide.settings.base import search_backends
from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from directory.models import OfferPage
from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    locality,
    make_directory,
)
from fulltext import catch_up
from fulltext.backends.results import MultiSearchError, pks_of_many
from fulltext.models import PendingIndexUpdate
from home.translation import translate
from taxonomy.models import Topic
from tests.fixtures import SEARCH_ENGINE_URLS, engine_backend, index_only_on

from .relay import Relay

pytestmark = pytest.mark.django_db

LANGUAGES = ("de", "fr", "it")
SUMMARY = "Austausch unter Betroffenen."


def rebuild(engine):
    for code in LANGUAGES:
        call_command("update_index", backend_name=f"{engine}_{code}", verbosity=0)


def refresh(engine):
    if engine != "database":
        for code in LANGUAGES:
            get_search_backend(f"{engine}_{code}").get_index_for_model(OfferPage).refresh()


@pytest.fixture(params=["database", "elasticsearch", "opensearch"])
def backend(request, settings):
    """The search engine the site asks (SEARCH_ENGINE); Elasticsearch and OpenSearch start
    from fresh indexes of this test's (empty) database."""
    if request.param == "database":
        index_only_on("database", settings)
    else:
        engine_backend(request.param, settings)
        rebuild(request.param)
    settings.SEARCH_ENGINE = request.param
    return request.param


@pytest.fixture
def on_engine(search_engine, search_engine_backend, settings):
    """Elasticsearch, then OpenSearch, as the site's search engine."""
    rebuild(search_engine)
    settings.SEARCH_ENGINE = search_engine
    return search_engine


@pytest.fixture
def language_rules(backend):
    """Stemming, accent folding and compound parts: PostgreSQL's text search configurations
    or the engine's analysers; SQLite's full text search (make run) has none."""
    if backend == "database" and connection.vendor == "sqlite":
        pytest.skip("SQLite full text search has no language rules (PostgreSQL has)")
    return backend


def build_directory(engine):
    tree = make_directory()
    topics = {
        "depression": TopicFactory(name="Depression", slug="depression",
                                   synonyms="Schwermut, depressive Verstimmung"),
        "addiction": TopicFactory(name="Sucht", slug="sucht", synonyms="Abhängigkeit"),
        "cancer": TopicFactory(name="Krebs", slug="krebs"),
    }
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Depression Bern",
                             slug="depression-bern", locality=locality("3011"),
                             topics=[topics["depression"]])
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Angehörige Sucht Thun",
                             slug="sucht-thun", locality=locality("3600"),
                             topics=[topics["addiction"]], target_group="relatives")
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Krebs Angehörige Bern",
                             slug="krebs-angehoerige-bern", locality=locality("3011"),
                             summary="Für Angehörige von Menschen mit Krebs",
                             topics=[topics["cancer"]], target_group="relatives")
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Krebs Betroffene Zürich",
                             slug="krebs-zh", locality=locality("8004"),
                             topics=[topics["cancer"]])
    OnlineOfferPageFactory(parent=tree["league"], title="Forum Depression",
                           slug="forum-depression", topics=[topics["depression"]])
    refresh(engine)
    return tree


@pytest.fixture
def directory(backend, locales):
    return build_directory(backend)


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text.strip() for a in soup.select(".offer-list .offer-card__title a")]


def search(client, text, language="de", **params):
    response = client.get(f"/{language}/search/", {"q": text, **params})
    assert response.status_code == 200
    return response


def degraded(response):
    return 'class="notice notice--degraded"' in response.text


def translated(tree, page, language, strings):
    """The page's translation, with its parents' (wagtail-localize needs them first)."""
    locale = Locale.objects.get(language_code=language)
    for ancestor in (tree["home"], tree["index"], tree["centre"]):
        if not ancestor.has_translation(locale):
            translate(ancestor, locale, {})
    return translate(page, locale, strings)


def test_finds_by_topic_name(client, directory):
    assert set(titles(search(client, "Depression"))) >= {"Depression Bern", "Forum Depression"}


def test_forgives_typos(client, directory):
    response = search(client, "depresion")
    assert "Depression Bern" in titles(response)
    assert 'class="notice notice--corrected"' in response.text


def test_editor_synonyms_widen_the_query(client, directory):
    assert titles(search(client, "Abhängigkeit")) == ["Angehörige Sucht Thun"]


def test_accents_are_optional(client, directory):
    assert "Krebs Betroffene Zürich" in titles(search(client, "zurich"))


def test_several_words_rank_the_best_match_first(client, directory):
    assert titles(search(client, "Krebs Angehörige Bern"))[0] == "Krebs Angehörige Bern"


def test_facets_count_and_narrow_the_results(client, directory):
    response = search(client, "Krebs", canton="ZH")
    assert titles(response) == ["Krebs Betroffene Zürich"]
    soup = BeautifulSoup(response.content, "html.parser")
    options = {o["value"]: o.text for o in soup.select("#id_canton option") if o["value"]}
    assert options["BE"].endswith("(1)") and options["ZH"].endswith("(1)")


def test_suggestions_after_two_letters(client, directory):
    assert client.get("/de/search/suggest/", {"q": "d"}).json()["suggestions"] == []
    suggestions = client.get("/de/search/suggest/", {"q": "depr"}).json()["suggestions"]
    labels = {(item["kind"], item["label"]) for item in suggestions}
    assert ("topic", "Depression") in labels
    assert any(kind == "offer" and "Depression" in label for kind, label in labels)


def test_suggests_places_by_postal_code(client, directory):
    suggestions = client.get("/de/search/suggest/", {"q": "301"}).json()["suggestions"]
    place = next(item for item in suggestions if item["value"] == "3011")
    assert (place["kind"], place["label"]) == ("place", "3011 Bern")
    assert client.get(place["url"]).status_code == 200  # groups nearest to the place


@pytest.mark.parametrize("query", [
    "x" * 5000, "\x00\x01\x7f binary", "'; DROP TABLE wagtailcore_page; --",
    '{"query": {"match_all": {}}}', "title:(a OR b) AND NOT c* ~2 ^3", "   ", "Ω≈ç√∫",
])
def test_bad_input_never_fails(client, directory, query):
    response = client.get("/de/search/", {"q": query, "canton": "nowhere", "page": "x"})
    assert response.status_code == 200


def test_unreachable_engine_falls_back_to_the_database(client, directory, backend, settings):
    engine = "elasticsearch" if backend == "database" else backend
    unreachable = search_backends(engine, "http://127.0.0.1:9", "unreachable_")
    for config in unreachable.values():
        config.update(AUTO_UPDATE=False, TIMEOUT=1, OPTIONS={"max_retries": 0})
    settings.WAGTAILSEARCH_BACKENDS = {**settings.WAGTAILSEARCH_BACKENDS,
                                       **{name: config for name, config in unreachable.items()
                                          if name.startswith(f"{engine}_")}}
    settings.SEARCH_ENGINE = engine
    response = search(client, "Depression")
    assert "Depression Bern" in titles(response)
    assert degraded(response)


@pytest.mark.parametrize("backend", ["database"], indirect=True)
@pytest.mark.parametrize("engine", ["elasticsearch", "opensearch"])
def test_an_engine_that_never_answers_is_given_up_for_the_database(client, directory, engine,
                                                                   settings):
    silent = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    try:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.WAGTAILSEARCH_BACKENDS = {**settings.WAGTAILSEARCH_BACKENDS, **{
            name: {**config, "AUTO_UPDATE": False, "TIMEOUT": 1, "OPTIONS": {"max_retries": 0}}
            for name, config in search_backends(engine, url, "silent_").items()
            if name.startswith(f"{engine}_")}}
        settings.SEARCH_ENGINE = engine
        started = time.monotonic()
        response = search(client, "Depression")
        assert "Depression Bern" in titles(response) and degraded(response)
        suggestions = client.get("/de/search/suggest/", {"q": "depr"}).json()["suggestions"]
        assert ("topic", "Depression") in {(item["kind"], item["label"]) for item in suggestions}
        assert time.monotonic() - started < 10
    finally:
        silent.close()


def test_a_new_synonym_is_understood_at_once_even_misspelt(client, directory):
    assert titles(search(client, "Kumer")) == []  # and the spelling vocabulary is cached
    depression = Topic.objects.get(slug="depression")
    depression.synonyms += ", Kummer"
    depression.save()
    assert "Depression Bern" in titles(search(client, "Kumer"))


def test_accents_are_folded_in_any_word(client, directory, language_rules):
    SelfHelpGroupPageFactory(parent=directory["centre"], title="Café-Treff für Trauernde",
                             slug="cafe-treff", locality=locality("3011"))
    refresh(language_rules)
    assert "Café-Treff für Trauernde" in titles(search(client, "cafe"))


def test_inflected_forms_find_each_other_in_each_language(client, directory, language_rules):
    group = SelfHelpGroupPageFactory(parent=directory["centre"], slug="selten",
                                     title="Gruppe für seltene Krankheiten")
    translated(directory, group, "fr", {group.title: "Vivre avec une maladie rare",
                                        SUMMARY: "Échange entre personnes concernées."})
    translated(directory, group, "it", {group.title: "Gruppo per malattie rare",
                                        SUMMARY: "Scambio tra persone interessate."})
    refresh(language_rules)
    assert "Gruppe für seltene Krankheiten" in titles(search(client, "Gruppen"))
    assert titles(search(client, "malades", language="fr")) == ["Vivre avec une maladie rare"]
    assert titles(search(client, "gruppi", language="it")) == ["Gruppo per malattie rare"]


def test_the_visitor_language_rules_answer(client, directory, language_rules):
    """French accents and elision on the French search; the German entry stays German."""
    group = SelfHelpGroupPageFactory(parent=directory["centre"], slug="epilepsie",
                                     title="Epilepsie Gesprächsgruppe")
    translated(directory, group, "fr", {group.title: "Groupe de parole sur l’Épilepsie",
                                        SUMMARY: "Échange entre personnes concernées."})
    refresh(language_rules)
    french = ["Groupe de parole sur l’Épilepsie"]
    assert titles(search(client, "epilepsie", language="fr")) == french
    assert titles(search(client, "l'épilepsie", language="fr")) == french
    assert titles(search(client, "Epilepsie")) == ["Epilepsie Gesprächsgruppe"]


def test_german_compound_parts_are_found_on_their_own(client, directory, language_rules):
    SelfHelpGroupPageFactory(parent=directory["centre"], title="Brustkrebs Frauengruppe",
                             slug="brustkrebs")
    OnlineOfferPageFactory(parent=directory["league"], title="Forum der Krebsliga",
                           slug="krebsliga-forum")
    refresh(language_rules)
    found = titles(search(client, "Krebs"))
    assert {"Brustkrebs Frauengruppe", "Forum der Krebsliga"} <= set(found)
    assert "Brustkrebs Frauengruppe" in titles(search(client, "Brustkrebs"))


def _answer(response):
    """The elasticsearch client wraps answers (`.body`); opensearch-py returns them as they are."""
    return getattr(response, "body", response)


def _in_engine(engine, page, language="de"):
    backend = get_search_backend(f"{engine}_{language}")
    index = backend.get_index_for_model(OfferPage)
    index.refresh()
    return _answer(backend.es.exists(index=index.name, id=str(page.pk)))


def _live_in_engine(engine, text):
    """Counted by the engine alone (the database does not filter a count)."""
    backend = get_search_backend(f"{engine}_de")
    backend.get_index_for_model(OfferPage).refresh()
    return backend.search(text, OfferPage.objects.live(), operator="and").count()


def test_searches_sent_together_answer_as_each_alone(locales, on_engine, monkeypatch):
    build_directory(on_engine)
    backend = get_search_backend(f"{on_engine}_de")
    offers = OfferPage.objects.live().filter(locale=Locale.get_default())
    results = [backend.search(text, offers, operator=operator)[start:stop]
               for text, operator, start, stop in [
                   ("Krebs", "and", 0, 1000), ("Krebs Angehörige", "and", 0, 1000),
                   ("Krebs Angehörige", "or", 1, 3), ("Nirgendwo", "and", 0, 10)]]
    together = pks_of_many(backend, results)
    assert together == [result.pks() for result in results]
    assert together[0] and together[2] and not together[3]
    # one failed search fails them all (then the database answers), never "nothing found"
    monkeypatch.setattr(results[1], "_index_name", lambda: "no_such_index")
    with pytest.raises(MultiSearchError):
        pks_of_many(backend, results)


def test_publish_unpublish_and_delete_reach_the_engine_at_once(locales, on_engine):
    tree = build_directory(on_engine)
    group = SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauercafé Thun", slug="tc")
    assert _in_engine(on_engine, group) and not _in_engine(on_engine, group, "fr")
    assert _live_in_engine(on_engine, "Trauercafé Thun") == 1
    group.unpublish()
    assert _live_in_engine(on_engine, "Trauercafé Thun") == 0
    group.get_latest_revision().publish()
    assert _live_in_engine(on_engine, "Trauercafé Thun") == 1
    group.delete()
    assert not _in_engine(on_engine, group)


def test_rebuild_swaps_the_index_in_atomically(client, locales, on_engine, monkeypatch):
    build_directory(on_engine)
    index = get_search_backend(f"{on_engine}_de").get_index_for_model(OfferPage)
    before = {old.name for old in index.aliased_indices()}
    seen_while_rebuilding = []
    start = ElasticsearchAtomicIndexRebuilder.start

    def start_then_search(rebuilder):
        new_index = start(rebuilder)  # created, still empty
        seen_while_rebuilding.append(titles(search(client, "Depression")))
        return new_index

    monkeypatch.setattr(ElasticsearchAtomicIndexRebuilder, "start", start_then_search)
    call_command("update_index", backend_name=f"{on_engine}_de", verbosity=0)
    assert seen_while_rebuilding
    assert all("Depression Bern" in seen for seen in seen_while_rebuilding)
    after = {new.name for new in index.aliased_indices()}
    assert after and not after & before
    assert not any(_answer(index.es.indices.exists(index=name)) for name in before)
    assert "Depression Bern" in titles(search(client, "Depression"))


def _through(relay, engine, settings):
    """The engine's backends reach the node through the relay and give up at once."""
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    for name, config in backends.items():
        if name.startswith(f"{engine}_"):
            config.update(URLS=[relay.url], TIMEOUT=2, OPTIONS={"max_retries": 0})
    settings.WAGTAILSEARCH_BACKENDS = backends


def test_while_the_engine_is_away_the_database_answers_and_changes_catch_up(
        client, locales, search_engine, search_engine_backend, settings, monkeypatch):
    relay = Relay(os.environ[SEARCH_ENGINE_URLS[search_engine]]).open()
    _through(relay, search_engine, settings)
    settings.SEARCH_ENGINE = search_engine
    try:
        rebuild(search_engine)
        tree = build_directory(search_engine)
        relay.cut()
        SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauercafé Bern", slug="tcb")
        OfferPage.objects.get(slug="depression-bern").unpublish()
        assert PendingIndexUpdate.objects.filter(language="de").count() == 2

        response = search(client, "Trauercafé")
        assert titles(response) == ["Trauercafé Bern"] and degraded(response)

        relay.open()
        monkeypatch.setattr(catch_up, "_last_check", {"at": float("-inf")})
        assert not degraded(search(client, "Krebs"))  # answered, then caught up
        assert not PendingIndexUpdate.objects.exists()

        refresh(search_engine)
        response = search(client, "Trauercafé")
        assert titles(response) == ["Trauercafé Bern"] and not degraded(response)
        assert _live_in_engine(search_engine, "Depression Bern") == 0
    finally:
        relay.cut()
