"""Which language an indexed object belongs to, and German compound parts."""

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
    found = []
    for word in words_of(fold(text)):
        if len(word) < 5:
            continue
        found.extend(part for part in parts_known
                     if len(part) >= 4 and part != word and part in word)
    return f"{text} {' '.join(found)}" if found else text
