"""Rebuilding the search engine's index (`update_index`) quickly without changing what is
found: the same documents as Wagtail writes, each language's objects in its own index, the
index's own settings back after the rebuild, and the old index kept when a rebuild fails."""

import pytest
from django.core.management import call_command
from modelsearch.backends.elasticsearch8 import Elasticsearch8Mapping
from modelsearch.index import get_indexed_models
from wagtail.search.backends import get_search_backend

from directory.models import OfferPage
from fulltext.backends.elasticsearch8 import LanguageElasticsearch8Mapping

from .test_behaviour import build_directory, search, titles, translated

pytestmark = pytest.mark.django_db


def test_documents_are_those_wagtail_writes(locales):
    tree = build_directory("database")
    translated(tree, OfferPage.objects.get(slug="depression-bern").specific, "fr",
               {"Depression Bern": "Dépression Berne"})
    compared = 0
    for model in get_indexed_models():
        ours, wagtails = LanguageElasticsearch8Mapping(model), Elasticsearch8Mapping(model)
        assert ours.get_mapping() == wagtails.get_mapping()
        for obj in model.get_indexed_objects():
            assert ours.get_document(obj) == wagtails.get_document(obj), obj
            compared += 1
    assert compared > 10


def _index_settings(engine, language="de"):
    backend = get_search_backend(f"{engine}_{language}")
    index = backend.get_index_for_model(OfferPage)
    answer = backend.es.indices.get_settings(index=index.name)
    return next(iter(getattr(answer, "body", answer).values()))["settings"]["index"]


def test_each_language_index_holds_its_own_offers_after_a_rebuild(client, locales, on_engine):
    tree = build_directory(on_engine)
    translated(tree, OfferPage.objects.get(slug="depression-bern").specific, "fr",
               {"Depression Bern": "Dépression Berne"})
    for language in ("de", "fr", "it"):
        call_command("update_index", backend_name=f"{on_engine}_{language}", verbosity=0)
    assert "Depression Bern" in titles(search(client, "Depression"))
    assert titles(search(client, "Dépression", language="fr")) == ["Dépression Berne"]
    assert titles(search(client, "Depression", language="it")) == []
    settings = _index_settings(on_engine)
    assert settings.get("refresh_interval") != "-1"  # new pages become searchable on their own


def test_a_failed_rebuild_leaves_the_index_searchable(client, locales, on_engine, monkeypatch):
    build_directory(on_engine)
    backend_class = type(get_search_backend(f"{on_engine}_de"))

    def node_too_busy(self, client, kwargs, seconds):
        raise TimeoutError("the node did not answer in time")

    monkeypatch.setattr(backend_class, "waiting", node_too_busy)
    with pytest.raises(TimeoutError):
        call_command("update_index", backend_name=f"{on_engine}_de", verbosity=0)
    assert "Depression Bern" in titles(search(client, "Depression"))
