import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from home.demo import load as load_home_demo

pytestmark = pytest.mark.django_db


def _counts():
    from wagtail_localize.models import StringTranslation, Translation

    from home.models import ContentPage, HomePage

    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "home and content pages": (
            HomePage.objects.live().count() + ContentPage.objects.live().count()
        ),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
    }


def test_home_demo_twice_gives_the_same_counts():
    # the whole `load_demo` command twice: directory/tests/test_demo.py
    load_home_demo()
    first = _counts()
    load_home_demo()
    assert _counts() == first
    assert first["home and content pages"] == 3 * 3  # home and two pages in de, fr, it


def test_demo_home_page_answers_in_three_languages(client):
    load_home_demo()
    for language, title in (("de", "Gemeinsam"), ("fr", "Ensemble"), ("it", "Insieme")):
        response = client.get(f"/{language}/")
        assert response.status_code == 200
        assert title in response.text


def test_ensure_admin_creates_a_superuser_once(tmp_path, settings, capsys, monkeypatch):
    settings.BASE_DIR = tmp_path
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    password = (tmp_path / ".admin-password").read_text()
    call_command("ensure_admin")
    assert get_user_model().objects.filter(username="admin", is_superuser=True).count() == 1
    assert capsys.readouterr().out.count(f"admin / {password}") == 2


def test_demo_teasers_link_to_pages_in_the_visitor_language(client):
    load_home_demo()
    response = client.get("/fr/")
    assert 'href="/fr/qu-est-ce-que-l-entraide/"' in response.text
    assert "Qu&#x27;est-ce que l&#x27;entraide ?" in response.text
