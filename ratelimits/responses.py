"""429 answers: a small translated page for people, `{"detail": ...}` for programs; both say
in Retry-After how many seconds to wait."""

import math

from axes.helpers import get_cool_off
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _minutes(seconds):
    return max(1, math.ceil(seconds / 60))


def with_retry_after(response, seconds):
    response["Retry-After"] = str(int(seconds))
    response["Cache-Control"] = "no-store"
    return response


def too_many_requests(request, retry_after, json=False):
    if json:
        detail = f"Too many requests: please try again in {retry_after} seconds."
        return with_retry_after(JsonResponse({"detail": detail}, status=429), retry_after)
    minutes = _minutes(retry_after)
    message = ngettext(
        "You have sent many requests in a short time. Please try again in %(minutes)s minute.",
        "You have sent many requests in a short time. Please try again in %(minutes)s minutes.",
        minutes) % {"minutes": minutes}
    return with_retry_after(_page(request, _("Too many requests"), message), retry_after)


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer (AXES_LOCKOUT_CALLABLE) once a username has failed too often from
    one address: 429 for the cool-off time, which every further try starts again."""
    seconds = int(get_cool_off(request).total_seconds())
    minutes = _minutes(seconds)
    message = ngettext(
        "Too many failed sign-in attempts. For your security, signing in with this user name "
        "from your address is blocked for %(minutes)s minute.",
        "Too many failed sign-in attempts. For your security, signing in with this user name "
        "from your address is blocked for %(minutes)s minutes.",
        minutes) % {"minutes": minutes}
    return with_retry_after(_page(request, _("Sign-in temporarily blocked"), message), seconds)


def _page(request, title, message):
    return render(request, "ratelimits/too_many_requests.html",
                  {"title": title, "message": message}, status=429)
