"""Drafts, unpublished, scheduled and expired entries never reach the public: not by their
address, not in listings, the sitemap or the site search."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from campaigns.tests.factories import make_library
from directory.models import SelfHelpGroupPage
from directory.tests.factories import SelfHelpGroupPageFactory, locality, make_directory
from home.tests.factories import ContentPageFactory
from home.translation import translate

pytestmark = pytest.mark.django_db


def draft_group(parent, title, slug):
    """A group an editor saved as a draft and never published."""
    group = parent.add_child(instance=SelfHelpGroupPage(
        title=title, slug=slug, live=False, centre=parent, locality=locality("3011"),
        summary="Austausch unter Betroffenen."))
    group.save_revision()
    return group


@pytest.fixture
def tree(locales):
    tree = make_directory()
    centre = tree["centre"]
    tree["live"] = SelfHelpGroupPageFactory(parent=centre, title="Zwangsgedanken Bern",
                                            slug="zwang")
    tree["draft"] = draft_group(centre, "Zwangsstörung Entwurf", "entwurf")
    tree["unpublished"] = SelfHelpGroupPageFactory(parent=centre, title="Zwangshandlung alt",
                                                   slug="alt")
    tree["unpublished"].unpublish()
    return tree


def schedule(page, go_live_at=None, expire_at=None):
    """What an editor does with "Set schedule" and "Publish"."""
    page.go_live_at = go_live_at
    page.expire_at = expire_at
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def site_search(client, words="Betroffenen"):
    return client.get("/de/search/", {"q": words}).content.decode()


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return response.content.decode()


def test_sitemap_lists_live_entries_in_every_language_but_no_drafts(client, tree):
    for code in ["fr", "it"]:
        locale = Locale.objects.get(language_code=code)
        for page in [tree["home"], tree["index"], tree["centre"]]:
            translate(page, locale, {})
        translate(tree["live"], locale, {"Zwangsgedanken Bern": f"TOC Berne {code}"})

    sitemap = sitemap_locations(client)

    assert "/de/selbsthilfe/selbsthilfe-be/zwang/</loc>" in sitemap
    for code in ["fr", "it"]:  # a translation answers at a slug made from its own title
        assert f"/{code}/selbsthilfe/selbsthilfe-be/toc-berne-{code}/</loc>" in sitemap
    assert "/entwurf/" not in sitemap
    assert "/alt/" not in sitemap


def test_drafts_and_unpublished_entries_are_not_found(client, tree):
    assert client.get(tree["live"].url).status_code == 200
    for page in [tree["draft"], tree["unpublished"]]:
        assert client.get(f"/de/selbsthilfe/selbsthilfe-be/{page.slug}/").status_code == 404


def test_site_search_shows_no_drafts(client, tree):
    html = site_search(client)
    assert "Zwangsgedanken Bern" in html
    assert "Entwurf" not in html
    assert "Zwangshandlung alt" not in html


def test_directory_listing_and_centre_page_show_no_drafts(client, tree):
    for url in [tree["index"].url, tree["centre"].url]:
        html = client.get(url).content.decode()
        assert "Zwangsgedanken Bern" in html, url
        assert "Entwurf" not in html and "Zwangshandlung alt" not in html, url


def test_scheduled_entry_stays_hidden_until_its_time(client, tree):
    future = timezone.now() + datetime.timedelta(days=3)
    group = schedule(draft_group(tree["centre"], "Zwangsgruppe Herbst", "herbst"),
                     go_live_at=future)
    url = "/de/selbsthilfe/selbsthilfe-be/herbst/"

    assert not group.live
    assert client.get(url).status_code == 404
    assert "/herbst/" not in sitemap_locations(client)
    assert "Zwangsgruppe Herbst" not in site_search(client)
    assert "Zwangsgruppe Herbst" not in client.get(tree["index"].url).content.decode()

    revision = group.latest_revision  # three days later:
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save()
    call_command("publish_scheduled")
    assert client.get(url).status_code == 200


def test_expired_entry_leaves_the_sitemap_at_once_and_the_site_with_publish_scheduled(
    client, tree
):
    group = schedule(tree["live"], expire_at=timezone.now() + datetime.timedelta(days=1))
    type(group).objects.filter(pk=group.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1))

    assert "/zwang/" not in sitemap_locations(client)

    call_command("publish_scheduled")

    assert client.get("/de/selbsthilfe/selbsthilfe-be/zwang/").status_code == 404
    assert "Zwangsgedanken Bern" not in site_search(client)


def expired_page(kind):
    """A live page of each kind whose expiry has passed, before `publish_scheduled` ran."""
    if kind == "campaign":
        page = make_library()["campaign"]
    else:
        tree = make_directory()
        page = (ContentPageFactory(parent=tree["home"], title="Ueber uns", slug="ueber-uns")
                if kind == "content" else tree["centre"] if kind == "centre"
                else SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauer Bern"))
    type(page).objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1))
    page.refresh_from_db()
    assert page.live
    return page


@pytest.mark.parametrize("kind", ["content", "campaign", "centre", "group"])
def test_expired_page_answers_404_to_the_public_before_publish_scheduled(client, locales,
                                                                         kind):
    page = expired_page(kind)
    assert client.get(page.url).status_code == 404
    client.force_login(get_user_model().objects.create_user("leser", password="x"))
    assert client.get(page.url).status_code == 404  # logged in, may not edit it


def test_an_editor_still_sees_and_previews_an_expired_page(client, locales):
    page = expired_page("content")
    client.force_login(get_user_model().objects.create_superuser("redaktion", password="x"))

    assert client.get(page.url).status_code == 200
    revision = page.save_revision()
    preview = client.get(reverse("wagtailadmin_pages:revisions_view",
                                 args=[page.pk, revision.pk]))
    assert preview.status_code == 200
    assert "Ueber uns" in preview.content.decode()
