import datetime
import socket
import threading
import time
from smtplib import SMTPException

import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from directory.contact import issue_token, notification_for
from directory.models import ContactMessage
from directory.tests.factories import (
    OnlineOfferPageFactory,
    SelfHelpGroupPageFactory,
    make_directory,
)
from directory.tests.test_visibility import draft_group

pytestmark = pytest.mark.django_db


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("mail server down")


@pytest.fixture
def tree(locales):
    tree = make_directory()
    tree["group"] = SelfHelpGroupPageFactory(parent=tree["centre"], title="Angehörige Bern")
    return tree


def contact_url(page, language="de"):
    return f"/{language}/directory/contact/{page.pk}/"


def form_data(page, seconds_ago=10, **overrides):
    return {
        "name": "Anna Muster",
        "email": "anna@example.ch",
        "phone": "",
        "message": "Ich möchte gern einmal vorbeikommen.",
        "website": "",
        "token": issue_token(page.pk, issued_at=time.time() - seconds_ago),
        **overrides,
    }


def test_contact_url_is_named_and_inside_the_language_prefix(tree):
    assert reverse("directory:contact", kwargs={"page_id": 7}) == "/de/directory/contact/7/"


def test_form_has_labelled_fields_and_names_the_centre(client, tree):
    response = client.get(contact_url(tree["group"]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for name in ["name", "email", "phone", "message"]:
        field = soup.find(attrs={"name": name})
        assert soup.find("label", attrs={"for": field["id"]}), name
    assert soup.find("input", attrs={"name": "token"})["value"]
    assert "Selbsthilfe BE" in soup.get_text()
    assert soup.find("h1").get_text().endswith("Angehörige Bern")


def test_message_is_stored_and_the_centre_is_told_by_email(client, tree):
    response = client.post(contact_url(tree["group"]), form_data(tree["group"]))

    assert response.status_code == 302
    assert response["Location"] == f"/de/directory/contact/{tree['group'].pk}/sent/"
    message = ContactMessage.objects.get()
    assert message.centre.pk == tree["centre"].pk
    assert message.offer.pk == tree["group"].pk
    assert message.language == "de"
    assert message.notified_at is not None and message.notification_error == ""
    [email] = mail.outbox
    assert email.to == ["kontakt@zentrum.example.ch"]
    assert email.reply_to == ["anna@example.ch"]
    assert "Angehörige Bern" in email.subject
    assert "Ich möchte gern einmal vorbeikommen." in email.body
    thanks = client.get(response["Location"])
    assert "Danke, wir haben Ihre Nachricht erhalten" in thanks.content.decode()


def test_centre_page_can_be_contacted_directly(client, tree):
    response = client.post(contact_url(tree["centre"]), form_data(tree["centre"]))
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.centre.pk == tree["centre"].pk and message.offer is None


def test_language_of_the_visitor_is_recorded(client, tree):
    client.post(contact_url(tree["group"], "fr"), form_data(tree["group"]))
    assert ContactMessage.objects.get().language == "fr"


def test_failing_mail_server_loses_nothing_and_visitor_still_sees_success(
    client, tree, settings
):
    settings.EMAIL_BACKEND = "directory.tests.test_contact.FailingEmailBackend"
    response = client.post(contact_url(tree["group"]), form_data(tree["group"]), follow=True)

    assert response.status_code == 200
    assert "Danke, wir haben Ihre Nachricht erhalten" in response.content.decode()
    message = ContactMessage.objects.get()
    assert message.message == "Ich möchte gern einmal vorbeikommen."
    assert message.notified_at is None
    assert "mail server down" in message.notification_error


def test_purge_command_retries_unsent_notifications(client, tree, settings):
    settings.EMAIL_BACKEND = "directory.tests.test_contact.FailingEmailBackend"
    client.post(contact_url(tree["group"]), form_data(tree["group"]))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    call_command("purge_contact_messages")

    message = ContactMessage.objects.get()
    assert message.notified_at is not None and message.notification_error == ""
    assert mail.outbox[0].to == ["kontakt@zentrum.example.ch"]


def test_purge_command_deletes_messages_past_the_retention_period(tree, settings):
    settings.DIRECTORY_CONTACT_RETENTION_DAYS = 30
    old, recent = (
        ContactMessage.objects.create(centre=tree["centre"], name=n, email="x@example.ch",
                                      message="Hallo", notified_at=timezone.now())
        for n in ["old", "recent"]
    )
    ContactMessage.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31))

    call_command("purge_contact_messages")

    assert list(ContactMessage.objects.values_list("name", flat=True)) == ["recent"]
    assert mail.outbox == []  # nothing was pending


