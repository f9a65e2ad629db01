"""Crisis help: the helplines a visitor in crisis sees, and when they see them.

The two read functions below are the only way other apps ask; both read the editors' current
snippets from the database (nothing is cached between requests), so a word or number an
editor adds counts at once. Every channel (site search, directory, topic and offer pages,
widgets) calls them, so the rule lives here once.
"""

from django.conf import settings
from django.utils.translation import get_language


def _language_code(locale):
    """A Locale, a language code, or None for the active language."""
    code = getattr(locale, "language_code", locale) or get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0]


def helplines(locale=None):
    """The helplines in the locale's language, in the editors' order. A language with none
    yet gets the default language's (`.language` says which): a number in another language
    helps more than no number."""
    from .models import CrisisHelpline

    for code in dict.fromkeys([_language_code(locale), settings.LANGUAGE_CODE]):
        found = list(CrisisHelpline.objects.filter(locale__language_code=code))
        if found:
            for helpline in found:
                helpline.language = code
            return found
    return []


def help_for(text, locale=None):
    """The helplines (as in `helplines`) when the text calls for crisis help, else None.

    The text is compared with the crisis words of every language, not only the locale's: a
    visitor on the German site may well search "suicide". See `matching` for how."""
    from .matching import mentions_any, split_words
    from .models import CrisisTerm

    if not text or not text.strip():
        return None
    words = [word for words in CrisisTerm.objects.values_list("words", flat=True)
             for word in split_words(words)]
    if not mentions_any(text, words):
        return None
    return helplines(locale) or None
