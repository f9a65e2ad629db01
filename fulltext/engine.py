"""Full text search in one language, for any querysets the apps hand in.

It asks the visitor's language's backend on the site's search engine (SEARCH_ENGINE: the
database, Elasticsearch or OpenSearch; fulltext.backends.backend_for). When the engine cannot
be reached the search falls back to the database backend of that language and says so,
instead of failing; once the engine answers again, what changed meanwhile is sent to it."""

import logging
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

from .backends import backend_name_for, cached_backend, fallback_name_for
from .backends.results import pks_later
from .catch_up import catch_up_now_and_then
from .understanding import understand, words_of

logger = logging.getLogger(__name__)
MAX_MATCHES = 1000  # ids ranked per search: more are never shown in rank order
FALLBACK_BACKEND = "database"  # a fallback backend's name when no locale is given
LATIN_END = 0x250  # after Latin Extended-B


class SearchUnavailable(Exception):
    pass


@dataclass
class Ranked:
    """For each queryset searched, the ids matching, best first."""

    ids: list = field(default_factory=list)
    understood: object = None
    degraded: bool = False  # answered by the fallback backend


class Asked(NamedTuple):
    """One search to send: the queryset's ids matching the text, at most `limit`."""

    queryset: object
    text: str
    operator: str
    limit: int = MAX_MATCHES


def _search_ids(asked, backend_name):
    """The ids found for each search asked, best first."""
    return _sent(asked, backend_name)()


def _sent(asked, backend_name):
    """Sends the searches asked and gives a function that waits for their ids. A search
    engine gets them all in one request, sent from another thread; the database answers
    them one by one, at once."""
    backend = cached_backend(backend_name)
    try:
        waiting = pks_later(backend, [
            backend.search(one.text, one.queryset, operator=one.operator)[:one.limit]
            for one in asked])
    except Exception as error:  # the client raises transport errors of several kinds
        if _is_database(backend):
            raise  # the database is the last resort: its errors are bugs, not outages
        raise SearchUnavailable(str(error)) from error

    def answer():
        try:
            return waiting()
        except Exception as error:
            raise SearchUnavailable(str(error) or type(error).__name__) from error

    return answer


def _is_database(backend):
    return not isinstance(backend, ElasticsearchBaseSearchBackend)  # OpenSearch's base too


def _ranked_ids(querysets, texts, backend_name):
    """For each (queryset, limit): ids matching all words of any of the texts, in rank order;
    any word of the first text as a last resort. The first `limit` ids are exact: each text's
    own first `limit` hold them."""
    return _ranking(querysets, texts, backend_name)()


def _ranking(querysets, texts, backend_name):
    """Sends the searches of _ranked_ids and gives a function that waits for their ids."""
    sent = _sent([Asked(queryset, text, "and", limit) for queryset, limit in querysets
                  for text in texts], backend_name)

    def ranked_ids():
        found = iter(sent())
        ranked = []
        for _queryset in querysets:
            ids = {}  # ordered, without repeats
            for _text in texts:
                ids.update(dict.fromkeys(next(found)))
            ranked.append(list(ids))
        empty = [number for number, ids in enumerate(ranked) if not ids]
        if empty and not _is_one_word(texts[0]):  # for one word "any" is "all"
            anyword = _search_ids([Asked(querysets[number][0], texts[0], "or",
                                         querysets[number][1]) for number in empty],
                                  backend_name)
            for number, ids in zip(empty, anyword, strict=True):
                ranked[number] = ids
        return ranked

    return ranked_ids


def _is_one_word(text):
    """One word in Latin letters or digits (the engines split some scripts, e.g. Chinese, into
    one word per character)."""
    words = words_of(text)
    return len(words) == 1 and all(ord(character) < LATIN_END for character in words[0])


def backend_names(locale=None):
    """The backends to ask, in order: the locale's language on the site's search engine, then
    that language's database backend."""
    if locale is None:
        configured = settings.WAGTAILSEARCH_BACKENDS
        return ["default", *([FALLBACK_BACKEND] if FALLBACK_BACKEND in configured else [])]
    names = [backend_name_for(locale)]
    if fallback_name_for(locale) not in names:
        names.append(fallback_name_for(locale))
    return names


def _catch_up_after_answer(backend_name):
    """The engine answered: replay what could not reach it while it was away."""
    if _is_database(cached_backend(backend_name)):
        return
    try:
        catch_up_now_and_then()
    except Exception as error:  # never let catching up break a search that worked
        logger.warning("search catch-up failed: %s", error)


def _texts(understood, querysets, backend_name):
    """What to search, best first. A spelling correction only counts when the words as typed
    find nothing: "Gruppen" is a word of the index, not a typo of the place "Greppen"."""
    if understood.was_corrected and any(_search_ids(
            [Asked(queryset, understood.text, "and", 1) for queryset in querysets],
            backend_name)):
        understood.corrected = ""
    return [understood.best_text, *understood.alternatives()]


def ranked(text, locale, searched):
    """ranking()'s answer, at once."""
    return ranking(text, locale, searched)()


def ranking(text, locale, searched):
    """Sends the search of `text` in the locale's language over each (queryset, limit) of
    `searched` (the first ones are those whose words count for the spelling correction) to
    the site's search engine, and gives a function that waits for the Ranked ids (the caller
    may use the time meanwhile), asking the database backend when the engine cannot answer.
    The querysets carry their own filters: only what a search index can filter on."""
    understood = understand(text, locale)
    searched = [(queryset, limit) for queryset, limit in searched]

    def matching(backend_name):
        texts = _texts(understood, [queryset for queryset, _limit in searched[:2]],
                       backend_name)
        waiting = _ranking(searched, texts, backend_name)
        return lambda: Ranked(ids=waiting(), understood=understood)

    names = backend_names(locale)
    try:
        first = matching(names[0])
    except SearchUnavailable as error:
        first = error

    def answer():
        for position, backend_name in enumerate(names):
            try:
                if position == 0 and isinstance(first, SearchUnavailable):
                    raise first
                found = (first if position == 0 else matching(backend_name))()
            except SearchUnavailable as error:
                logger.warning("search backend %s unavailable: %s", backend_name, error)
                if position == len(names) - 1:
                    raise
            else:
                found.degraded = position > 0
                _catch_up_after_answer(backend_name)
                return found
        raise SearchUnavailable("no search backend configured")

    return answer
