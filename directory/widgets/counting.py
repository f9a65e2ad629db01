"""A widget's views and clicks, counted so that a script cannot inflate them cheaply.

Only requests that carry what a browser sends with the embed code's own requests count, and
each browser counts at most once per widget, kind (views, clicks) and day. A browser is
recognised by a keyed hash (HMAC with the SECRET_KEY) of its address, its user agent and the
day, kept in the cache for a day: no address is stored, and yesterday's hashes cannot be
linked to today's.
"""

from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

from directory.contact import client_ip

from .models import WidgetMonthlyStats

DAY = 24 * 60 * 60

# What a browser's Fetch Metadata says of each request the embed code makes: (Sec-Fetch-Mode,
# Sec-Fetch-Dest, Origin of an allowed site required). Browsers too old to send Fetch
# Metadata are not refused for its absence.
CHANNELS = {
    "api": ("cors", "empty", True),  # the script's fetch of the results, cross-origin
    "click": ("no-cors", "empty", True),  # the script's click beacon, a POST
    "frame": ("navigate", "iframe", False),  # the iframe page (a navigation has no Origin)
}


def sent_by_the_embed_code(request, widget, channel):
    mode, destination, needs_origin = CHANNELS[channel]
    headers = request.headers
    return bool(
        headers.get("User-Agent")
        and (not needs_origin or widget.allows_origin(headers.get("Origin", "")))
        and headers.get("Sec-Fetch-Mode", mode) == mode
        and headers.get("Sec-Fetch-Dest", destination) == destination
    )


def first_time_today(request, widget, what):
    today = timezone.localdate().isoformat()
    address = client_ip(request)
    browser = salted_hmac("directory.widgets.counting",
                          f"{today}\n{address}\n{request.headers.get('User-Agent', '')}",
                          algorithm="sha256").hexdigest()
    return cache.add(f"directory:widgets:counted:{widget.pk}:{what}:{browser}", True, DAY)


def count(request, widget, what, channel):
    """Add one to the widget's views or clicks of the month, if this request is the first of
    its browser today and came from the embed code."""
    if sent_by_the_embed_code(request, widget, channel) and first_time_today(request, widget,
                                                                               what):
        WidgetMonthlyStats.count(widget, what)
