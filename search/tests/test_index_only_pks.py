"""On PostgreSQL an unranked search of a whole model reads the keys of its hits from the
index table alone (search/backends/database.py `IndexOnlyResults.pks`): the same hits as
Wagtail's search joined to the model's table."""

import pytest
from django.db import connection

from directory.models import OfferPage
from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    make_directory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index only"),
]

QUERIES = ["Depression", "depressionen", "Dépression", "Trauer Eltern", "Trauer Zürich",
           "Brustkrebs", "Krebs", "Angehörige", "famille", "l'entraide", "e-mail", "nichts-da"]


@pytest.fixture
def offers(locales):
    tree = make_directory()
    cancer = TopicFactory(name="Brustkrebs", synonyms="Mammakarzinom")
    return [
        SelfHelpGroupPageFactory(parent=tree["centre"], title="Depression und Angst",
                                 summary="Für Angehörige in Zürich"),
        SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauergruppe",
                                 summary="Für Eltern nach dem Tod eines Kindes"),
        SelfHelpGroupPageFactory(parent=tree["centre"], title="Gruppe Zürich",
                                 summary="Depressionen, Trauer", topics=[cancer]),
        OnlineOfferPageFactory(parent=tree["centre"], title="Forum dépression",
                               summary="Groupe de l'entraide pour la famille, par e-mail"),
    ]


@pytest.mark.parametrize("operator", ["and", "or"])
def test_the_index_alone_finds_what_the_joined_search_finds(offers, operator):
    found_any = False
    for query in QUERIES:
        results = OfferPage.objects.order_by().search(query, operator=operator,
                                                      order_by_relevance=False)
        joined = set(results.get_queryset().values_list("pk", flat=True))
        assert set(results.pks()) == joined, query
        found_any = found_any or bool(joined)
    assert found_any


def test_a_filtered_or_ranked_search_keeps_its_filter_and_order(offers):
    group = offers[0]
    filtered = OfferPage.objects.filter(pk=group.pk).search("Depression",
                                                            order_by_relevance=False)
    assert filtered.pks() == [group.pk]
    ranked = OfferPage.objects.search("Depression", operator="or")
    assert ranked.pks() == list(ranked.get_queryset().values_list("pk", flat=True))
