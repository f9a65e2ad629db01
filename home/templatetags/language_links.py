"""The language switcher and hreflang links: each language points at the translation of
the page being shown, falling back to that language's home page."""

from django import template
from django.conf import settings
from django.urls import translate_url
from wagtail.models import Locale, Page

register = template.Library()


def _home_url(language_code):
    root = (
        Page.objects.filter(depth=2, locale__language_code=language_code).live().first()
    )
    return root.url if root else f"/{language_code}/"


def _page_urls(page):
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {translation.locale.language_code: translation.url for translation in translations}


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context.get("request")
    page = context.get("page")
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    known = set(Locale.objects.values_list("language_code", flat=True))
    page_urls = _page_urls(page) if isinstance(page, Page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        if code not in known:
            continue
        if page_urls:
            url = page_urls.get(code) or _home_url(code)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = _home_url(code)
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return links
