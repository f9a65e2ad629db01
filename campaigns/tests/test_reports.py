"""What editors see in the admin: expired and soon-expiring materials flagged, and download
counts per material and per campaign."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from .factories import MaterialPageFactory, zip_names

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return {row.find("a").get_text(strip=True): [cell.get_text(" ", strip=True)
                                                 for cell in row.find_all("td")]
            for row in page.select("table tbody tr")}


def test_expired_and_soon_expiring_materials_are_flagged_to_editors(client, library):
    today = timezone.localdate()
    campaign = library["campaign"]
    MaterialPageFactory(parent=campaign, title="Altes Plakat",
                        expires_on=today - datetime.timedelta(days=1))
    MaterialPageFactory(parent=campaign, title="Bald weg", expires_on=today)
    MaterialPageFactory(parent=campaign, title="Unbefristet")
    client.force_login(User.objects.create_superuser("redaktion", password="x"))
    report = reverse("campaigns_material_report")

    assert rows(client.get(report, {"rights": "expired"})).keys() == {"Altes Plakat"}
    assert rows(client.get(report, {"rights": "soon"})).keys() == {"Bald weg"}
    listed = rows(client.get(report))
    assert listed.keys() == {"Altes Plakat", "Bald weg", "Unbefristet"}
    assert campaign.title in listed["Altes Plakat"]
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"{report}?rights=expired" in dashboard and f"{report}?rights=soon" in dashboard


def test_download_counts_per_material_and_campaign(client, library):
    campaign = library["campaign"]
    slogan = MaterialPageFactory(parent=campaign, title="Slogan", slug="slogan")
    MaterialPageFactory(parent=campaign, title="Leitsatz", slug="leitsatz")
    zip_names(client.get(campaign.url + "zip/"))  # both materials once
    zip_names(client.get(library["library"].url + "zip/", {"material": [slogan.pk]}))
    client.force_login(User.objects.create_superuser("redaktion", password="x"))

    materials = rows(client.get(reverse("campaigns_material_report")))
    assert materials["Slogan"][-2:] == ["2", "2"] and materials["Leitsatz"][-2:] == ["1", "1"]
    campaigns = rows(client.get(reverse("campaigns_download_report")))
    assert campaigns[campaign.title][-3:] == ["2", "3", "3"]


def test_partner_staff_without_editing_rights_see_no_report(client, library):
    client.force_login(User.objects.create_user("partner", password="x", is_staff=False))

    assert client.get(reverse("campaigns_material_report")).status_code in (302, 403)
