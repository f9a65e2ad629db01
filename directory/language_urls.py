"""Where the language switcher leads from the directory's pages that are not Wagtail pages of
their own (a topic, the contact form): to the same topic or form in the other language.
Views put the result in their context as `translation_urls` (home/templatetags/language_links)."""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from .visibility import public_pages


def topic_translation_urls(index_page, topic):
    """{language code: URL of the topic's page below that language's directory}."""
    topics = {t.locale_id: t for t in topic.get_translations(inclusive=True)}
    urls = {}
    for index in index_page.get_translations(inclusive=True).live().select_related("locale"):
        translated = topics.get(index.locale_id)
        if translated is not None:
            urls[index.locale.language_code] = index.specific.topic_url(translated)
    return urls


def contact_translation_urls(page, url_name="directory:contact"):
    """{language code: URL of the contact form of the page's translation in that language}."""
    urls = {}
    translations = public_pages(Page.objects.filter(translation_key=page.translation_key))
    for translated in translations.select_related("locale"):
        code = translated.locale.language_code
        with translation.override(code):
            urls[code] = reverse(url_name, args=[translated.pk])
    return urls
