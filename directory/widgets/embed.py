"""The code a partner's web team pastes: a script tag or, for strict host sites, an iframe."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.models import Locale


def frame_title(widget, language):
    """The partner's name in the visitor's language (the iframe's accessible name)."""
    if widget.organisation is None:
        return widget.name
    locale = Locale.objects.filter(language_code=language).first()
    translation = locale and widget.organisation.get_translation_or_none(locale)
    return (translation or widget.organisation).title


def embed_codes(widget, base_url, language=None):
    base_url = base_url.rstrip("/")
    language = language or widget.language
    script = format_html(
        '<div data-entraide-widget="{}" data-lang="{}"></div>\n'
        '<script src="{}{}" async></script>',
        widget.pk, language, base_url, reverse("widgets:embed_script"))
    iframe = format_html(
        '<iframe src="{}{}?lang={}" title="{}" loading="lazy" '
        'style="width:100%;height:640px;border:0"></iframe>',
        base_url, reverse("widgets:frame", args=[widget.pk]), language,
        frame_title(widget, language))
    return {"script": str(script), "iframe": str(iframe)}
