"""The interface speaks German, French and Italian: every catalogue entry is translated, the
committed .mo files match their .po files (so `make run` needs no gettext tools), and pages
show the visitor's language."""

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from directory.tests.factories import make_directory
from home.tests.factories import make_site
from home.translation import translate

LANGUAGES = ["de", "fr", "it"]
PLURAL_FORMS = {"de": "nplurals=2; plural=(n != 1);", "fr": "nplurals=2; plural=(n > 1);",
                "it": "nplurals=2; plural=(n != 1);"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{.*?\}\}")


def po_path(language):
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def live_entries(catalogue):
    return [entry for entry in catalogue if not entry.obsolete and entry.msgid]


def translations_of(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[key] for key in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def messages(catalogue):
    """{(context, msgid): translation(s)} of a compiled catalogue."""
    return {(entry.msgctxt, entry.msgid): tuple(translations_of(entry))
            for entry in catalogue if entry.msgid}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    catalogue = polib.pofile(str(po_path(language)))
    assert not catalogue.metadata_is_fuzzy, "remove the fuzzy flag of the header"
    assert catalogue.metadata["Language"] == language
    assert catalogue.metadata["Plural-Forms"] == PLURAL_FORMS[language]
    entries = live_entries(catalogue)
    assert entries, "the catalogue is empty: run `make messages`"
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert fuzzy == [], f"{language}: fuzzy entries, check and unflag them"
    untranslated = [entry.msgid for entry in entries if not all(translations_of(entry))]
    assert untranslated == [], f"{language}: untranslated entries"
    plurals = [entry.msgid for entry in entries if entry.msgid_plural
               and len(entry.msgstr_plural) != 2]
    assert plurals == [], f"{language}: entries without both plural forms"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    for entry in live_entries(polib.pofile(str(po_path(language)))):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in translations_of(entry):
            assert sorted(PLACEHOLDER.findall(text)) == expected, (
                f"{language}: {entry.msgid!r} -> {text!r}")


def test_all_languages_translate_the_same_messages():
    msgids = {language: {(entry.msgctxt, entry.msgid)
                         for entry in live_entries(polib.pofile(str(po_path(language))))}
              for language in LANGUAGES}
    assert msgids["fr"] == msgids["de"] and msgids["it"] == msgids["de"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_up_to_date(language):
    catalogue = polib.pofile(str(po_path(language)))
    compiled_now = polib.mofile(catalogue.to_binary())
    committed = polib.mofile(str(po_path(language).with_suffix(".mo")))
    assert messages(committed) == messages(compiled_now), (
        f"{language}: django.mo is out of date, run `make messages`")
    assert committed.metadata.get("Plural-Forms") == catalogue.metadata["Plural-Forms"]


@pytest.fixture(autouse=True)
def _restore_language():
    """Requests to /fr/ and /it/ activate that language for the thread: undo it afterwards,
    so later tests see the language they started with."""
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def homes(locales):
    home = make_site(locales["de"])
    for code in ("fr", "it"):
        translate(home, locales[code], {})
    return {code: home.get_translation(locales[code]) for code in LANGUAGES}


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


HOME_PAGE_TEXTS = {  # skip link, search button, tagline, search placeholders
    "de": ("Zum Inhalt springen", "Suchen", "Selbsthilfe Schweiz",
           {"Thema, Ort oder PLZ", "Gruppen, Themen, Orte suchen"}),
    "fr": ("Aller au contenu", "Rechercher", "Entraide Suisse",
           {"Thème, lieu ou NPA", "Rechercher des groupes, thèmes, lieux"}),
    "it": ("Vai al contenuto", "Cerca", "Auto-aiuto Svizzera",
           {"Tema, luogo o NPA", "Cerca gruppi, temi, luoghi"}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_speaks_the_visitors_language(client, homes, language):
    skip_link, search_button, tagline, placeholders = HOME_PAGE_TEXTS[language]
    soup = soup_of(client.get(f"/{language}/"))
    assert soup.select_one(".skip-link").text == skip_link
    buttons = [button.text.strip() for button in soup.select("form[role=search] button")]
    assert buttons and set(buttons) == {search_button}
    inputs = soup.select("form[role=search] input[type=search]")
    assert inputs and {field["placeholder"] for field in inputs} <= placeholders
    assert soup.select_one(".brand__tagline").text == tagline
    assert "Skip to content" not in soup.text


@pytest.mark.django_db
def test_directory_filters_are_labelled_in_french(client, locales):
    tree = make_directory()
    translate(tree["home"], locales["fr"], {})
    translate(tree["index"], locales["fr"], {"Selbsthilfe finden": "Trouver de l’entraide"})
    index = tree["index"].get_translation(locales["fr"])
    soup = soup_of(client.get(index.url))
    assert soup.select_one("label[for=id_target]").text.strip() == "Pour qui"
    formats = [option.text for option in soup.select("#id_format option")]
    assert formats[0] == "Tous les formats"
    assert any(text.startswith("se réunit en présentiel") for text in formats)
    assert any(text.startswith("en ligne") for text in formats)
    targets = [option.text for option in soup.select("#id_target option")]
    assert any(text.startswith("proches et amis") for text in targets)
    assert soup.select_one(".directory-filters button[type=submit]").text == "Afficher les offres"
    assert "meets in person" not in soup.text and "All cantons" not in soup.text
