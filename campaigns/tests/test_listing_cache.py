"""The library remembers its counts and result pages (campaigns/listing_cache.py); what it
shows must still follow every change at once."""

import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from .factories import CampaignPageFactory, MaterialPageFactory

pytestmark = pytest.mark.django_db


def listing(client, library, **params):
    page = BeautifulSoup(client.get(library["library"].url, params).content, "html.parser")
    return {
        "count": int(page.find(id="results-heading").get_text().split()[0]),
        "titles": [title.get_text(strip=True) for title in page.select(".material-card__title")],
        "campaigns": {option["value"]: option.get_text() for option in
                      page.select("#id_campaign option") if option["value"]},
    }


def test_a_published_material_is_listed_at_once_and_gone_once_unpublished(client, library):
    MaterialPageFactory(parent=library["campaign"], title="Radiospot")
    assert listing(client, library)["titles"] == ["Radiospot"]

    flyer = MaterialPageFactory(parent=library["campaign"], title="Flyer", live=False)
    assert listing(client, library)["count"] == 1
    flyer.save_revision().publish()
    assert sorted(listing(client, library)["titles"]) == ["Flyer", "Radiospot"]

    flyer.refresh_from_db()
    flyer.unpublish()
    assert listing(client, library)["titles"] == ["Radiospot"]


def test_moving_and_deleting_a_material_updates_the_campaign_counts(client, library):
    spot = MaterialPageFactory(parent=library["campaign"], title="Radiospot")
    MaterialPageFactory(parent=library["campaign"], title="Plakat")
    congress = CampaignPageFactory(parent=library["library"], title="Kongress")
    assert listing(client, library, campaign=congress.slug)["count"] == 0

    spot.move(congress, pos="last-child")
    assert listing(client, library, campaign=congress.slug)["titles"] == ["Radiospot"]
    assert listing(client, library)["campaigns"][congress.slug].endswith("(1)")

    congress.delete()
    assert listing(client, library) == {"count": 1, "titles": ["Plakat"], "campaigns": {
        library["campaign"].slug: f"{library['campaign'].title} (1)"}}


def test_a_material_leaves_the_listing_the_day_after_its_expiry_without_any_edit(
        client, library):
    today = timezone.localdate()
    MaterialPageFactory(parent=library["campaign"], title="Letzter Tag", expires_on=today)
    assert listing(client, library)["titles"] == ["Letzter Tag"]

    with mock.patch("django.utils.timezone.localdate",
                    return_value=today + datetime.timedelta(days=1)):
        assert listing(client, library)["count"] == 0
