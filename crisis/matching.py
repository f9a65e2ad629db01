"""When does a text call for crisis help: the editors' crisis words, compared after
lower-casing and accent folding, as whole words or phrases ("Selbstmord" and "selbstmord",
"suicidé" and "suicide", "Suizid-Gedanken" and "suizid gedanken"). A `*` at the start or end
of a word stands for any letters, for inflections and German compounds: "suizid*" matches
"Suizidgedanken", "*suizid" matches "Jugendsuizid"."""

import re
import unicodedata
from functools import lru_cache

WILDCARD = "*"


def folded(text):
    """Lower case, no accents, "ß" as "ss", and every run of anything but letters and digits
    as one space: the form both the words and the visitor's text are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w*]|_", " ", letters).split())


def split_words(text):
    """An editor's list of words and phrases: one per line or comma-separated."""
    return [word.strip() for word in re.split(r"[,\n]", text) if word.strip()]


def _word_pattern(word):
    return r"\w*".join(re.escape(part) for part in word.split(WILDCARD))


def _phrase_pattern(phrase):
    return " ".join(_word_pattern(word) for word in folded(phrase).split())


@lru_cache(maxsize=32)
def _compiled(phrases):
    patterns = sorted({_phrase_pattern(phrase) for phrase in phrases} - {"", r"\w*"})
    if not patterns:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")


def mentions_any(text, phrases):
    """Whether the text contains one of the phrases (see the module's docstring)."""
    pattern = _compiled(tuple(sorted(set(phrases))))
    return bool(pattern and text and pattern.search(folded(text).replace(WILDCARD, " ")))
