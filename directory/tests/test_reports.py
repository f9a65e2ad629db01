import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageLogEntry

from directory.models import OfferPage
from directory.permissions import setup_editor_group
from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    make_directory,
)

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/entries-to-verify/"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def tree(locales):
    tree = make_directory()
    tree["stale_league_offer"] = OnlineOfferPageFactory(
        parent=tree["league"], title="Lungenforum", last_verified=days_ago(400))
    tree["fresh_league_offer"] = OnlineOfferPageFactory(
        parent=tree["league"], title="Neues Forum", last_verified=days_ago(30))
    tree["stale_centre_offer"] = SelfHelpGroupPageFactory(
        parent=tree["centre"], title="Trauergruppe", last_verified=days_ago(366))
    return tree


def editor_of(page):
    user = get_user_model().objects.create_user("editor", "editor@example.ch", "pw")
    user.groups.add(setup_editor_group(page))
    return user


def listed_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select("table tbody td.title a")]


def test_editor_sees_only_their_own_unverified_entries_with_a_link_to_edit(client, tree):
    client.force_login(editor_of(tree["league"]))

    response = client.get(REPORT)

    assert response.status_code == 200
    assert listed_titles(response) == ["Lungenforum"]
    soup = BeautifulSoup(response.content, "html.parser")
    edit = f"/admin/pages/{tree['stale_league_offer'].pk}/edit/"
    assert soup.find("a", href=edit).get_text(strip=True) == "Lungenforum"
    row = soup.find("a", href=edit).find_parent("tr").get_text(" ", strip=True)
    assert "Lungenliga" in row


def test_report_is_filterable_by_centre(admin_client, tree):
    assert listed_titles(admin_client.get(REPORT)) == ["Lungenforum", "Trauergruppe"]

    filtered = admin_client.get(REPORT, {"centre": tree["centre"].pk})

    assert listed_titles(filtered) == ["Trauergruppe"]


def test_report_is_in_the_reports_menu_for_editors_only(client, tree):
    user = editor_of(tree["league"])
    client.force_login(user)
    assert REPORT in client.get("/admin/").content.decode()

    user.groups.clear()
    user.user_permissions.add(*user.user_permissions.model.objects.filter(
        codename="access_admin"))
    assert REPORT not in client.get("/admin/").content.decode()
    assert client.get(REPORT).status_code == 302  # Wagtail's "permission denied"


def test_report_exports_csv(admin_client, tree):
    response = admin_client.get(REPORT, {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert "Lungenforum" in content and "Neues Forum" not in content


def test_mark_verified_today_takes_the_entry_off_the_report(client, tree):
    offer = tree["stale_league_offer"]
    user = editor_of(tree["league"])
    client.force_login(user)

    response = client.post(f"{REPORT}{offer.pk}/mark-verified/", {"next": REPORT})

    assert response.status_code == 302 and response["Location"] == REPORT
    assert OfferPage.objects.get(pk=offer.pk).last_verified == timezone.localdate()
    assert listed_titles(client.get(REPORT)) == []
    assert PageLogEntry.objects.filter(page=offer, action="directory.mark_verified",
                                       user=user).exists()
    # Publishing the latest revision later keeps the new date.
    OfferPage.objects.get(pk=offer.pk).get_latest_revision().publish()
    assert OfferPage.objects.get(pk=offer.pk).last_verified == timezone.localdate()


def test_mark_verified_needs_permission_on_the_entry_and_a_post(client, tree):
    offer = tree["stale_centre_offer"]
    client.force_login(editor_of(tree["league"]))

    assert client.get(f"{REPORT}{offer.pk}/mark-verified/").status_code == 405
    response = client.post(f"{REPORT}{offer.pk}/mark-verified/")

    assert response.status_code == 302 and response["Location"] == "/admin/"  # denied
    assert OfferPage.objects.get(pk=offer.pk).last_verified == days_ago(366)


def test_mark_verified_ignores_a_foreign_next_address(client, tree):
    client.force_login(editor_of(tree["league"]))
    response = client.post(f"{REPORT}{tree['stale_league_offer'].pk}/mark-verified/",
                           {"next": "https://evil.example.com/"})
    assert response["Location"] == REPORT
