"""The library listing's counts and result ids, remembered per question until the library
changes. Counting thousands of materials by six facets costs the database tens of
milliseconds per request, and communication staff ask the same few questions (a campaign, a
type, a language) again and again.

Anything that can change what a listing shows (a material or campaign saved, published,
moved or deleted; a topic; a page or collection restriction; a file's collection) gives the
library a new version; answers remembered under the old one are no longer read. Who may see
what and today's date (rights expire by day) are part of each question."""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

VERSION_KEY = "campaigns:library-version"
ANSWER_TIMEOUT = 60 * 60


def library_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def library_changed(**kwargs):
    """A new version now (for the rest of this transaction) and once more after the commit:
    a request that computed an answer from the data before the commit must not leave it
    under the version readers use afterwards."""
    _new_version()
    transaction.on_commit(_new_version)


def question_key(question):
    """A cache key for `question` (a tuple of plain values) in the library as it is now."""
    parts = (library_version(), timezone.localdate().isoformat(), *question)
    return "campaigns:listing:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def remembered(key, compute):
    """compute()'s answer, from the cache while the library has not changed."""
    answer = cache.get(key)
    if answer is None:
        answer = compute()
        cache.set(key, answer, ANSWER_TIMEOUT)
    return answer
