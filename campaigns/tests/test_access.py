"""Partner-only material: files in a collection shared with one partner's group."""

import os

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from .factories import (
    MaterialPageFactory,
    collection,
    document,
    image_file,
    make_library,
    zip_names,
)
from .states import PARTNER_STATES, STATES, material_in_state, partner_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_material(library):
    lungenliga = Group.objects.create(name="Partner Lungenliga")
    private = collection("Lungenliga intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set([lungenliga])
    material = MaterialPageFactory(parent=library["campaign"], title="Internes Plakat",
                                   material_type="visual",
                                   image=image_file("intern.png", in_collection=private))
    return {"material": material, "group": lungenliga}


def user_of(group, name):
    user = User.objects.create_user(name, password="x")
    if group:
        user.groups.add(group)
    return user


@pytest.mark.parametrize("suffix", ["", "download/image/", "rendition/web/png/"])
def test_anonymous_visitor_is_sent_to_the_login_page(client, partner_material, suffix):
    response = client.get(partner_material["material"].url + suffix)

    assert response.status_code == 302
    assert "login" in response["Location"] and "next=" in response["Location"]


@pytest.mark.parametrize("suffix", ["", "download/image/"])
def test_user_of_another_partner_gets_403(client, partner_material, suffix):
    client.force_login(user_of(Group.objects.create(name="Partner Krebsliga"), "krebsliga"))

    assert client.get(partner_material["material"].url + suffix).status_code == 403


@pytest.mark.parametrize("suffix", ["", "download/image/"])
def test_own_partner_gets_the_material(client, partner_material, suffix):
    client.force_login(user_of(partner_material["group"], "lungenliga"))

    response = client.get(partner_material["material"].url + suffix)

    assert response.status_code == 200
    if suffix:
        assert response["Cache-Control"] == "private, no-store"


def test_partner_material_is_listed_only_for_the_partner(client, library, partner_material):
    listing = library["library"].url
    assert "Internes Plakat" not in client.get(listing).content.decode()

    client.force_login(user_of(partner_material["group"], "lungenliga"))

    assert "Internes Plakat" in client.get(listing).content.decode()


def test_partner_campaign_with_page_privacy(client, library):
    from wagtail.models import PageViewRestriction

    from .factories import CampaignPageFactory

    group = Group.objects.create(name="Partner Pro Infirmis")
    campaign = CampaignPageFactory(parent=library["library"], title="Aktionswoche intern")
    restriction = PageViewRestriction.objects.create(
        page=campaign, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([group])
    material = MaterialPageFactory(parent=campaign, title="Medienmitteilung Entwurf")

    assert "login" in client.get(material.url)["Location"]
    client.force_login(user_of(Group.objects.create(name="Partner Krebsliga"), "krebsliga"))
    assert client.get(material.url).status_code == 403
    assert client.get(campaign.url + "zip/").status_code == 403
    client.force_login(user_of(group, "proinfirmis"))
    assert client.get(material.url).status_code == 200
    assert "Medienmitteilung Entwurf" in client.get(library["library"].url).content.decode()


def test_keyword_search_keeps_partner_material_for_the_partner(client, library,
                                                               partner_material):
    MaterialPageFactory(parent=library["campaign"], title="Öffentliches Plakat")
    listing = library["library"].url

    anonymous = client.get(listing, {"q": "Plakat"}).content.decode()
    assert "Öffentliches Plakat" in anonymous and "Internes Plakat" not in anonymous

    client.force_login(user_of(partner_material["group"], "lungenliga"))
    assert "Internes Plakat" in client.get(listing, {"q": "Plakat"}).content.decode()


def test_campaign_zip_leaves_out_partner_files_for_others(client, library, partner_material):
    MaterialPageFactory(parent=library["campaign"], slug="oeffentlich")
    zip_url = library["campaign"].url + "zip/"

    assert zip_names(client.get(zip_url)) == {"text/oeffentlich.txt"}
    client.force_login(user_of(partner_material["group"], "lungenliga"))
    assert f"visual/{partner_material['material'].slug}.png" in zip_names(client.get(zip_url))


def _request_of(user):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/de/material/")
    request.user, request.session = user or AnonymousUser(), {}
    return request


def _served(request, material):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from campaigns.access import refusal

    try:
        return refusal(request, material) is None
    except (Http404, PermissionDenied):
        return False


@pytest.mark.parametrize("who", ["anonymous", "other partner", "partner"])
@pytest.mark.parametrize("state", STATES)
def test_the_rule_in_sql_and_the_rule_for_one_material_agree(library, state, who):
    """For every state and file slot: a listing (Visibility.apply) shows the material exactly
    when its page and files are served (refusal), and only when the state allows it."""
    from campaigns.access import Visibility
    from campaigns.models import MaterialPage

    material = material_in_state(library["campaign"], state, "Geprüft", "geprueft")
    user = {"anonymous": None, "other partner": user_of(Group.objects.create(name="Krebsliga"),
                                                        "krebsliga"),
            "partner": partner_member()}[who]
    request = _request_of(user)

    listed = Visibility(request).apply(MaterialPage.objects.all()).filter(pk=material.pk).exists()

    expected = state == "public" or (who == "partner" and state in PARTNER_STATES)
    assert (listed, _served(request, material)) == (expected, expected)


class StorageWithoutLocalPaths(FileSystemStorage):
    """Files with URLs but no path on this machine, as in an object store."""

    def path(self, name):
        raise NotImplementedError("no local path, as in an object store")

    def _open(self, name, mode="rb"):
        return File(open(FileSystemStorage.path(self, name), mode))  # noqa: SIM115

    def size(self, name):
        return os.path.getsize(FileSystemStorage.path(self, name))


def test_a_document_is_given_by_wagtail_never_by_a_redirect_to_its_storage(client, settings):
    """A redirect would hand out the file's storage URL, which no privacy or expiry protects
    and which stays valid after the material expires."""
    pdf = document("flyer.pdf", b"%PDF-1.4\n%flyer\n")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": f"{__name__}.StorageWithoutLocalPaths"}}

    response = client.get(pdf.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n%flyer\n"


def test_every_file_offered_for_download_is_in_a_slot_the_rule_checks(library):
    """material_files() (downloads, play, ZIPs) offers no file that FILE_SLOTS, and so the
    visibility rule, does not know about."""
    from campaigns.files import owned_files

    from .states import film_with_every_file

    material = film_with_every_file(library["campaign"], "Kurzfilm", "kurzfilm")

    offered = {file.file.name for file in material.files()}
    assert len(offered) == 6
    assert offered == {owned.file.name for owned in owned_files(material)}


@pytest.mark.parametrize(("language", "heading", "reason"), [
    ("de", "Kein Zugang", "gehört einer anderen Partnerorganisation"),
    ("fr", "Accès refusé", "appartient à une autre organisation partenaire"),
    ("it", "Accesso negato", "appartiene a un'altra organizzazione partner"),
])
def test_user_of_another_partner_is_told_in_the_sites_layout_and_language(
        client, settings, locales, language, heading, reason):
    settings.DEBUG = False  # production: Django's handler403 answers
    library = make_library(locales[language])
    material = MaterialPageFactory(parent=library["campaign"], title="Affiche interne")
    PageViewRestriction.objects.create(
        page=material, restriction_type=PageViewRestriction.GROUPS,
    ).groups.set([Group.objects.create(name="Partner Lungenliga")])
    client.force_login(user_of(Group.objects.create(name="Partner Krebsliga"), "krebsliga"))

    response = client.get(material.url)

    assert response.status_code == 403
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("html")["lang"] == language
    assert page.select_one("header.site-header .language-switcher")
    assert page.select_one("footer.site-footer")
    assert page.select_one("form[role=search]")
    assert page.h1.get_text() == heading
    assert reason in page.get_text()
    links = {a["href"] for a in page.select("main a")}
    assert library["library"].url in links and f"/{language}/" in links
