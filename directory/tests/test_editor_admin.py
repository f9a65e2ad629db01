"""A regional centre's editor works in the admin in her language: her dashboard leads to her
centre's entries, and the contact messages, the import report and the offer form show no
English interface text when her admin speaks German."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.users.models import UserProfile

from directory.models import ContactMessage
from directory.permissions import setup_editor_group
from directory.tests.factories import SelfHelpGroupPageFactory, make_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(locales):
    tree = make_directory()
    tree["offer"] = SelfHelpGroupPageFactory(parent=tree["centre"], title="Trauer Bern")
    tree["message"] = ContactMessage.objects.create(
        centre=tree["centre"], offer=tree["offer"], name="Anna", email="anna@example.ch",
        message="Ich möchte an einem Treffen teilnehmen.", notification_error="SMTP down")
    return tree


@pytest.fixture
def editor_client(client, tree):
    editor = get_user_model().objects.create_user("editor-bern", "e@example.ch", "pw")
    editor.groups.add(setup_editor_group(tree["centre"]))
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(editor)
    return client


def shown_text(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    return " | ".join(soup.select_one("main").stripped_strings)


def test_the_dashboard_leads_the_editor_to_her_centres_entries(editor_client, tree):
    response = editor_client.get("/admin/")
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.select_one('[aria-labelledby="your-entries-heading"]')
    link = panel.find("a", href=f"/admin/pages/{tree['centre'].pk}/")

    assert "Ihre Einträge" in shown_text(response)
    assert " ".join(link.text.split()) == "Selbsthilfe BE: 1 Angebot"


@pytest.mark.parametrize("english", ["Centre", "Offer", "Created at", "Notified at"])
def test_contact_messages_list_speaks_german(editor_client, tree, english):
    text = shown_text(editor_client.get("/admin/contact_messages/"))
    assert "Anna" in text
    assert f"| {english} |" not in text


@pytest.mark.parametrize("english", ["Centre", "Offer", "Language", "Created at",
                                     "Notified at", "Notification error"])
def test_a_contact_message_speaks_german(editor_client, tree, english):
    text = shown_text(editor_client.get(
        f"/admin/contact_messages/inspect/{tree['message'].pk}/"))
    assert "Ich möchte an einem Treffen teilnehmen." in text
    assert f"| {english} |" not in text


def test_the_import_report_speaks_german(editor_client, tree):
    csv = b"external_id,type,title\nx-1,boat,Trauer\n"
    response = editor_client.post("/admin/directory-import/", {
        "file": SimpleUploadedFile("offers.csv", csv, content_type="text/csv"),
        "language": "de", "dry_run": "on"})
    text = shown_text(response)

    assert ("1 Zeilen gelesen: würde 0 erstellen und 0 aktualisieren; 1 Zeilen mit Fehlern."
            in text)
    assert "rows read" not in text


def test_the_offer_form_speaks_german(editor_client, tree):
    text = shown_text(editor_client.get(f"/admin/pages/{tree['offer'].pk}/edit/"))
    assert "Themen filtern" in text
    assert "Filter topics" not in text


def test_the_offer_form_offers_each_language_as_a_checkbox(editor_client, tree):
    from directory.models import Language

    tree["offer"].languages.set([Language.objects.get(code="de")])
    soup = BeautifulSoup(editor_client.get(f"/admin/pages/{tree['offer'].pk}/edit/").content,
                         "html.parser")

    assert soup.select("select[name=languages]") == []
    boxes = soup.select("input[type=checkbox][name=languages]")
    assert len(boxes) == Language.objects.count() >= 3
    checked = [box for box in boxes if box.has_attr("checked")]
    assert [box["value"] for box in checked] == [str(Language.objects.get(code="de").pk)]
    label = soup.find("label", {"for": checked[0]["id"]})
    assert label is not None and label.get_text(strip=True)
