"""Which words call for crisis help: capitals, accents, inflections and compounds."""

import pytest

from crisis.matching import folded, mentions_any, split_words

WORDS = ["*suizid*", "Selbstmord*", "sterben wollen", "*suicid*", "me tuer",
         "non voglio più vivere", "*krise"]


@pytest.mark.parametrize("text", [
    "Suizid", "suizidgedanken", "Gedanken an Suizid", "Jugendsuizid", "SELBSTMORD",
    "selbstmordgedanken", "ich möchte sterben wollen", "suicide", "suicidé", "SUICIDAIRE",
    "je veux me tuer", "non voglio piu vivere", "Non voglio più vivere!", "Lebenskrise",
    "Midlife-Krise", "suicidio",
])
def test_crisis_words_match_in_any_case_with_or_without_accents(text):
    assert mentions_any(text, WORDS)


@pytest.mark.parametrize("text", [
    "Diabetes", "", "   ", "sterben", "wollen", "tuer le temps", "Krisenherd", "Depression",
])
def test_other_words_and_parts_of_phrases_do_not_match(text):
    assert not mentions_any(text, WORDS)


def test_words_are_folded_to_lower_case_without_accents():
    assert folded("  Selbstmörder-Straße, DÉTRESSE ") == "selbstmorder strasse detresse"


def test_an_editor_lists_words_one_per_line_or_comma_separated():
    assert split_words("Suizid, Selbstmord\nsterben wollen\n\n") == [
        "Suizid", "Selbstmord", "sterben wollen"]


def test_no_words_match_nothing():
    assert not mentions_any("Suizid", [])
    assert not mentions_any("Suizid", ["*"])
