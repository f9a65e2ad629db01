"""The language switcher and hreflang links: each language points at the translation of
the page being shown, falling back to that language's home page."""

from django import template
from django.conf import settings
from django.urls import translate_url
from wagtail.models import Locale, Page, Site

register = template.Library()


def _home_urls(request):
    """{language code: URL of the site's home page in that language}. The home pages are
    the translations of the site's root page: found by their translation key (indexed), not
    by depth and language, which means reading every page of a large site."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {}
    homes = site.root_page.get_translations(inclusive=True).live().select_related("locale")
    return {home.locale.language_code: home.url for home in homes}


def _page_urls(page):
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {translation.locale.language_code: translation.url for translation in translations}


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context.get("request")
    page = context.get("page")
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    known = set(Locale.objects.values_list("language_code", flat=True))
    # A view showing something other than its page (a topic below the directory page, the
    # contact form of an offer) tells where its translations are: `translation_urls`.
    explicit = context.get("translation_urls")
    if explicit is not None:
        page_urls = explicit
    else:
        page_urls = _page_urls(page) if isinstance(page, Page) else {}
    home_urls = None
    links = []
    for code, name in settings.LANGUAGES:
        if code not in known:
            continue
        if page_urls.get(code):
            url = page_urls[code]
        elif request is not None and not page_urls and explicit is None:
            url = translate_url(request.get_full_path(), code)
        else:
            if home_urls is None:
                home_urls = _home_urls(request)
            url = home_urls.get(code) or f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return links
