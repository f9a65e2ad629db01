"""Making sense of what visitors type, the same way on every search backend: spelling
mistakes are corrected against the directory's own vocabulary, editor-maintained topic
synonyms widen the query ("Abhängigkeit" also searches "Sucht"), and the topics a query names
in any of the three languages, inflected or in a compound ("Süchte", "Suchtprobleme",
"dipendenza"), are recognised (topics_named) so that the caller can find what is filed under
them.

The words and topics come from the app that owns them (the directory registers them at start,
register_vocabulary), so this module imports no app."""

import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.cache import cache

VOCABULARY_CACHE_KEY = "search:vocabulary:v1"
TOPICS_CACHE_KEY = "search:topics:v1"
VOCABULARY_TIMEOUT = 15 * 60
MIN_WORD_LENGTH_TO_CORRECT = 4
_sources = {"names": lambda: (), "topics": lambda: ()}


def register_vocabulary(names, topics):
    """names(): the texts whose words are known spellings (topic names and synonyms, places,
    cantons); topics(): (locale_id, name, synonyms as a list, key) of every topic, by name,
    the key being the same for a topic's translations (its slug)."""
    _sources["names"], _sources["topics"] = names, topics


def fold(text):
    """Lower case without accents: "Épilepsie" -> "epilepsie"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words_of(text):
    return [word for word in "".join(
        ch if ch.isalnum() else " " for ch in text).split() if word]


def vocabulary():
    """Folded word -> its usual spelling, from the registered names (register_vocabulary)."""
    cached = cache.get(VOCABULARY_CACHE_KEY)
    if cached is not None:
        return cached
    words = {}
    for name in _sources["names"]():
        for word in words_of(name or ""):
            words.setdefault(fold(word), word)
    cache.set(VOCABULARY_CACHE_KEY, words, VOCABULARY_TIMEOUT)
    return words


class TopicTerms(NamedTuple):
    """A topic's name and synonyms, folded the ways the search compares them."""

    name: str
    synonyms: tuple  # as the editors wrote them
    folded_terms: tuple  # the name and synonyms, folded
    folded_synonyms: tuple  # each synonym's words, folded and joined by one space
    key: str = ""  # the same in every language: a topic filter's value


def topic_terms(locale):
    """The terms of the locale's topics, by name: read on every search and every keystroke,
    so kept in the cache with the vocabulary (and forgotten with it)."""
    return _topics_by_locale().get(locale.pk, [])


def _topics_by_locale():
    by_locale = cache.get(TOPICS_CACHE_KEY)
    if by_locale is None:
        by_locale = {}
        for locale_id, name, synonyms, key in _sources["topics"]():
            synonyms = tuple(synonyms)
            by_locale.setdefault(locale_id, []).append(TopicTerms(
                name, synonyms, tuple(fold(term) for term in (name, *synonyms)),
                tuple(" ".join(fold(word) for word in words_of(synonym))
                      for synonym in synonyms), key))
        cache.set(TOPICS_CACHE_KEY, by_locale, VOCABULARY_TIMEOUT)
    return by_locale


# endings of inflected forms in German, French and Italian ("Süchte", "Angehörigen",
# "addictions", "dipendenze"): a word and a term are the same when they share a form
ENDINGS = ("ern", "en", "er", "es", "e", "n", "s", "i", "a", "o")
MIN_STEM_LENGTH = 5  # shorter stems join unrelated words ("trauen", "Trauer")
# a word longer than a topic's one-word term, starting or ending with it, is a compound of it
# ("Suchtprobleme", "Alkoholsucht", "Brustkrebs"); shorter terms are too often parts of words
MIN_COMPOUND_PART = 5
MIN_COMPOUND_REST = 3


def forms(folded_word):
    """The folded word and its stems without one inflection ending."""
    found = {folded_word}
    for ending in ENDINGS:
        if folded_word.endswith(ending) and len(folded_word) - len(ending) >= MIN_STEM_LENGTH:
            found.add(folded_word[:-len(ending)])
    return found


def _is_compound_of(folded_word, term):
    return (len(term) >= MIN_COMPOUND_PART
            and len(folded_word) - len(term) >= MIN_COMPOUND_REST
            and (folded_word.startswith(term) or folded_word.endswith(term)))


class TopicPhrase(NamedTuple):
    key: str
    term: str  # folded
    words: tuple  # the term's folded words, each as its set of forms


