"""A fixed-window counter per limit and visitor, kept in Django's cache.

settings.RATE_LIMITS maps a limit's name to (requests, seconds): at most that many requests
per visitor in each window of that many seconds. Windows start at multiples of their length,
so the answer can say when the next one opens (Retry-After). On Redis (django-redis, every
app server sharing it) a request is counted by one atomic INCR with the window's expiry in the
same transaction: exact under any burst, one round trip. Other caches count with `cache.add`
and `cache.incr`, shared by all workers with any shared cache (the database cache in
production without Redis); the database cache's `incr` reads then writes: two requests at the
same instant may be counted once, which lets a burst pass a few requests over the limit but
never blocks anyone wrongly. A cache that cannot be reached lets requests through.
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from redis.exceptions import RedisError

from .client import counted_address

KEY_PREFIX = "ratelimits"


@dataclass(frozen=True)
class Verdict:
    limited: bool
    retry_after: int  # seconds until the window ends


def _cache():
    return caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]


def limit_of(name):
    """(requests, seconds) of a limit, or None when settings.RATE_LIMITS leaves it out."""
    return settings.RATE_LIMITS.get(name)


def _window(name, request, now):
    requests, seconds = limit_of(name)
    window = int(now // seconds)
    key = f"{KEY_PREFIX}:{name}:{counted_address(request)}:{window}"
    seconds_left = max(1, math.ceil((window + 1) * seconds - now))
    return key, requests, seconds_left


def _increment(cache, key, seconds_left, known):
    """The count after this request; `cache.add` opens a window only once between workers."""
    if not known and cache.add(key, 1, seconds_left + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between get and incr: this request opens the next
        cache.add(key, 1, seconds_left + 1)
        return 1


def _django_redis_client(cache):
    """The Redis connection behind a django-redis cache, or None for any other cache."""
    client = getattr(cache, "client", None)
    return client if hasattr(client, "get_client") else None


def _increment_atomically(redis_cache, key, seconds_left):
    """INCR and EXPIRE in one MULTI/EXEC: the count after this request; 0 if Redis is down."""
    full_key = redis_cache.make_key(key)
    try:
        pipeline = redis_cache.get_client(write=True).pipeline(transaction=True)
        pipeline.incr(full_key)
        pipeline.expire(full_key, seconds_left + 1, nx=True)
        return pipeline.execute()[0]
    except RedisError:
        return 0


def hit(request, name, count=True):
    """Say whether this request is over the limit `name`, and count it (unless count=False
    or it is over already: a visitor who keeps knocking costs one cache read each time, one
    INCR on Redis)."""
    if limit_of(name) is None:
        return Verdict(False, 0)
    cache = _cache()
    key, requests, seconds_left = _window(name, request, time.time())
    redis_cache = _django_redis_client(cache)
    if count and redis_cache is not None:
        over = _increment_atomically(redis_cache, key, seconds_left) > requests
    else:
        used = cache.get(key) or 0
        over = used >= requests
        if count and not over:
            over = _increment(cache, key, seconds_left, known=used > 0) > requests
    verdict = Verdict(over, seconds_left)
    if over:
        request.rate_limited = verdict  # the middleware adds Retry-After to the view's 429
    return verdict
