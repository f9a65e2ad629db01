"""Translate pages the way wagtail-localize does in the admin, for demo content and imports:
store the translated strings in its translation memory, then let it build the translation,
so editors later see these pages as ordinary wagtail-localize translations."""

from django.utils.text import slugify
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def ensure_locales(language_codes):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in language_codes}


def with_own_slug(instance, strings):
    """`strings` with a slug for the translation of a page made from its translated title.
    wagtail-localize offers the slug as a text of its own and, left untranslated, keeps the
    source page's slug: a French page would answer at a German address."""
    if not isinstance(instance, Page) or instance.slug in strings:
        return strings
    title = strings.get(instance.title)
    if not title or not slugify(title):
        return strings
    return {**strings, instance.slug: slugify(title)}


def translate(instance, locale, strings):
    """Create or update the translation of `instance` into `locale`.

    `strings` maps each source text to its translation; texts it does not know stay in the
    source language (wagtail-localize's fallback) until an editor translates them.
    """
    strings = with_own_slug(instance, strings)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        translated = strings.get(segment.string.data)
        if translated is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": translated},
        )
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    # wagtail-localize would publish on transaction commit; publishing here instead keeps a
    # run of several translations in one transaction consistent (tree counts, tests).
    # Snippets without drafts (topics, helplines, the menu, the footer) can only be saved as
    # published.
    translation.save_target(publish=not isinstance(instance, DraftStateMixin))
    target = instance.get_translation(locale)
    if hasattr(target, "get_latest_revision"):
        target.get_latest_revision().publish()
        target.refresh_from_db()
    return target
