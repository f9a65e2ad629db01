"""/media/: every uploaded file is served by entraide.media, only to whom its owner allows."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from campaigns.tests.factories import (
    MaterialPageFactory,
    collection,
    document,
    image_file,
    make_library,
    png_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = ""


@pytest.fixture
def library(db):
    return make_library()


@pytest.fixture
def partner_collection():
    group = Group.objects.create(name="Partner Lungenliga")
    private = collection("Lungenliga intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set([group])
    return {"collection": private, "group": group}


def url_of(field_file):
    return field_file.url


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def member_of(group, name):
    user = User.objects.create_user(name, password="x")
    if group is not None:
        user.groups.add(group)
    return user


def test_a_public_rendition_is_served_with_a_long_cache_and_revalidation(client):
    image = image_file("hero.png")
    rendition = image.get_rendition("fill-20x10")

    response = client.get(url_of(rendition.file))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body(response).startswith(b"\x89PNG")
    assert response["Cache-Control"] == "public, max-age=604800"
    again = client.get(url_of(rendition.file), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    later = client.get(url_of(rendition.file), HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert later.status_code == 304


def test_an_original_answers_a_byte_range(client):
    image = image_file("hero.png")
    data = png_bytes()

    response = client.get(url_of(image.file), HTTP_RANGE="bytes=0-7")

    assert response.status_code == 206
    assert body(response) == data[:8]
    assert response["Content-Range"] == f"bytes 0-7/{len(data)}"
    assert client.get(url_of(image.file), HTTP_RANGE="bytes=999999-").status_code == 416


@pytest.mark.parametrize("path", ["/media/original_images/nothing.png", "/media/../manage.py",
                                  "/media/original_images/../../manage.py"])
def test_a_path_no_file_of_the_site_names_is_not_found(client, path):
    image_file("hero.png")

    assert client.get(path).status_code == 404


def test_a_file_on_disk_that_no_object_owns_is_not_served(client, settings):
    folder = settings.MEDIA_ROOT / "original_images"
    folder.mkdir(parents=True)
    (folder / "left-behind.png").write_bytes(png_bytes())

    assert client.get("/media/original_images/left-behind.png").status_code == 404


def test_an_image_in_a_private_collection_only_reaches_its_group(client, partner_collection):
    image = image_file("intern.png", in_collection=partner_collection["collection"])
    for url in (url_of(image.file), url_of(image.get_rendition("max-20x20").file)):
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "login" in anonymous["Location"]

        client.force_login(member_of(Group.objects.create(name=f"Krebsliga {url}"), url[-12:]))
        assert client.get(url).status_code == 403

        client.force_login(member_of(partner_collection["group"], f"lungenliga{url[-12:]}"))
        allowed = client.get(url)
        assert allowed.status_code == 200
        assert allowed["Cache-Control"] == "private, no-cache"
        client.logout()


def test_the_image_editors_see_private_images_for_the_admin(client, partner_collection):
    image = image_file("intern.png", in_collection=partner_collection["collection"])
    client.force_login(User.objects.create_superuser("admin", password="x"))

    response = client.get(url_of(image.get_rendition("max-165x165").file))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_a_document_in_a_private_collection_follows_wagtails_document_privacy(
        client, partner_collection):
    pdf = document("intern.pdf", in_collection=partner_collection["collection"])

    response = client.get(url_of(pdf.file))

    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(member_of(partner_collection["group"], "lungenliga"))
    allowed = client.get(url_of(pdf.file))
    assert allowed.status_code == 200
    assert allowed["Content-Security-Policy"] == "default-src 'none'"


def test_the_image_of_an_expired_material_is_gone_for_the_public(client, library):
    image = image_file("altes-plakat.png")
    MaterialPageFactory(parent=library["campaign"], material_type="visual", image=image,
                        expires_on=datetime.date.today() - datetime.timedelta(days=1))

    assert client.get(url_of(image.file)).status_code == 404
    assert client.get(url_of(image.get_rendition("max-800x600").file)).status_code == 404


def test_the_image_of_a_current_material_is_public_but_cached_briefly(client, library):
    image = image_file("plakat.png")
    MaterialPageFactory(parent=library["campaign"], material_type="visual", image=image,
                        expires_on=datetime.date.today() + datetime.timedelta(days=1))

    response = client.get(url_of(image.get_rendition("max-800x600").file))

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"


def test_a_variant_file_in_a_private_collection_keeps_the_rule_of_its_collection(
        client, library, partner_collection):
    from campaigns.models import MaterialVariant

    material = MaterialPageFactory(parent=library["campaign"], material_type="visual",
                                   image=image_file("plakat.png"))
    variant = image_file("plakat-intern.png", in_collection=partner_collection["collection"])
    MaterialVariant.objects.create(page=material, label="intern", image=variant)

    response = client.get(url_of(variant.get_rendition("max-800x600").file))

    assert response.status_code == 302 and "login" in response["Location"]


def test_the_image_of_a_material_behind_page_privacy_is_not_public(client, library):
    campaign = library["campaign"]
    PageViewRestriction.objects.create(page=campaign,
                                       restriction_type=PageViewRestriction.LOGIN)
    image = image_file("intern.png")
    MaterialPageFactory(parent=campaign, material_type="visual", image=image)

    assert client.get(url_of(image.file)).status_code in (302, 403, 404)
    client.force_login(member_of(None, "signed-in"))
    response = client.get(url_of(image.file))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_the_image_of_a_draft_material_only_is_not_public(client, library):
    image = image_file("entwurf.png")
    draft = MaterialPageFactory(parent=library["campaign"], material_type="visual", image=image)
    draft.unpublish()

    assert client.get(url_of(image.file)).status_code == 404


def test_files_of_other_models_are_for_admin_users_only(client):
    from django.core.files.base import ContentFile
    from wagtail.users.models import UserProfile

    admin = User.objects.create_superuser("admin", password="x")
    profile = UserProfile.get_for_user(admin)
    profile.avatar.save("face.png", ContentFile(png_bytes()))

    assert client.get(url_of(profile.avatar)).status_code == 404
    client.force_login(member_of(None, "visitor"))
    assert client.get(url_of(profile.avatar)).status_code == 404
    client.force_login(admin)
    assert client.get(url_of(profile.avatar)).status_code == 200


def test_behind_nginx_the_file_is_left_to_an_internal_location(client, settings,
                                                               partner_collection):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    public = image_file("hero.png")
    private = image_file("intern.png", in_collection=partner_collection["collection"])

    response = client.get(url_of(public.file))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{public.file.name}"
    assert response["Content-Type"] == "image/png"
    assert response.content == b""
    refused = client.get(url_of(private.file))
    assert refused.status_code == 302 and "X-Accel-Redirect" not in refused


def test_an_svg_opened_on_its_own_runs_nothing(client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" ' \
          b'height="4"/></svg>'
    image = image_file("logo.svg", data=svg)

    response = client.get(url_of(image.file))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
