"""What every public page tells browsers and search engines besides its content: a meta
description (from the page, else a sentence for its kind), a favicon that answers, and HTML
sent compressed when it holds no secret (site/compression.py explains BREACH)."""

import gzip

import pytest
from bs4 import BeautifulSoup
from django.templatetags.static import static

from campaigns.tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    MaterialPageFactory,
)
from directory.tests.factories import SelfHelpGroupPageFactory, TopicFactory, make_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_tree(locales):
    tree = make_directory()
    tree["topic"] = TopicFactory(name="Trauer", slug="trauer")
    tree["group"] = SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauer Bern",
                                             summary="Wir treffen uns nach einem Verlust.",
                                             topics=[tree["topic"]])
    library = CampaignIndexPageFactory(parent=tree["home"], intro="Material zum Teilen.")
    tree["library"] = library
    tree["campaign"] = CampaignPageFactory(parent=library)
    tree["material"] = MaterialPageFactory(parent=tree["campaign"], title="Slogan",
                                           description="Freigegebene Texte in drei Längen.")
    return tree


def page_urls(tree):
    return {
        "home": tree["home"].url,
        "directory": tree["index"].url,
        "topic": tree["index"].specific.topic_url(tree["topic"]),
        "group": tree["group"].url,
        "centre": tree["centre"].url,
        "library": tree["library"].url,
        "campaign": tree["campaign"].url,
        "material": tree["material"].url,
        "search": "/de/search/?q=Trauer",
        "contact": f"/de/directory/contact/{tree['group'].pk}/",
    }


def description(response):
    soup = BeautifulSoup(response.content, "html.parser")
    meta = soup.find("meta", attrs={"name": "description"})
    return meta["content"] if meta else None


def test_every_page_type_has_a_meta_description(client, site_tree):
    for kind, url in page_urls(site_tree).items():
        response = client.get(url)
        assert response.status_code == 200, kind
        assert len(description(response) or "") >= 20, kind


def test_the_description_comes_from_the_page_when_it_has_one(client, site_tree):
    site_tree["library"].search_description = "Plakate, Filme und Texte der Kampagnen."
    site_tree["library"].save_revision().publish()

    assert description(client.get(site_tree["library"].url)) == \
        "Plakate, Filme und Texte der Kampagnen."
    assert description(client.get(site_tree["group"].url)) == \
        "Wir treffen uns nach einem Verlust."
    assert description(client.get(site_tree["material"].url)) == \
        "Freigegebene Texte in drei Längen."


def test_the_default_description_is_in_the_page_language(client, site_tree):
    response = client.get("/fr/search/")

    assert description(response).startswith("Trouver des groupes d’entraide")


def test_every_page_links_a_favicon_that_answers(client, site_tree):
    soup = BeautifulSoup(client.get(site_tree["home"].url).content, "html.parser")
    icons = [link["href"] for link in soup.find_all("link", rel="icon")]

    assert static("favicon.svg") in icons
    assert static("favicon.ico") in icons
    for href in icons:
        response = client.get(href)
        assert response.status_code == 200, href
    root_icon = client.get("/favicon.ico")
    assert root_icon.status_code == 301
    assert root_icon["Location"] == static("favicon.ico")


def test_public_html_is_sent_gzip_compressed(client, site_tree):
    for kind in ("home", "directory", "group", "library", "search"):
        response = client.get(page_urls(site_tree)[kind], HTTP_ACCEPT_ENCODING="gzip, br")
        assert response["Content-Encoding"] == "gzip", kind
        assert b"<html" in gzip.decompress(response.content), kind


def test_html_is_not_compressed_for_a_client_that_does_not_ask(client, site_tree):
    response = client.get(site_tree["home"].url)

    assert not response.has_header("Content-Encoding")


def test_a_page_with_a_csrf_token_is_not_compressed(client, site_tree):
    """BREACH: the contact form reflects what the visitor typed next to its CSRF token."""
    response = client.get(page_urls(site_tree)["contact"], HTTP_ACCEPT_ENCODING="gzip")

    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")


def test_pages_for_a_signed_in_user_are_not_compressed(client, site_tree, django_user_model):
    user = django_user_model.objects.create_user("partner", password="x-long-password-1")
    client.force_login(user)

    response = client.get(site_tree["home"].url, HTTP_ACCEPT_ENCODING="gzip")

    assert not response.has_header("Content-Encoding")
