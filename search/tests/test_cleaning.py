"""What visitors type is made safe for every search backend (search/cleaning.py): quotes,
operators, NUL and endless text never break a search, and the words are still searched."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Locale

from fulltext.cleaning import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_WORDS,
    clean_params,
    clean_query,
    clean_text,
)
from search.engine import find

SYNTAX_CHARACTERS = set('"*^():{}[]~\\|&!<>+=/?@#%;,`$')
NASTY = ['"', '"Depression', 'Depression"', '"Depression Bern"', "Depression AND Bern",
         "Depression OR", "NOT Depression", "NEAR(Depression Bern)", "Depre*", "^Depression",
         "(Depression)", "title:Depression", "Depression:*", "Depression & !Bern",
         "Depression <-> Bern", "Depression\x00", "\x00", "Depression\\", "'", "-", "- - -",
         "..", "Depression " * 500, "{title body}: Depression", "＂Depression＂"]


def test_quotes_and_search_syntax_become_spaces():
    assert clean_query('"Depression" (Bern)') == "Depression Bern"
    assert clean_query("title:Sucht^2 Bern*") == "title Sucht 2 Bern"
    assert clean_query("＂Depression＂") == "Depression"  # full-width quotes too


def test_operator_words_stay_words():
    assert clean_query("Sucht AND NOT Alkohol NEAR Bern OR") == "Sucht AND NOT Alkohol NEAR Bern OR"


def test_joiners_inside_words_are_kept_and_loose_ones_dropped():
    assert clean_query("Co-Abhängigkeit l'entraide 3.5 - ' .") == "Co-Abhängigkeit l'entraide 3.5"
    assert clean_query("--Sucht-- 'Bern'") == "Sucht Bern"


def test_nul_and_invisible_characters_go_and_every_space_is_one_space():
    assert clean_query("Sucht\x00Bern") == "SuchtBern"
    assert clean_query("Sucht\u00a0Bern\u200b\tThun\n") == "Sucht Bern Thun"
    assert clean_text("Bern\x00\x07 ") == "Bern"


def test_long_input_is_capped_at_whole_words():
    assert clean_query("Selbsthilfe " * 1000) == " ".join(["Selbsthilfe"] * 16)
    assert clean_query("x" * 5000) == "x" * MAX_QUERY_LENGTH
    assert len(clean_query("a " * 1000).split()) == MAX_QUERY_WORDS
    assert len(clean_text("x" * 5000)) == 200


def test_letters_of_every_script_and_their_marks_are_kept():
    assert clean_query("Zürich Genève Ticino Ελλάδα हिन्दी 東京") == \
        "Zürich Genève Ticino Ελλάδα हिन्दी 東京"


def test_parameters_are_cleaned_keys_and_values():
    from django.http import QueryDict

    params = clean_params(QueryDict("near=Bern%00&topic=a&topic=b%07&x%00=1"))
    assert params["near"] == "Bern"
    assert params.getlist("topic") == ["a", "b"]
    assert params["x"] == "1"


@settings(max_examples=300, derandomize=True, database=None)
@given(st.text())
def test_cleaning_leaves_no_syntax_and_is_stable(text):
    cleaned = clean_query(text)
    assert not SYNTAX_CHARACTERS & set(cleaned)
    assert "\x00" not in cleaned and len(cleaned) <= MAX_QUERY_LENGTH
    assert clean_query(cleaned) == cleaned


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text.strip() for a in soup.select(".offer-list .offer-card__title a")]


@pytest.mark.django_db
def test_no_typed_text_breaks_the_site_search_on_any_backend(client, directory):
    """On the database (SQLite or PostgreSQL), Elasticsearch and OpenSearch."""
    for text in NASTY:
        response = client.get("/de/search/", {"q": text})
        assert response.status_code == 200, text
        if "Depression" in text and "Depre*" not in text:
            assert "Depression Bern" in titles(response), text
        suggestions = client.get("/de/search/suggest/", {"q": text})
        assert suggestions.status_code == 200, text


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=60) | st.lists(st.sampled_from(NASTY[:20]), max_size=5).map(" ".join))
def test_any_cleaned_text_can_be_searched_on_every_backend(directory, text):
    find(clean_query(text), Locale.get_default())