def topic_phrases():
    """Every topic's name and synonyms in every language, as word forms: a visitor may name
    a topic in another language ("addiction" on the German site)."""
    phrases = []
    for terms in _all_topic_terms():
        for term in terms.folded_terms:
            words = tuple(forms(word) for word in words_of(term))
            if words:
                phrases.append(TopicPhrase(terms.key, term, words))
    return phrases


def _all_topic_terms():
    return [terms for of_locale in _topics_by_locale().values() for terms in of_locale]


class NamedTopics(NamedTuple):
    keys: tuple  # the topics named, by key
    rest: list  # the query's other words, as typed
    named: set  # positions of the words naming topics


def topics_named(words):
    """The topics the words name, by name, synonym or inflected form (longest phrase first),
    else as part of a compound word; and the words left over."""
    folded = [forms(fold(word)) for word in words]
    phrases = sorted(topic_phrases(), key=lambda phrase: -len(phrase.words))
    keys, named = [], set()
    for phrase in phrases:
        length = len(phrase.words)
        for start in range(len(words) - length + 1):
            span = range(start, start + length)
            if named.isdisjoint(span) and all(
                    folded[position] & phrase.words[offset]
                    for offset, position in enumerate(span)):
                named.update(span)
                keys.append(phrase.key)
    for position, word in enumerate(words):
        if position in named:
            continue
        folded_word = fold(word)
        for phrase in phrases:
            if len(phrase.words) == 1 and _is_compound_of(folded_word, phrase.term):
                named.add(position)
                keys.append(phrase.key)
    rest = [word for position, word in enumerate(words) if position not in named]
    return NamedTopics(tuple(dict.fromkeys(keys)), rest, named)


def forget_vocabulary(**kwargs):
    cache.delete_many([VOCABULARY_CACHE_KEY, TOPICS_CACHE_KEY])


def correct(word, known):
    folded = fold(word)
    if folded in known:
        return known[folded]  # "zurich" -> "Zürich": the backend may not fold accents
    if len(folded) < MIN_WORD_LENGTH_TO_CORRECT or folded.isdigit():
        return word
    matches = difflib.get_close_matches(folded, known.keys(), n=1, cutoff=0.8)
    return known[matches[0]] if matches else word


@dataclass
class UnderstoodQuery:
    text: str
    corrected: str = ""
    synonyms: list = field(default_factory=list)  # (topic name, synonym used in the query)

    @property
    def best_text(self):
        return self.corrected or self.text

    def alternatives(self):
        """The query with each synonym replaced by its topic's name."""
        texts = []
        for topic_name, synonym in self.synonyms:
            words = words_of(self.best_text)
            synonym_words = {fold(word) for word in words_of(synonym)}
            rest = [word for word in words if fold(word) not in synonym_words]
            texts.append(" ".join([topic_name, *rest]))
        return texts

    @property
    def topics(self):
        """Keys of the topics the query names (topics_named): a filter on them finds offers
        whose text never uses the word."""
        return topics_named(words_of(self.best_text)).keys

    @property
    def rest(self):
        """The query's words that name no topic."""
        return " ".join(topics_named(words_of(self.best_text)).rest)

    @property
    def was_corrected(self):
        return bool(self.corrected) and fold(self.corrected) != fold(self.text)


def topic_names_for_synonyms(words, locale):
    """Topics (in the visitor's language) named by a synonym in the query, with the words
    that named them: [("Sucht", "Abhängigkeit"), ...]."""
    folded_text = f" {' '.join(fold(word) for word in words)} "
    found = []
    for topic in topic_terms(locale):
        for synonym, folded in zip(topic.synonyms, topic.folded_synonyms, strict=True):
            if folded and f" {folded} " in folded_text and topic.folded_terms[0] not in folded_text:
                found.append((topic.name, synonym))
                break
    return found


def understand(text, locale):
    """The query corrected (but never a word naming a topic: "Süchte" is no typo), the
    topics it names and its other words."""
    known = vocabulary()
    words = words_of(text)
    as_typed = topics_named(words)
    corrected_words = [word if position in as_typed.named else correct(word, known)
                       for position, word in enumerate(words)]
    corrected = " ".join(corrected_words)
    return UnderstoodQuery(
        text=text,
        corrected=corrected if corrected_words != words else "",
        synonyms=topic_names_for_synonyms(corrected_words, locale),
    )
