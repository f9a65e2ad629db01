"""Error answers: `{"detail": ...}` JSON for every path under /api/ (machines read it), the
site's own page elsewhere (people read it). Django's handler403, handler404 and handler500 point
here."""

from http import HTTPStatus

from django.http import HttpResponseForbidden, HttpResponseNotFound, JsonResponse
from django.template import loader
from django.views import defaults
from wagtail.models import Locale

from campaigns.models import CampaignIndexPage

API_PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "Vary", "Access-Control-Allow-Origin", "Retry-After")


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def json_error(status, detail=None):
    return JsonResponse({"detail": detail or f"{HTTPStatus(status).phrase}."}, status=status)


def as_json_error(response):
    """An error response of any kind as JSON with the same status and the headers a client
    needs (the methods allowed after a 405, CORS)."""
    answer = json_error(response.status_code)
    for header in KEPT_HEADERS:
        if header in response.headers:
            answer.headers[header] = response.headers[header]
    return answer


def page_not_found(request, exception):
    if is_api(request):
        return json_error(404, "Not found: no such API endpoint or object.")
    # No translation of a missing page exists: the language switcher leads to the home page
    # of each language (the same path in another language would be missing too).
    context = {"request_path": request.path, "exception": exception, "translation_urls": {}}
    return HttpResponseNotFound(loader.render_to_string(defaults.ERROR_404_TEMPLATE_NAME,
                                                        context, request))


def library_url(request):
    """The campaign library in the request's language, where a partner-only material's
    visitor can go on; None when there is none."""
    library = CampaignIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    return library.get_url(request) if library else None


def permission_denied(request, exception):
    """A signed-in user whom a partner-only page leaves out (anonymous visitors get the login
    page instead)."""
    if is_api(request):
        return json_error(403, "Forbidden: you may not see this.")
    context = {"exception": exception, "translation_urls": {},
               "library_url": library_url(request)}
    return HttpResponseForbidden(loader.render_to_string(defaults.ERROR_403_TEMPLATE_NAME,
                                                         context, request))


def server_error(request):
    if is_api(request):
        return json_error(500, "Internal server error: the API could not answer this request.")
    return defaults.server_error(request)
