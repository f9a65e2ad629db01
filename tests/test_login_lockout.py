"""Login lockout (django-axes): after 5 wrong passwords for one user name from one address,
even the right password is refused with 429 for 15 minutes, on the Wagtail admin's login, the
partners' login for private pages and files, and Django's admin."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-correct-horse-password"
LOGINS = ["/admin/login/", "/de/_util/login/", "/django-admin/login/"]


@pytest.fixture
def editor(locales):
    return get_user_model().objects.create_superuser("editor", "editor@example.ch", PASSWORD)


def sign_in(client, url, password, **extra):
    return client.post(url, {"username": "editor", "password": password}, **extra)


def fail_five_times(client, url, **extra):
    answers = [sign_in(client, url, f"wrong-{attempt}", **extra).status_code
               for attempt in range(5)]
    assert answers == [200] * 4 + [429]  # the form again with its error, then the lockout


@pytest.mark.parametrize("url", LOGINS)
def test_the_right_password_signs_in(client, editor, url):
    response = sign_in(client, url, PASSWORD)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200  # signed in


@pytest.mark.parametrize("url", LOGINS)
def test_after_five_wrong_passwords_the_right_one_is_refused(client, editor, url):
    fail_five_times(client, url)

    response = sign_in(client, url, PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    page = response.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in page
    assert "während 15 Minuten gesperrt" in page
    assert client.get("/admin/").status_code == 302  # not signed in


def test_the_wagtail_admin_signs_in_again_after_the_cool_off(client, editor):
    fail_five_times(client, "/admin/login/")
    assert sign_in(client, "/admin/login/", PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time
                                 - timedelta(minutes=16))
    response = sign_in(client, "/admin/login/", PASSWORD)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_another_address_is_not_locked_out(client, editor):
    fail_five_times(client, "/admin/login/")

    response = sign_in(client, "/admin/login/", PASSWORD, REMOTE_ADDR="198.51.100.30")

    assert response.status_code == 302


def test_a_forged_x_forwarded_for_does_not_lift_the_lockout(client, editor, settings):
    settings.TRUSTED_PROXIES = []
    for attempt in range(5):
        sign_in(client, "/admin/login/", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")

    response = sign_in(client, "/admin/login/", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_visitor_behind_it_is_locked_out(client, editor, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    fail_five_times(client, "/admin/login/", HTTP_X_FORWARDED_FOR="203.0.113.7")

    locked = sign_in(client, "/admin/login/", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7")
    colleague = sign_in(client, "/admin/login/", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert (locked.status_code, colleague.status_code) == (429, 302)


def test_a_successful_sign_in_forgets_earlier_mistakes(client, editor):
    for attempt in range(4):
        sign_in(client, "/admin/login/", f"wrong-{attempt}")
    assert sign_in(client, "/admin/login/", PASSWORD).status_code == 302
    client.logout()

    for attempt in range(4):
        sign_in(client, "/admin/login/", f"wrong-again-{attempt}")

    assert sign_in(client, "/admin/login/", PASSWORD).status_code == 302
