"""The contact form: the public writes to a group or a centre through its regional centre, so
group members' own contacts are never published.

A message is stored before any e-mail is sent and the visitor is told it arrived even when
the mail server fails; `manage.py purge_contact_messages` retries unsent notifications and
deletes messages older than settings.DIRECTORY_CONTACT_RETENTION_DAYS.

The e-mail goes out through a django-tasks task (`notify_centre`), never raising into the
request: with the immediate backend it runs inline, bounded by settings.EMAIL_TIMEOUT.

Spam protection needs no third-party service: a honeypot field, a signed timestamp that
rejects forms sent within seconds or after a day and serves one message only, and a
per-address limit (ratelimits/).
"""

import hashlib
import logging
import secrets
import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_tasks import task
from wagtail.models import Page

from ratelimits import limiter
from ratelimits.client import client_address

from .language_urls import contact_translation_urls
from .models import ContactMessage, OfferPage, RegionalCentrePage
from .visibility import is_public, public_pages

logger = logging.getLogger(__name__)

SIGNING_SALT = "directory.contact"
MIN_SECONDS_TO_FILL = 3
MAX_TOKEN_AGE = 24 * 60 * 60
CONTACT_LIMIT = "contact"  # its name in settings.RATE_LIMITS


def issue_token(page_id, issued_at=None):
    """A signed note of when the form was shown, for which page; the nonce makes each one
    unique, so that each can be used once."""
    return signing.dumps({"page": page_id, "at": issued_at or time.time(),
                          "n": secrets.token_urlsafe(9)}, salt=SIGNING_SALT)


def claim_token(token):
    """True the first time a token is claimed, False ever after (until it has expired anyway).
    The cache is shared by all workers in production (a database table)."""
    key = "directory:contact:used-token:" + hashlib.sha256(token.encode()).hexdigest()
    return cache.add(key, True, MAX_TOKEN_AGE + 60)


# Bidirectional overrides and isolates can make a name read differently than it is written.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_control(character):
    """Line breaks of any kind (CR, LF, NEL, U+2028/2029), other control characters, bidi
    overrides."""
    return unicodedata.category(character) in ("Cc", "Zl", "Zp") or character in BIDI_CONTROLS


def one_line(text):
    """`text` with every control character replaced by a space (for the mail of messages
    stored before the form refused them)."""
    return "".join(" " if is_control(character) else character for character in text)


def plain_lines(text):
    """The lines of a multi-line text, whatever line breaks it used (str.splitlines knows them
    all), without other control characters (tabs are kept)."""
    return ["".join(character for character in line
                    if character == "\t" or not is_control(character))
            for line in text.splitlines()]


class ContactForm(forms.ModelForm):
    # Hidden from people (and from screen readers); bots fill in every field they find.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    token = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "phone", "message"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
        }
        error_messages = {
            "name": {"required": _("Please enter your name.")},
            "email": {"required": _("Please enter your e-mail address so the centre can "
                                    "reply."),
                      "invalid": _("Please enter an e-mail address like name@example.ch.")},
            "message": {"required": _("Please write your message.")},
        }

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        if not self.is_bound:
            self.initial["token"] = issue_token(page.pk)

    def refuse_control_characters(self, name):
        value = self.cleaned_data[name]
        if any(is_control(character) for character in value):
            raise forms.ValidationError(
                _("Please write this on one line, without line breaks or control characters."),
                code="control_characters")
        return value

    def clean_name(self):
        return self.refuse_control_characters("name")

    def clean_email(self):
        return self.refuse_control_characters("email")

    def clean_phone(self):
        return self.refuse_control_characters("phone")

    def clean_message(self):
        return "\n".join(plain_lines(self.cleaned_data["message"]))

    def clean(self):
        cleaned_data = super().clean()
        # Claimed last, so that a form refused for another reason leaves its token unused.
        if not self.errors and not claim_token(cleaned_data["token"]):
            self.add_error("token", forms.ValidationError(
                _("This form has already been sent once. To send a further message, please "
                  "send the form again."), code="used"))
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:  # link each field to its error message
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_token(self):
        expired = forms.ValidationError(
            _("This form was opened more than a day ago. Please check your message and send "
              "it again."), code="expired")
        unreadable = forms.ValidationError(
            _("The form could not be checked. Please send it again."), code="invalid")
        try:
            data = signing.loads(self.cleaned_data["token"], salt=SIGNING_SALT,
                                 max_age=MAX_TOKEN_AGE)
        except signing.SignatureExpired:
            raise expired from None
        except signing.BadSignature:
            raise unreadable from None
        if not isinstance(data, dict) or data.get("page") != self.page.pk:
            raise unreadable
        seconds_open = time.time() - data.get("at", 0)
        if seconds_open > MAX_TOKEN_AGE:
            raise expired
        if seconds_open < MIN_SECONDS_TO_FILL:
            raise forms.ValidationError(
                _("That was very fast. Please check your message and send it again."),
                code="too_fast")
        return self.cleaned_data["token"]

    def fresh_token(self):
        """After an error the visitor sends again: they get a new token (the old one may be
        the problem), while what they typed stays."""
        self.data = self.data.copy()
        self.data["token"] = issue_token(self.page.pk)


