"""Counting searches per day, language and query for the editors' report. Queries that look
like personal details (an e-mail address, a phone number) are not kept."""

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SearchQueryLog

MAX_LOGGED_LENGTH = SearchQueryLog._meta.get_field("query").max_length
LOOKS_PERSONAL = re.compile(r"@|\d[\d ./-]{5,}\d")  # e-mail, phone or other long number


def normalise(text):
    """Lower case, accents kept, words separated by one space, at most 100 characters."""
    words = " ".join("".join(ch if ch.isalnum() else " " for ch in text.casefold()).split())
    return words[:MAX_LOGGED_LENGTH].strip()


def record(text, language, found_anything):
    query = normalise(text)
    if not query or LOOKS_PERSONAL.search(text):
        return
    today = timezone.localdate()
    row = SearchQueryLog.objects.filter(day=today, language=language, query=query)
    if row.update(hits=F("hits") + 1, found_nothing=not found_anything):
        return
    try:
        with transaction.atomic():
            SearchQueryLog.objects.create(day=today, language=language, query=query, hits=1,
                                          found_nothing=not found_anything)
    except IntegrityError:  # another request logged it meanwhile
        row.update(hits=F("hits") + 1, found_nothing=not found_anything)
