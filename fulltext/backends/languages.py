"""Which language an indexed object belongs to, and German compound parts."""

from functools import lru_cache

from django.conf import settings

from ..understanding import fold, words_of


def languages_by_locale_id():
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))


def language_of(obj, languages=None):
    """The language code of a translatable object's locale; None for other objects."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return None
    if languages is not None and locale_id in languages:
        return languages[locale_id]
    return obj.locale.language_code


def with_compound_parts(text, language):
    """The text followed by the known parts of its compound words, as Elasticsearch's
    dictionary_decompounder finds them: "Brustkrebs" -> "Brustkrebs brust krebs"."""
    parts_known = settings.SEARCH_COMPOUND_PARTS.get(language)
    if not parts_known or not text:
        return text
    found = _compound_parts_finder(tuple(parts_known))(text)
    return f"{text} {' '.join(found)}" if found else text


@lru_cache(maxsize=8)
def _compound_parts_finder(parts_known):
    """text -> the known parts of its words, remembered (for words and for short texts): the
    same topics and words recur in every offer, and testing each word against every known
    part is what indexing spent its time on."""
    candidates = [part for part in parts_known if len(part) >= 4]

    @lru_cache(maxsize=100_000)
    def parts_of_word(word):
        if len(word) < 5:
            return ()
        return tuple(part for part in candidates if part != word and part in word)

    def parts_of_text(text):
        return tuple(part for word in words_of(fold(text)) for part in parts_of_word(word))

    remembered = lru_cache(maxsize=10_000)(parts_of_text)
    return lambda text: remembered(text) if len(text) <= 200 else parts_of_text(text)
