import pytest
from django.core.management import call_command
from wagtail.models import Page

from campaigns.models import CampaignPage, MaterialPage

pytestmark = pytest.mark.django_db


def test_demo_makes_three_campaigns_in_three_languages_once(settings, client):
    settings.DEMO_LOADERS = ["home.demo.load", "campaigns.demo.load"]
    call_command("load_demo", stdout=None)
    pages = Page.objects.count()

    call_command("load_demo", stdout=None)

    assert Page.objects.count() == pages
    assert CampaignPage.objects.filter(locale__language_code="de").count() == 3
    for code in ("de", "fr", "it"):
        assert MaterialPage.objects.filter(locale__language_code=code).count() >= 12
    film = MaterialPage.objects.get(slug="kurzfilm-gemeinsam-staerker", locale__language_code="de")
    response = client.get(film.get_parent().url)
    assert response.status_code == 200
    assert response.content.count(b'kind="subtitles"') == 3