def contact_page_and_centre(page_id):
    """The public offer or centre page and the public centre that receives its messages, or
    404 (visibility.public_pages)."""
    page = public_pages(Page.objects.filter(pk=page_id)).specific().first()
    if isinstance(page, RegionalCentrePage):
        return page, page
    if isinstance(page, OfferPage):
        centre = page.contact_centre
        if centre is not None and is_public(centre):
            return page, centre
    raise Http404("No contact form for this page.")


def form_context(page, centre, form):
    return {"contact_page": page, "centre": centre.localized, "form": form,
            "retention_days": settings.DIRECTORY_CONTACT_RETENTION_DAYS,
            "translation_urls": contact_translation_urls(page)}


def client_ip(request):
    """The visitor's address, by the site's one rule (settings.TRUSTED_PROXIES)."""
    return client_address(request)


def is_rate_limited(request):
    """Over settings.RATE_LIMITS["contact"] (messages per address and window); only sent
    messages count, so correcting a form costs nothing."""
    return limiter.hit(request, CONTACT_LIMIT, count=False).limited


def count_submission(request):
    limiter.hit(request, CONTACT_LIMIT)


def notification_for(message):
    """The e-mail to the centre, in the centre's language; replying goes to the visitor."""
    about = message.offer.title if message.offer else message.centre.title
    with translation.override(message.centre.locale.language_code):
        subject = gettext("Entraide contact form: %(about)s") % {"about": about}
        body = render_to_string("directory/contact_notification.txt", {
            "about": one_line(about), "name": one_line(message.name),
            "email": one_line(message.email), "phone": one_line(message.phone),
            "language": message.language,
            # Quoted, so the visitor's text cannot pass for lines of ours.
            "quoted_message": "\n".join(f"> {line}" for line in plain_lines(message.message)),
            "retention_days": settings.DIRECTORY_CONTACT_RETENTION_DAYS,
        })
    return EmailMessage(subject=subject, body=body, to=[message.centre.email],
                        reply_to=[message.email])


def send_notification(message):
    """E-mail the centre; on failure record why, for `purge_contact_messages` to retry.
    Returns True when the mail went out."""
    try:
        if not message.centre.email:
            raise ValueError(f"The centre {message.centre.title!r} has no e-mail address.")
        notification_for(message).send()
    except Exception as error:  # noqa: BLE001 (any mail failure must keep the message)
        logger.exception("Contact message %s: notification failed", message.pk)
        message.notification_error = f"{type(error).__name__}: {error}"[:2000]
        message.save(update_fields=["notification_error"])
        return False
    message.notified_at = timezone.now()
    message.notification_error = ""
    message.save(update_fields=["notified_at", "notification_error"])
    return True


@task()
def notify_centre(message_id):
    """E-mail the centre about one stored message, off the request when the task backend has
    workers; a failure stays on the message for `retry_unsent_notifications`."""
    message = ContactMessage.objects.select_related("centre", "offer").filter(
        pk=message_id, notified_at__isnull=True).first()
    if message is not None:
        send_notification(message)


def queue_notification(message):
    """Hand the e-mail to the task backend. Never raises: the message is stored already, and
    what could not be queued is retried like what could not be sent."""
    try:
        notify_centre.enqueue(message.pk)
    except Exception as error:  # noqa: BLE001 (the visitor's message is safe; say so)
        logger.exception("Contact message %s: notification could not be queued", message.pk)
        ContactMessage.objects.filter(pk=message.pk).update(
            notification_error=f"Not queued: {type(error).__name__}: {error}"[:2000])


def retry_unsent_notifications():
    """Send what could not be sent before; returns (sent, still failing)."""
    sent = failed = 0
    unsent = ContactMessage.objects.filter(notified_at__isnull=True).select_related(
        "centre", "offer")
    for message in unsent:
        if send_notification(message):
            sent += 1
        else:
            failed += 1
    return sent, failed


@never_cache
@transaction.non_atomic_requests
def contact(request, page_id):
    page, centre = contact_page_and_centre(page_id)
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST, page=page)
        if is_rate_limited(request):
            form.is_valid()
            form.add_error(None, _("You have sent several messages in a short time. Please "
                                   "try again in an hour, or call the centre."))
            form.fresh_token()
            status = 429
        elif form.is_spam:
            logger.info("Contact form: honeypot filled, page %s, ignored", page.pk)
            count_submission(request)
            return redirect("directory:contact_sent", page_id=page.pk)
        elif form.is_valid():
            count_submission(request)
            with transaction.atomic():
                message = form.save(commit=False)
                message.centre = centre
                message.offer = page if isinstance(page, OfferPage) else None
                message.language = (get_language() or "de")[:2]
                message.save()
            queue_notification(message)
            return redirect("directory:contact_sent", page_id=page.pk)
        else:
            form.fresh_token()
    else:
        form = ContactForm(page=page)
    return render(request, "directory/contact.html",
                  form_context(page, centre, form), status=status)


@never_cache
def contact_sent(request, page_id):
    page, centre = contact_page_and_centre(page_id)
    return render(request, "directory/contact_sent.html",
                  {"contact_page": page, "centre": centre.localized,
                   "translation_urls": contact_translation_urls(page, "directory:contact_sent")})
