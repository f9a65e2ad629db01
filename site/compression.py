"""Gzip for the pages the app renders, except where it would help a BREACH attack.

BREACH guesses a secret in a compressed response from its size, by reflecting attacker-chosen
text (a search query) next to it. So pages are compressed only when they hold no secret: not
when the page rendered a CSRF token (forms: contact, passwords, the admin) nor for a signed-in
user (the admin, partners' private pages). Django's GZipMiddleware also pads each response
with random bytes ("Heal the Breach"), which makes the remaining guesswork harder still.
Static files are compressed ahead of time by WhiteNoise; media files are not text.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("text/html", "application/json")


def holds_secret(request):
    # csrf.get_token() (a form's token) and rotate_token() (sign-in) set this key; the CSRF
    # middleware, whose answer passes here before ours, resets it to False but leaves it
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class PublicPageGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in COMPRESSED_TYPES or holds_secret(request):
            return response
        return super().process_response(request, response)