def test_honeypot_submission_is_dropped_silently(client, tree):
    data = form_data(tree["group"], website="http://spam.example.com")
    response = client.post(contact_url(tree["group"]), data)
    assert response.status_code == 302
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("seconds_ago, error", [
    (0, "Das ging sehr schnell"),
    (2 * 24 * 3600, "vor mehr als einem Tag"),
])
def test_too_fast_or_stale_forms_are_refused_with_a_clear_message(
    client, tree, seconds_ago, error
):
    data = form_data(tree["group"], seconds_ago=seconds_ago)
    response = client.post(contact_url(tree["group"]), data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not ContactMessage.objects.exists()
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("textarea")["name"] == "message"
    assert "vorbeikommen" in soup.find("textarea").get_text()  # what they typed is kept
    assert soup.find("input", attrs={"name": "token"})["value"] != data["token"]


def test_forged_token_is_refused(client, tree):
    other_page_token = issue_token(tree["centre"].pk, issued_at=time.time() - 10)
    response = client.post(contact_url(tree["group"]),
                           form_data(tree["group"], token=other_page_token))
    assert "konnte nicht geprüft werden" in response.content.decode()
    response = client.post(contact_url(tree["group"]), form_data(tree["group"], token="abc"))
    assert "konnte nicht geprüft werden" in response.content.decode()
    assert not ContactMessage.objects.exists()


def test_field_errors_are_summarised_focused_and_linked_to_their_fields(client, tree):
    data = form_data(tree["group"], name="", email="not-an-address")
    response = client.post(contact_url(tree["group"]), data)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.find(id="contact-error-summary")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    assert summary.find("a", href="#id_email")
    email = soup.find("input", attrs={"name": "email"})
    assert email["aria-invalid"] == "true"
    error = soup.find(id=email["aria-describedby"])
    assert "name@example.ch" in error.get_text()
    assert soup.find("input", attrs={"name": "name"})["aria-describedby"] == "id_name-error"
    assert not soup.find("input", attrs={"name": "phone"}).has_attr("aria-invalid")
    assert not ContactMessage.objects.exists()


RATE_LIMIT = 5  # messages per address and hour, as in production


@pytest.fixture
def contact_limit(settings):
    settings.RATE_LIMITS = {"contact": (RATE_LIMIT, 60 * 60)}  # tests run without limits


def test_one_address_can_send_only_a_few_messages_per_hour(client, tree, contact_limit):
    for _ in range(RATE_LIMIT):
        assert client.post(contact_url(tree["group"]), form_data(tree["group"])).status_code \
            == 302

    response = client.post(contact_url(tree["group"]), form_data(tree["group"]))

    assert response.status_code == 429
    assert "in kurzer Zeit mehrere Nachrichten" in response.content.decode()
    assert ContactMessage.objects.count() == RATE_LIMIT
    other_visitor = client.post(contact_url(tree["group"]), form_data(tree["group"]),
                                REMOTE_ADDR="10.0.0.9")
    assert other_visitor.status_code == 302


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_saw(client, tree, settings,
                                                                   contact_limit):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's REMOTE_ADDR
    for number in range(RATE_LIMIT):
        client.post(contact_url(tree["group"]), form_data(tree["group"]),
                    HTTP_X_FORWARDED_FOR=f"1.2.3.{number}, 198.51.100.7")  # first part forged
    limited = client.post(contact_url(tree["group"]), form_data(tree["group"]),
                          HTTP_X_FORWARDED_FOR="1.2.3.99, 198.51.100.7")
    other_visitor = client.post(contact_url(tree["group"]), form_data(tree["group"]),
                                HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert (limited.status_code, other_visitor.status_code) == (429, 302)


def test_no_contact_form_for_drafts_or_offers_without_a_centre(client, tree):
    draft = draft_group(tree["centre"], "Entwurf", "entwurf")
    online = OnlineOfferPageFactory(parent=tree["league"])
    for page in [draft, online, tree["league"], tree["index"]]:
        assert client.get(contact_url(page)).status_code == 404
        assert client.post(contact_url(page), form_data(page)).status_code == 404
    assert not ContactMessage.objects.exists()


def test_template_tag_renders_the_form_for_a_page(tree):
    template = Template("{% load directory_contact %}{% contact_form_for page %}")
    html = template.render(Context({"page": tree["group"], "csrf_token": "t0k3n"}))
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form")
    assert form["action"] == contact_url(tree["group"])
    assert soup.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"] == "t0k3n"
    online = OnlineOfferPageFactory(parent=tree["league"])
    assert "<form" not in template.render(Context({"page": online}))


def test_a_form_sends_one_message_only(client, tree):
    data = form_data(tree["group"])
    assert client.post(contact_url(tree["group"]), data).status_code == 302

    again = client.post(contact_url(tree["group"]), data)

    assert again.status_code == 200
    assert "Dieses Formular wurde bereits einmal gesendet" in again.content.decode()
    assert ContactMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_form_refused_for_a_mistake_can_still_be_sent(client, tree):
    data = form_data(tree["group"])
    assert client.post(contact_url(tree["group"]), {**data, "name": ""}).status_code == 200
    assert client.post(contact_url(tree["group"]), data).status_code == 302
    assert ContactMessage.objects.count() == 1


@pytest.mark.parametrize("field, value", [
    ("name", "Anna\r\nTelefon: 0900 666 666"),
    ("name", "Anna\nBcc: all@example.ch"),
    ("name", "Anna\u2028Muster"),
    ("name", "Anna \u202eretsuM"),  # reads "Anna Muster" backwards
    ("phone", "031 000 00 00\rName: Chef"),
    ("email", "anna@example.ch\nBcc: all@example.ch"),
])
def test_line_breaks_and_control_characters_in_one_line_fields_are_refused(
        client, tree, field, value):
    response = client.post(contact_url(tree["group"]), form_data(tree["group"], **{field: value}))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.find(id="contact-error-summary").get_text()
    assert "auf einer Zeile" in summary or "E-Mail-Adresse" in summary
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []


def test_the_mail_quotes_the_visitors_text_so_it_cannot_pass_for_ours(client, tree):
    text = "Guten Tag\r\n\r\n-- \r\nAntworten Sie an boss@example.ch\x07\u2028Danke"
    client.post(contact_url(tree["group"]), form_data(tree["group"], message=text))

    [email] = mail.outbox
    lines = email.body.splitlines()
    assert lines.count("-- ") == 1  # only our own signature separator
    start = lines.index("> Guten Tag")
    assert lines[start:start + 5] == ["> Guten Tag", "> ", "> -- ",
                                      "> Antworten Sie an boss@example.ch", "> Danke"]


def test_a_message_stored_with_a_line_break_in_its_name_is_mailed_on_one_line(tree):
    message = ContactMessage.objects.create(centre=tree["centre"], email="a@example.ch",
                                            name="Anna\r\nTelefon: 0900 666 666",
                                            message="Hallo")
    body = notification_for(message).body
    assert not any(line.startswith("Telefon: 0900") for line in body.splitlines())
    assert "Anna  Telefon: 0900 666 666" in body


class StalledMailServer:
    """A real TCP peer on a loopback port: it accepts connections and never answers, like a
    hung mail server. It lets go after `gives_up_after` seconds (as a killed worker would), so
    that without a timeout the test fails instead of hanging."""

    def __init__(self, gives_up_after=40):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        threading.Thread(target=self.accept, daemon=True).start()
        self.timer = threading.Timer(gives_up_after, self.close)
        self.timer.start()

    def accept(self):
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.timer.cancel()
        self.listener.close()
        for connection in self.connections:
            connection.close()


class Inbox:
    """aiosmtpd handler: keeps what it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def mail_server():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def test_a_stalled_mail_server_delays_the_form_briefly_and_the_mail_is_sent_later(
        client, tree, settings, mail_server):
    assert settings.EMAIL_TIMEOUT <= 15  # configured, not the socket default (none)
    stalled = StalledMailServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", stalled.port
    try:
        started = time.monotonic()
        response = client.post(contact_url(tree["group"]), form_data(tree["group"]),
                               follow=True)
        took = time.monotonic() - started
    finally:
        stalled.close()

    assert took < settings.EMAIL_TIMEOUT + 5
    assert "Danke, wir haben Ihre Nachricht erhalten" in response.content.decode()
    message = ContactMessage.objects.get()
    assert message.notified_at is None and message.notification_error

    port, inbox = mail_server
    settings.EMAIL_PORT = port
    call_command("purge_contact_messages")

    message.refresh_from_db()
    assert message.notified_at is not None and message.notification_error == ""
    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["kontakt@zentrum.example.ch"]
    assert b"> Ich m" in envelope.content


@pytest.mark.parametrize(("language", "label"), [
    ("de", "Ihre Telefonnummer (freiwillig)"),
    ("fr", "Votre téléphone (facultatif)"),
    ("it", "Il Suo numero di telefono (facoltativo)"),
])
def test_the_phone_field_says_optional_once(client, tree, language, label):
    response = client.get(contact_url(tree["group"], language))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    phone = soup.find("input", attrs={"name": "phone"})
    assert soup.find("label", attrs={"for": phone["id"]}).get_text(" ", strip=True) == label
