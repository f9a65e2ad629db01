"""Partner material: a visitor who opens a partner-only campaign or material gets the site's
own login page (header, navigation, crisis link, footer) in their language, told why they are
asked to log in; the library tells anonymous visitors that partner material exists, and how
to reach it, without naming it."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from .factories import MaterialPageFactory, collection, image_file

pytestmark = pytest.mark.django_db

REASON = {
    "de": "Dieser Inhalt ist den Partnerorganisationen von Entraide vorbehalten",
    "fr": "Ce contenu est réservé aux organisations partenaires d'Entraide",
    "it": "Questo contenuto è riservato alle organizzazioni partner di Entraide",
}
HEADING = {"de": "Anmeldung für Partner", "fr": "Connexion partenaires", "it": "Accesso partner"}


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def restrict_to_partners(page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS)
    group = Group.objects.create(name="Partner Lungenliga")
    restriction.groups.set([group])
    return group


def assert_in_site_layout(page):
    assert page.select_one("header.site-header .brand")
    assert page.select_one("header .crisis-link a")
    assert page.select_one("header .language-switcher")
    assert page.select_one("footer.site-footer")
    assert page.select_one("main#main")


def test_a_partner_only_campaign_sends_visitors_to_the_sites_own_login_page(client, library):
    restrict_to_partners(library["campaign"])

    response = client.get(library["campaign"].url)
    assert response.status_code == 302
    login = urlsplit(response["Location"])
    assert login.path == "/de/_util/login/"
    assert parse_qs(login.query)["next"] == [library["campaign"].url]

    page = html(client.get(response["Location"]))
    assert_in_site_layout(page)
    assert page.find("html")["lang"] == "de"
    assert page.h1.get_text() == HEADING["de"]
    assert REASON["de"] in page.get_text()
    assert page.find("input", {"name": "next"})["value"] == library["campaign"].url
    username = page.find("input", {"name": "username"})
    assert page.find("label", {"for": username["id"]}).get_text(strip=True) == "Benutzername"
    assert username["autocomplete"] == "username"
    password = page.find("input", {"name": "password"})
    assert page.find("label", {"for": password["id"]}).get_text(strip=True) == "Passwort"
    assert password["autocomplete"] == "current-password"


@pytest.mark.parametrize("language", ["fr", "it"])
def test_the_login_page_speaks_the_visitors_language(client, library, language):
    page = html(client.get(f"/{language}/_util/login/", {"next": library["campaign"].url}))

    assert_in_site_layout(page)
    assert page.find("html")["lang"] == language
    assert page.h1.get_text() == HEADING[language]
    assert REASON[language] in page.get_text()


def test_a_wrong_password_is_said_in_words_and_the_form_keeps_the_user_name(client, library):
    get_user_model().objects.create_user("lungenliga", password="a-long-correct-password")

    response = client.post("/de/_util/login/", {"username": "lungenliga", "password": "falsch",
                                                "next": library["campaign"].url})

    assert response.status_code == 200
    page = html(response)
    summary = page.find(role="alert")
    assert "Benutzername und Passwort passen nicht zusammen" in summary.get_text()
    assert page.find("input", {"name": "username"})["value"] == "lungenliga"
    assert assert_in_site_layout(page) is None


def test_an_empty_field_is_named_and_tied_to_its_input(client, library):
    page = html(client.post("/de/_util/login/", {"username": "", "password": ""}))

    username = page.find("input", {"name": "username"})
    assert username["aria-invalid"] == "true"
    error = page.find(id=username["aria-describedby"])
    assert "Dieses Feld muss ausgefüllt werden." in error.get_text()
    assert page.find(role="alert").find("a", href=f"#{username['id']}")


def test_a_password_protected_page_asks_inside_the_sites_layout(client, library):
    PageViewRestriction.objects.create(page=library["campaign"], password="geheim",
                                       restriction_type=PageViewRestriction.PASSWORD)

    response = client.get(library["campaign"].url)

    assert response.status_code == 200
    page = html(response)
    assert_in_site_layout(page)
    assert page.h1.get_text() == "Passwort erforderlich"
    password = page.find("input", {"name": "password"})
    assert page.find("label", {"for": password["id"]}).get_text(strip=True) == "Passwort"


# --- the library's note ----------------------------------------------------------------


def partner_material(library):
    private = collection("Partner intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS)
    group = Group.objects.create(name="Partner Krebsliga")
    restriction.groups.set([group])
    material = MaterialPageFactory(parent=library["campaign"], title="Entwurf Plakat 2027",
                                   material_type="visual",
                                   image=image_file("intern.png", in_collection=private))
    material.save_revision().publish()
    return material, group


def public_material(library):
    material = MaterialPageFactory(parent=library["campaign"], title="Flyer für alle")
    material.save_revision().publish()
    return material


def test_the_library_tells_anonymous_visitors_partner_material_exists_without_naming_it(
        client, library):
    public_material(library)
    hidden, _ = partner_material(library)

    page = html(client.get(library["library"].url, {"type": "visual"}))

    note = page.select_one(".partner-note")
    assert "Weiteres Material" in note.get_text()
    assert "Partnerorganisationen vorbehalten" in note.get_text()
    login = urlsplit(note.a["href"])
    assert login.path == "/de/_util/login/"
    assert parse_qs(login.query)["next"] == [f"{library['library'].url}?type=visual"]
    assert hidden.title not in page.get_text()


def test_the_library_says_nothing_of_partner_material_when_there_is_none(client, library):
    public_material(library)
    expired = MaterialPageFactory(parent=library["campaign"], expires_on="2020-01-01")
    expired.save_revision().publish()

    page = html(client.get(library["library"].url))

    assert page.select_one(".material-card")
    assert page.select_one(".partner-note") is None


def test_a_signed_in_partner_is_not_asked_to_log_in(client, library):
    hidden, group = partner_material(library)
    partner = get_user_model().objects.create_user("krebsliga")
    partner.groups.add(group)
    client.force_login(partner)

    page = html(client.get(library["library"].url))

    assert hidden.title in page.get_text()
    assert page.select_one(".partner-note") is None


@pytest.mark.parametrize("language", ["fr", "it"])
def test_a_login_without_next_lands_on_the_home_page_of_the_login_pages_language(
        client, locales, language):
    from .factories import make_library

    home = make_library(locales[language])["home"]
    get_user_model().objects.create_user("lungenliga", password="a-long-correct-password")
    form = html(client.get(f"/{language}/_util/login/")).find("form", class_="login-form")
    fields = {field["name"]: field.get("value", "") for field in form.find_all("input")}
    response = client.post(form["action"], fields | {"username": "lungenliga",
                                                     "password": "a-long-correct-password"})
    landed = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == home.url == f"/{language}/"
    assert landed.status_code == 200
    assert html(landed).find("html")["lang"] == language
