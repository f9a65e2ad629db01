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
