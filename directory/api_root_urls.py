"""A URLconf with only the API, without the language-prefixed patterns.

Django's LocaleMiddleware answers a 404 on a path without a language prefix with a redirect
to /de/<path>/ whenever the site's URLconf would match that path (Wagtail's catch-all always
does). An API client must get the JSON 404 itself, so the API's 404 responses tell the
middleware to look at this URLconf instead (see `api.not_found`).
"""

from django.urls import include, path

urlpatterns = [path("api/hsds/", include("directory.api_urls"))]
