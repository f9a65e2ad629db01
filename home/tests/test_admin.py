import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "Seiten"), ("fr", "Pages"), ("it", "Pagine"), ("en", "Pages")],
)
def test_admin_speaks_the_editor_language(client, language, expected):
    editor = get_user_model().objects.create_superuser("editor", "e@example.ch", "pw")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.text
    assert expected in response.text


def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
