"""The relevance measure: metric functions by hand, and the command on a small directory."""

import io
import json
import math

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from directory.tests.factories import SelfHelpGroupPageFactory, TopicFactory, make_directory
from search.relevance.evaluate import load_queries
from search.relevance.metrics import ndcg_at, recall_at


def test_recall_counts_relevant_entries_in_the_top_k_out_of_what_k_can_hold():
    grades = {"a": 3, "b": 1, "c": 2}
    assert recall_at(10, ["x", "a", "y", "c"], grades) == pytest.approx(2 / 3)
    assert recall_at(2, ["a", "c", "b"], grades) == 1.0  # 2 found, 2 possible
    assert recall_at(10, [], grades) == 0.0
    assert recall_at(10, ["a"], {}) is None


def test_ndcg_by_hand():
    grades = {"a": 3, "b": 1}
    assert ndcg_at(10, ["a", "b"], grades) == pytest.approx(1.0)
    # Reversed: (1 + 7/log2(3)) / (7 + 1/log2(3))
    expected = (1 + 7 / math.log2(3)) / (7 + 1 / math.log2(3))
    assert ndcg_at(10, ["b", "a"], grades) == pytest.approx(expected)
    # One irrelevant entry first: (7/log2(3) + 1/2) / (7 + 1/log2(3))
    expected = (7 / math.log2(3) + 1 / 2) / (7 + 1 / math.log2(3))
    assert ndcg_at(10, ["x", "a", "b"], grades) == pytest.approx(expected)
    assert ndcg_at(1, ["b", "a"], grades) == pytest.approx(1 / 7)
    assert ndcg_at(10, ["x"], grades) == 0.0


def test_the_judged_set_is_well_formed_and_large_enough():
    queries = load_queries()
    assert len(queries) >= 60
    assert {query["locale"] for query in queries} == {"de", "fr", "it"}
    assert {"typo", "accent", "inflection", "compound", "place", "synonym"} <= {
        query["category"] for query in queries}


@pytest.mark.django_db
def test_command_scores_a_perfect_and_a_hopeless_query(locales, tmp_path):
    tree = make_directory()
    depression = TopicFactory(name="Depression", slug="depression")
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Depression Bern",
                             slug="depression-bern", topics=[depression])
    SelfHelpGroupPageFactory(parent=tree["centre"], title="Treffpunkt Thun", slug="thun")
    judged = tmp_path / "judged.json"
    judged.write_text(json.dumps({"queries": [
        {"locale": "de", "query": "Depression", "category": "exact",
         "relevant": [{"grade": 3, "topic": "depression"}]},
        {"locale": "de", "query": "Treffpunkt", "category": "hopeless",
         "relevant": [{"grade": 3, "topic": "depression"}]},
    ]}))
    results = tmp_path / "results.json"
    call_command("search_relevance", queries=str(judged), json_file=str(results),
                 backends=["database"], stdout=io.StringIO())
    report = json.loads(results.read_text())
    for backend in report.values():
        scores = {score["query"]: score for score in backend["per_query"]}
        assert scores["Depression"]["ndcg"] == scores["Depression"]["recall"] == 1.0
        assert scores["Treffpunkt"]["ndcg"] == scores["Treffpunkt"]["recall"] == 0.0
        assert backend["by_category"]["hopeless"]["ndcg@10"] == 0.0


@pytest.mark.django_db
def test_command_names_a_bad_judgment(tmp_path):
    judged = tmp_path / "judged.json"
    judged.write_text(json.dumps({"queries": [
        {"locale": "de", "query": "Depression", "relevant": [{"grade": 5, "topik": "x"}]}]}))
    with pytest.raises(CommandError, match="query 1 .'Depression'"):
        call_command("search_relevance", queries=str(judged))
