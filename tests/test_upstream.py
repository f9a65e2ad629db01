"""Each workaround in `entraide.upstream` stands as long as the upstream defect does. The
`test_upstream_still_...` tests assert the defect itself, without our workaround: when one
fails after an upgrade, upstream has fixed it, and the workaround (with its test) can go."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from wagtail import hooks
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale

from directory.permissions import setup_editor_group
from directory.sitemaps import AllLocalesSitemap
from directory.tests.factories import (
    OrganisationPageFactory,
    SelfHelpGroupPageFactory,
    make_directory,
)
from home.translation import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def leagues(locales):
    tree = make_directory()
    tree["other_league"] = OrganisationPageFactory(parent=tree["index"],
                                                   title="Krebsliga Entwurfstitel")
    tree["own_offer"] = SelfHelpGroupPageFactory(parent=tree["league"], title="Atemgruppe",
                                                 centre=tree["centre"])
    editor = get_user_model().objects.create_user("editor", "editor@example.ch", "pw")
    editor.groups.add(setup_editor_group(tree["league"]))
    tree["editor"] = editor
    return tree


def move_confirmation(client, tree):
    client.force_login(tree["editor"])
    return client.get(reverse("wagtailadmin_pages:move_confirm",
                              args=[tree["own_offer"].pk, tree["other_league"].pk]))


def test_upstream_still_shows_the_move_confirmation_of_a_move_it_refuses(
        client, leagues, monkeypatch):
    monkeypatch.setitem(hooks._hooks, "before_move_page", [])  # without our workaround

    response = move_confirmation(client, leagues)

    assert response.status_code == 200
    assert "Krebsliga Entwurfstitel" in response.text


def test_an_editor_does_not_see_the_confirmation_of_a_move_they_may_not_make(client, leagues):
    response = move_confirmation(client, leagues)

    assert response.status_code == 302
    assert "Krebsliga Entwurfstitel" not in client.get(response["Location"]).text


def french_home(tree):
    return translate(tree["home"], Locale.objects.get(language_code="fr"), {})


def sitemap_pages(sitemap_class):
    sitemap = sitemap_class(RequestFactory().get("/sitemap.xml"))
    return set(sitemap.items())


def test_upstream_sitemap_still_lists_only_the_default_languages_tree(leagues):
    french = french_home(leagues)

    pages = sitemap_pages(Sitemap)

    assert leagues["home"].specific in pages
    assert french.specific not in pages


def test_the_sitemap_lists_every_languages_tree(leagues):
    french = french_home(leagues)

    assert french.specific in sitemap_pages(AllLocalesSitemap)


def test_upstream_still_says_no_permission_outside_the_editors_language(client, locales,
                                                                        settings):
    from bs4 import BeautifulSoup

    from directory.tests.factories import RegionalCentrePageFactory
    from directory.tests.test_admin_language import NO_ACCESS, speaking

    settings.MIDDLEWARE = [middleware for middleware in settings.MIDDLEWARE
                           if middleware != "entraide.upstream.AdminInTheEditorsLanguageMiddleware"]
    tree = make_directory()
    other = RegionalCentrePageFactory(parent=tree["index"], title="Selbsthilfe ZH")
    editor = get_user_model().objects.create_user("bern-editor", "e@example.ch", "pw")
    editor.groups.add(setup_editor_group(tree["centre"]))
    client.force_login(speaking(editor, "fr"))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]), follow=True,
                          headers={"Accept-Language": "de"})

    shown = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert NO_ACCESS["de"] in shown  # the page itself is French; the message is not
