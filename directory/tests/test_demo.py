"""The demo directory that `make run` shows newcomers, read from the demo the whole test run
shares (tests/demo_site.py: `load_demo` once, in a database of its own); loading it a second
time here checks that it is idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from directory.demo import DEMO_EDITOR_PASSWORD
from directory.models import (
    Canton,
    DirectoryIndexPage,
    OnlineOfferPage,
    OrganisationPage,
    RegionalCentrePage,
    SelfHelpGroupPage,
    Topic,
)
from directory.tests.test_permissions import is_permission_denied


def _counts():
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "topics": Topic.objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
    }


@pytest.fixture(scope="module")
def loaded_twice(demo_database, django_db_blocker):
    """The shared demo's counts, and the counts after `load_demo` ran on it once more."""
    with django_db_blocker.unblock(), demo_database.active():
        first = _counts()
        call_command("load_demo", stdout=io.StringIO())
        return {"first": first, "second": _counts()}


@pytest.fixture
def demo_db(demo_site, loaded_twice):
    return loaded_twice


def test_loading_the_demo_twice_creates_nothing_new(demo_db):
    assert demo_db["second"] == demo_db["first"]


def test_centres_serve_all_26_cantons(demo_db):
    served = Canton.objects.filter(centres__locale__language_code="de").distinct()
    assert served.count() == Canton.objects.count() == 26


def test_demo_has_enough_groups_offers_and_topics(demo_db):
    german = {"locale__language_code": "de"}
    assert SelfHelpGroupPage.objects.live().filter(**german).count() >= 250
    assert OnlineOfferPage.objects.live().filter(**german).count() >= 35
    assert Topic.objects.filter(**german).count() >= 35
    assert Topic.objects.filter(**german, parent__isnull=False).exists()


def test_every_group_has_a_centre_and_topics(demo_db):
    groups = SelfHelpGroupPage.objects.filter(locale__language_code="de")
    assert not groups.filter(centre__isnull=True).exists()
    assert not groups.filter(topics__isnull=True).exists()


def test_groups_speak_the_language_of_their_region(demo_db):
    geneva = SelfHelpGroupPage.objects.filter(canton__code="GE", locale__language_code="de")
    ticino = SelfHelpGroupPage.objects.filter(canton__code="TI", locale__language_code="de")
    assert geneva.exists() and ticino.exists()
    assert all(group.languages.filter(code="fr").exists() for group in geneva)
    assert all(group.languages.filter(code="it").exists() for group in ticino)


def test_every_page_is_translated_to_french_and_italian_and_live(demo_db):
    index = DirectoryIndexPage.objects.get(locale__language_code="de")
    german = Page.objects.descendant_of(index, inclusive=True)
    for language in ("fr", "it"):
        translations = Page.objects.filter(
            locale__language_code=language,
            translation_key__in=german.values("translation_key"),
        )
        assert translations.live().count() == german.count()


def test_translated_pages_have_translated_texts(demo_db, client):
    group = SelfHelpGroupPage.objects.filter(
        locale__language_code="de", title__startswith="Selbsthilfegruppe Depression"
    ).first()
    french = group.get_translation(Locale.objects.get(language_code="fr"))
    italian = group.get_translation(Locale.objects.get(language_code="it"))
    assert french.title.startswith("Groupe d'entraide Dépression")
    assert italian.title.startswith("Gruppo di auto-aiuto Depressione")
    assert "du mois" in french.schedule or french.schedule.startswith("tous les")
    response = client.get(french.url)
    assert response.status_code == 200
    assert "Groupe d&#x27;entraide Dépression" in response.text


def test_directory_pages_have_their_language_slugs(demo_db, client):
    for language, slug in (("de", "selbsthilfe"), ("fr", "entraide"), ("it", "auto-aiuto")):
        index = DirectoryIndexPage.objects.get(locale__language_code=language)
        assert index.slug == slug
        assert client.get(f"/{language}/{slug}/").status_code == 200


def test_topics_keep_synonyms_per_language(demo_db):
    assert "Abhängigkeit" in Topic.objects.get(slug="sucht", locale__language_code="de").synonyms
    assert "tumeur" in Topic.objects.get(slug="krebs", locale__language_code="fr").synonyms
    alcohol = Topic.objects.get(slug="alkohol", locale__language_code="it")
    assert alcohol.parent.name == "Dipendenza"


