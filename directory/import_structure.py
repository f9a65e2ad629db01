"""The pages an import needs around the offers, created when a site has none: a home page
(Wagtail's initial migration leaves only its welcome page), the directory page, their
translations into every site language, and a holding page for offers that name neither a
regional centre nor an organisation.

Translations go through wagtail-localize (`home.translation.translate`), so editors see them
as ordinary translations.
"""

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext, override
from django.utils.translation import gettext_noop as N_
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from home.translation import ensure_locales, translate

from . import demo_data
from .models import DirectoryIndexPage, OrganisationPage

HOME_TITLE = N_("Self-help")
HOLDING_TITLE = N_("Offers without a regional centre")
HOLDING_DESCRIPTION = N_(
    "Imported offers that named no regional centre. Editors move them below their centre."
)
HOLDING_EXTERNAL_ID = "entraide-import:without-centre"


def in_language(text, language_code):
    with override(language_code):
        return gettext(text)


def site_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def default_site():
    return Site.objects.filter(is_default_site=True).first()


def home_page():
    """The site's home page in the default language; a minimal one replaces Wagtail's
    welcome page (or stands in for a missing site)."""
    default = Locale.get_default()
    site = default_site()
    root = site.root_page.specific if site else None
    if root is not None and root.specific_class is not Page:
        return root.get_translation_or_none(default) or root
    home = HomePage.objects.filter(locale=default, depth=2).first()
    if home is None:
        title = in_language(HOME_TITLE, default.language_code)
        home = Page.get_first_root_node().add_child(instance=HomePage(
            title=title, slug=slugify(title), hero_title=title, locale=default))
        home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        welcome = site.root_page
        site.root_page = home
        site.save()
        if welcome.specific_class is Page and welcome.pk != home.pk and not welcome.get_children():
            welcome.delete()  # "Welcome to your new Wagtail site!"
    return home


def directory_page():
    """The directory page in the default language, below the home page."""
    home = home_page()
    index = DirectoryIndexPage.objects.descendant_of(home).filter(locale=home.locale).first()
    if index is None:
        texts = demo_data.DIRECTORY_INDEX.get(home.locale.language_code,
                                              demo_data.DIRECTORY_INDEX["de"])
        index = home.add_child(instance=DirectoryIndexPage(**texts))
        index.save_revision().publish()
    return index


def translated(page, locale, strings=None):
    """`page` in `locale`, translated (with its missing ancestors) when it is not yet."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    parent = page.get_parent().specific
    if parent.depth > 1 and parent.get_translation_or_none(locale) is None:
        translated(parent, locale)
    return translate(page, locale, strings or {}).specific


def directory_pages(languages):
    """language code -> the directory page in that language (with its home page), created
    or translated where missing."""
    locales = ensure_locales(languages)
    index = directory_page()
    source = index.locale.language_code
    pages = {}
    for code, locale in locales.items():
        if code == source:
            pages[code] = index
            continue
        texts = demo_data.DIRECTORY_INDEX.get(code, {})
        strings = {demo_data.DIRECTORY_INDEX[source][key]: value
                   for key, value in texts.items() if source in demo_data.DIRECTORY_INDEX}
        home = index.get_parent().specific
        title = in_language(HOME_TITLE, code)
        translated(home, locale, {home.title: title, home.hero_title: title,
                                  home.slug: slugify(title)})
        pages[code] = translated(index, locale, strings)
    return pages


def holding_page(index):
    """The page offers without centre or organisation are filed under, in `index`'s
    language (a published organisation page, so that they are shown)."""
    page = OrganisationPage.objects.child_of(index).filter(
        external_id=HOLDING_EXTERNAL_ID).first()
    if page is None:
        code = index.locale.language_code
        title = in_language(HOLDING_TITLE, code)
        page = index.add_child(instance=OrganisationPage(
            title=title, slug=slugify(title), kind=OrganisationPage.Kind.ASSOCIATION,
            description=in_language(HOLDING_DESCRIPTION, code),
            external_id=HOLDING_EXTERNAL_ID))
        page.save_revision().publish()
    return page
