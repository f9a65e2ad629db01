"""Nothing of a material the public may not see leaks through any public channel.

Each cell is (state of a material) x (channel): anonymous visitors get nothing of a draft,
unpublished, page-restricted, expired (rights or scheduled expiry) or partner-only material
(a file of any slot in a partner's collection): 404 or the login page, absent from listings,
searches, suggestions and the sitemap, no ZIP member. The "public" row is the control: the
same material in no such state is got through every channel, so each check can fail. A
member of the partner's group gets the partner-only and page-restricted material.

Every cell has a public sibling (a text element) beside the material, which each channel
must still show."""

import io
import re
import zipfile

import pytest
from bs4 import BeautifulSoup

from .factories import MaterialPageFactory, make_library
from .states import (
    PARTNER_STATES,
    STATES,
    material_in_state,
    partner_member,
    private_slot,
    slot_file,
    slot_key,
)

pytestmark = pytest.mark.django_db

WORD = "Kampagnenfilm"


@pytest.fixture
def world(db, request):
    tree = make_library()
    state = request.node.callspec.params["state"]
    return {
        **tree,
        "state": state,
        "sibling": MaterialPageFactory(parent=tree["campaign"], title=f"{WORD} offen",
                                       slug="offen"),
        "material": material_in_state(tree["campaign"], state, f"{WORD} geprueft", "geprueft"),
    }


def answered(response):
    """Whether the response gives the thing asked for; else it must be a clear refusal."""
    if response.status_code == 200:
        return True
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert "/login/" in response["Location"]
    return False


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _key(world, default):
    slot = private_slot(world["state"])
    return slot_key(world["material"], slot) if slot else default


def _file_given(client, world, url):
    response = client.get(url)
    if not answered(response):
        return False
    assert body(response)  # a file, not an empty answer
    return True


def page(client, world):
    return answered(client.get(world["material"].url))


def download(client, world):
    url = world["material"].url + f"download/{_key(world, 'document')}/"
    return _file_given(client, world, url)


def rendition(client, world):
    return _file_given(client, world, world["material"].url + "rendition/web/png/")


def play(client, world):
    return _file_given(client, world, world["material"].url + f"play/{_key(world, 'media')}/")


def _zip_members(response):
    assert response.status_code == 200, response.status_code
    return zipfile.ZipFile(io.BytesIO(body(response))).namelist()


def _in_zip(members, world):
    assert "text/offen.txt" in members, members
    return any(name.startswith("film/geprueft") for name in members)


def campaign_zip(client, world):
    return _in_zip(_zip_members(client.get(world["campaign"].url + "zip/")), world)


def selection_zip(client, world):
    chosen = [world["sibling"].pk, world["material"].pk]
    members = _zip_members(client.get(world["library"].url + "zip/", {"material": chosen}))
    return _in_zip(members, world)


def _shown(titles, world):
    assert world["sibling"].title in titles, titles
    return world["material"].title in titles


def _card_titles(response):
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".material-card__title a")]


def library_listing(client, world):
    return _shown(_card_titles(client.get(world["library"].url)), world)


def library_search(client, world):
    return _shown(_card_titles(client.get(world["library"].url, {"q": WORD})), world)


def site_search(client, world):
    return _shown(_card_titles(client.get("/de/search/", {"q": WORD})), world)


def suggestions(client, world):
    response = client.get("/de/search/suggest/", {"q": WORD[:8]})
    assert response.status_code == 200, response.status_code
    return _shown([item["label"] for item in response.json()["suggestions"]
                   if item["kind"] == "material"], world)


def sitemap(client, world):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200, response.status_code
    locations = re.findall(r"<loc>([^<]*)</loc>", response.content.decode())
    assert any(loc.endswith(world["sibling"].url) for loc in locations), locations
    return any(loc.endswith(world["material"].url) for loc in locations)


def documents_url(client, world):
    """The document's own /documents/<id>/<name> URL (Wagtail's view)."""
    slot = private_slot(world["state"])
    owned = slot_file(world["material"], slot) if slot and "document" in slot else None
    owned = owned or world["material"].document
    return _file_given(client, world, owned.url)


CHANNELS = [page, download, rendition, play, campaign_zip, selection_zip, library_listing,
            library_search, site_search, suggestions, sitemap, documents_url]
# the sitemap is for everyone: partner material is never in it, not even for the partner
PARTNER_CHANNELS = [channel for channel in CHANNELS if channel is not sitemap]


@pytest.mark.parametrize("channel", CHANNELS, ids=lambda channel: channel.__name__)
@pytest.mark.parametrize("state", STATES)
def test_anonymous_visitors_get_only_public_material(client, world, state, channel):
    assert channel(client, world) == (state == "public")


@pytest.mark.parametrize("channel", PARTNER_CHANNELS, ids=lambda channel: channel.__name__)
@pytest.mark.parametrize("state", PARTNER_STATES)
def test_partner_members_get_their_material(client, world, state, channel):
    client.force_login(partner_member())

    assert channel(client, world) is True