def test_every_centre_has_an_editor_group_and_a_demo_editor_in_its_language(demo_db):
    centres = RegionalCentrePage.objects.filter(locale__language_code="de")
    assert centres.count() == 21
    for centre in centres:
        editor = get_user_model().objects.get(username=f"editor-{centre.slug}")
        assert list(editor.groups.values_list("name", flat=True)) == [f"Editors: {centre.title}"]
        assert editor.check_password(DEMO_EDITOR_PASSWORD)
    geneva = get_user_model().objects.get(username="editor-info-entraide-geneve")
    assert geneva.wagtail_userprofile.preferred_language == "fr"
    ticino = get_user_model().objects.get(username="editor-auto-aiuto-ticino")
    assert ticino.wagtail_userprofile.preferred_language == "it"
    league = OrganisationPage.objects.get(locale__language_code="de", slug="lungenliga")
    assert get_user_model().objects.get(username="editor-lungenliga").groups.get().name == (
        f"Editors: {league.title}")


def test_a_demo_centre_editor_edits_her_centres_offers_but_not_another_centres(demo_db,
                                                                             client):
    bern = RegionalCentrePage.objects.get(locale__language_code="de", slug="selbsthilfe-bern")
    zurich = RegionalCentrePage.objects.get(locale__language_code="de",
                                            slug="selbsthilfe-zurich")
    own = SelfHelpGroupPage.objects.child_of(bern).first()
    own_french = own.get_translation(Locale.objects.get(language_code="fr"))
    others = SelfHelpGroupPage.objects.child_of(zurich).first()
    client.force_login(get_user_model().objects.get(username="editor-selbsthilfe-bern"))

    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{own_french.pk}/edit/").status_code == 200
    assert is_permission_denied(client, f"/admin/pages/{others.pk}/edit/")


def test_make_run_prints_a_centre_editors_login(demo_db, capsys, settings, tmp_path):
    settings.BASE_DIR = tmp_path
    call_command("ensure_admin")
    get_user_model().objects.filter(username="admin").delete()  # the demo is shared
    assert (f"Centre editor login: editor-selbsthilfe-bern / {DEMO_EDITOR_PASSWORD} "
            "(Selbsthilfe Bern)") in capsys.readouterr().out


def _source_language(page):
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(object_id=page.translation_key).first()
    return source.locale.language_code if source else None


def _title_openings(code):
    from directory.demo_data import GROUP_TITLES

    return tuple(titles[code].split(" {")[0] for titles in GROUP_TITLES.values())


@pytest.mark.parametrize(("canton", "language"), [("TI", "it"), ("GE", "fr")])
def test_groups_of_ticino_and_romandie_are_written_in_their_language_and_translated(
        demo_db, canton, language):
    originals = SelfHelpGroupPage.objects.filter(canton__code=canton,
                                                 locale__language_code=language)
    assert originals.exists()
    for original in originals:
        assert _source_language(original) == language
        for code in ("de", "fr", "it"):
            translation = original.get_translation(Locale.objects.get(language_code=code))
            assert translation.live
            assert translation.title.startswith(_title_openings(code)), (code, translation.title)


def test_translated_pages_answer_at_addresses_from_their_own_title(demo_db, client):
    from django.utils.text import slugify

    sources = {}
    for page in Page.objects.filter(depth__gt=1).select_related("locale"):
        sources.setdefault(page.translation_key, []).append(page)
    german_slugs = []
    for pages in sources.values():
        source_language = _source_language(pages[0]) if len(pages) > 1 else None
        source = next((p for p in pages if p.locale.language_code == source_language), None)
        for page in pages:
            if source and page is not source and page.title != source.title \
                    and slugify(page.title) != source.slug and page.slug == source.slug:
                german_slugs.append((page.locale.language_code, page.url_path))
    assert german_slugs == []

    lugano = SelfHelpGroupPage.objects.filter(canton__code="TI", locale__language_code="it",
                                              title__contains="Lugano").first()
    german = lugano.get_translation(Locale.objects.get(language_code="de"))
    assert german.slug == slugify(german.title) or german.slug.startswith(slugify(german.title))
    assert client.get(lugano.url).status_code == 200
    assert client.get(german.url).status_code == 200
