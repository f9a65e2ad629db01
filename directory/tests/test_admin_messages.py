import pytest
from django.contrib.auth import get_user_model

from directory.models import ContactMessage
from directory.permissions import setup_editor_group
from directory.tests.factories import RegionalCentrePageFactory, make_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages(locales):
    tree = make_directory()
    other = RegionalCentrePageFactory(parent=tree["index"], title="Selbsthilfe ZH")
    own = ContactMessage.objects.create(centre=tree["centre"], name="Anna", email="a@example.ch",
                                        message="Gibt es noch Platz?",
                                        notification_error="SMTP down")
    foreign = ContactMessage.objects.create(centre=other, name="Beat", email="b@example.ch",
                                            message="Nachricht an Zürich")
    return {"tree": tree, "own": own, "foreign": foreign}


def centre_editor(centre):
    user = get_user_model().objects.create_user("bern-editor", "e@example.ch", "pw")
    user.groups.add(setup_editor_group(centre))
    return user


def test_centre_editor_reads_only_messages_to_their_centre(client, messages):
    client.force_login(centre_editor(messages["tree"]["centre"]))
    response = client.get("/admin/contact_messages/")
    assert response.status_code == 200
    assert "Anna" in response.text
    assert "Beat" not in response.text
    detail = client.get(f"/admin/contact_messages/inspect/{messages['own'].pk}/")
    assert "Gibt es noch Platz?" in detail.text
    assert "SMTP down" in detail.text  # the editor sees that the e-mail never left
    assert client.get(f"/admin/contact_messages/inspect/{messages['foreign'].pk}/"
                      ).status_code in (403, 404)


def test_messages_cannot_be_written_in_the_admin(client, messages):
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.ch", "pw"))
    assert client.get("/admin/contact_messages/").status_code == 200
    assert client.get(f"/admin/contact_messages/edit/{messages['own'].pk}/").status_code in (
        302, 403)


@pytest.fixture
def translated_messages(messages, locales):
    from home.translation import translate

    tree = messages["tree"]
    for code in ("fr", "it"):
        translate(tree["home"], locales[code], {})
        translate(tree["index"], locales[code], {})
    french = translate(tree["centre"], locales["fr"], {"Selbsthilfe BE": "Entraide BE"})
    translate(tree["centre"], locales["it"], {"Selbsthilfe BE": "Auto-aiuto BE"})
    messages["french"] = ContactMessage.objects.create(
        centre=french, name="Chloé", email="c@example.ch", message="Reste-t-il une place ?")
    return messages


def centre_filter_options(response):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    return [(option["value"], option.get_text(strip=True))
            for option in soup.select("select[name=centre] option") if option["value"]]


@pytest.mark.parametrize(("admin_language", "bern"), [("de", "Selbsthilfe BE"),
                                                      ("fr", "Entraide BE"),
                                                      ("en", "Selbsthilfe BE")])
def test_the_centre_filter_lists_each_centre_once_in_the_editors_language(
        client, translated_messages, admin_language, bern):
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_superuser("root", "r@example.ch", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = admin_language
    profile.save()
    client.force_login(user)
    bern_key = str(translated_messages["tree"]["centre"].translation_key)

    options = centre_filter_options(client.get("/admin/contact_messages/"))

    assert options == sorted([(bern_key, bern), (str(translated_messages["foreign"].centre
                                                     .translation_key), "Selbsthilfe ZH")],
                             key=lambda option: option[1].lower())


def test_filtering_by_a_centre_shows_its_messages_in_every_language(client, translated_messages):
    client.force_login(centre_editor(translated_messages["tree"]["centre"]))
    bern_key = translated_messages["tree"]["centre"].translation_key

    options = centre_filter_options(client.get("/admin/contact_messages/"))
    response = client.get("/admin/contact_messages/", {"centre": str(bern_key)})

    assert [label for _, label in options] == ["Selbsthilfe BE"]  # no other centre's name
    assert "Anna" in response.text and "Chloé" in response.text
    assert "Beat" not in response.text
