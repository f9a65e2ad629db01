"""Content-Security-Policy and Permissions-Policy on every page, public and admin."""

import pytest
from django.contrib.auth.models import User

from campaigns.tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    MaterialPageFactory,
)
from directory.tests.factories import SelfHelpGroupPageFactory, TopicFactory, make_directory
from home.tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube-nocookie.com"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site_tree():
    tree = make_directory()
    topic = TopicFactory(name="Trauer", slug="trauer")
    group = SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauer Bern", topics=[topic])
    content = ContentPageFactory(parent=tree["home"], title="Über uns", slug="ueber-uns")
    library = CampaignIndexPageFactory(parent=tree["home"])
    campaign = CampaignPageFactory(parent=library)
    text = MaterialPageFactory(parent=campaign, title="Slogan")
    film = MaterialPageFactory(parent=campaign, title="Film", material_type="film",
                               external_video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    return {**tree, "topic": topic, "group": group, "content": content, "library": library,
            "campaign": campaign, "text": text, "film": film}


def public_urls(tree):
    return {
        "home": tree["home"].url,
        "content page": tree["content"].url,
        "directory": tree["index"].url,
        "directory topic": tree["index"].url + "topic/trauer/",
        "regional centre": tree["centre"].url,
        "organisation": tree["league"].url,
        "group": tree["group"].url,
        "contact form": f"/de/directory/contact/{tree['group'].pk}/",
        "search": "/de/search/?q=Trauer",
        "campaign library": tree["library"].url,
        "campaign": tree["campaign"].url,
        "material": tree["text"].url,
        "material with a YouTube film": tree["film"].url,
        "not found": "/de/gibt-es-nicht/",
    }


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_public_page_type_has_a_strict_policy_and_refuses_browser_features(
        client, site_tree):
    for name, url in public_urls(site_tree).items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not found" else 200), name

        policy = directives(response)
        assert policy["default-src"] == ["'self'"], name
        assert policy["script-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], name
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], name
        features = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()",
                        "usb=()"):
            assert feature in features, (name, feature)


def test_only_a_page_with_a_youtube_film_may_frame_youtube(client, site_tree):
    assert directives(client.get(site_tree["film"].url))["frame-src"] == [YOUTUBE]
    assert directives(client.get(site_tree["campaign"].url))["frame-src"] == [YOUTUBE]
    assert directives(client.get(site_tree["text"].url))["frame-src"] == ["'none'"]
    assert directives(client.get(site_tree["home"].url))["frame-src"] == ["'none'"]


def test_the_admin_has_its_own_policy_closed_to_other_sites(client, site_tree):
    client.force_login(User.objects.create_superuser("admin", password="x"))
    urls = ["/admin/", f"/admin/pages/{site_tree['home'].pk}/",
            f"/admin/pages/{site_tree['group'].pk}/edit/", "/admin/images/",
            "/admin/documents/", "/admin/snippets/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url

        policy = directives(response)
        assert policy["default-src"] == ["'self'"], url
        # Wagtail's own inline scripts run, but no script of another site and no eval
        assert set(policy["script-src"]) == {"'self'", "'unsafe-inline'"}, url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'self'"], url  # Wagtail's live preview
        assert "Permissions-Policy" in response, url


def test_the_widget_frame_and_svg_downloads_keep_the_policy_they_set_themselves(
        client, site_tree):
    from django.urls import reverse

    from campaigns.tests.factories import image_file
    from directory.widgets.tests.factories import WidgetFactory

    widget = WidgetFactory(organisation=site_tree["league"],
                           allowed_origins="https://partner.example.ch")
    svg = image_file("logo.svg", data=b'<svg xmlns="http://www.w3.org/2000/svg" width="4" '
                                      b'height="4"><rect width="4" height="4"/></svg>')
    material = MaterialPageFactory(parent=site_tree["campaign"], material_type="visual",
                                   image=svg)

    frame = client.get(reverse("widgets:frame", args=[widget.pk]))
    download = client.get(material.url + "download/image/")

    assert frame.status_code == 200
    assert "frame-ancestors https://partner.example.ch" in frame["Content-Security-Policy"]
    assert download.status_code == 200
    assert "sandbox" in download["Content-Security-Policy"]
    assert "Permissions-Policy" in frame and "Permissions-Policy" in download
