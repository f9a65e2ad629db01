"""What visitors and API clients type, made safe before it reaches a search backend or the
database: the one place every search channel (site search, suggestions, directory page,
widget, campaign library, HSDS API) cleans its text.

Each backend has its own query syntax: SQLite's FTS5 wraps each word in double quotes (a `"`
in a word ends the string: syntax error), PostgreSQL's tsquery reads `:`, `&`, `|`, `!`,
parentheses and `*`, Elasticsearch's query strings read `^`, `~`, `*`, brackets and more.
Wagtail's backends quote most of it, not all, and PostgreSQL refuses NUL in any text. So a
query keeps only what can be searched for: letters, digits and, inside a word, the joiners
of compound words, elisions and numbers (`-`, `'`, `’`, `.`); everything else separates words,
as each backend's tokeniser would. Operator words (AND, OR, NOT, NEAR) stay words: every
backend gets each word as a term of its own, never as syntax."""

import re
import unicodedata

from django.http import QueryDict

MAX_QUERY_LENGTH = 200  # characters: about thirty words, far more than anyone types
MAX_QUERY_WORDS = 32  # each word is a term of the backend's query, and a spelling check
MAX_READ_LENGTH = 4 * MAX_QUERY_LENGTH  # what is read of a longer text
MAX_PARAM_LENGTH = 200  # any other parameter (a place, a filter's value)
JOINERS = "-'’."
# a joiner counts only between two word characters ("Co-Abhängigkeit", "l'aide", "3.5")
LOOSE_JOINERS = re.compile(r"(?<![^\W_])[-'’.]+|[-'’.]+(?![^\W_])")


def clean_text(raw, max_length=MAX_PARAM_LENGTH):
    """Any text from a request: compatibility forms folded (full-width letters, ligatures),
    every kind of space one space, control and other invisible characters (NUL) gone, at most
    `max_length` characters."""
    if not isinstance(raw, str):
        return ""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or ch.isprintable())
    return " ".join(text.split())[:max_length].strip()


def clean_query(raw):
    """Search words safe for every search backend: letters, digits and joiners within words,
    at most MAX_QUERY_WORDS whole words in MAX_QUERY_LENGTH characters."""
    text = "".join(ch if _is_word_character(ch) or ch in JOINERS else " "
                   for ch in clean_text(raw, max_length=MAX_READ_LENGTH))
    return " ".join(_whole_words_within(LOOSE_JOINERS.sub(" ", text).split()))


def _whole_words_within(words):
    """The first words that fit: a word cut short would be searched as another word."""
    kept, length = [], -1
    for word in words[:MAX_QUERY_WORDS]:
        length += 1 + len(word)
        if length > MAX_QUERY_LENGTH:
            break
        kept.append(word)
    if not kept and words:
        return [words[0][:MAX_QUERY_LENGTH]]  # one endless word: its start
    return kept



def _is_word_character(ch):
    # letters, digits and the combining marks of scripts that write vowels with them
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def clean_params(params):
    """A request's parameters (a QueryDict) with each key and value cleaned by clean_text: a NUL
    byte or a 5,000-character value never reaches the database. Search words still need
    clean_query."""
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        cleaned.setlist(clean_text(key), [clean_text(value) for value in values])
    return cleaned
