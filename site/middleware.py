from django.middleware.locale import LocaleMiddleware

from .errors import as_json_error, is_api


class LocaleMiddlewareOutsideApi(LocaleMiddleware):
    """Django's LocaleMiddleware turns a 404 on an unprefixed path into a redirect to
    /de/<path>; Wagtail's catch-all route makes every such path look valid. Machine-facing
    paths (the API, health check, sitemap, widgets) answer their own 404 instead."""

    UNPREFIXED = ("/api/", "/healthz/", "/sitemap.xml", "/admin/", "/documents/", "/widgets/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


class ApiErrorsAsJson:
    """Every error under /api/ answers `{"detail": ...}`: the API's own handlers do, this
    catches the answers given before a view runs or outside it (405 of a method not allowed,
    400 of a bad Host header, a 404 or 500 from Django's handlers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code >= 400 and is_api(request)
                and not response.get("Content-Type", "").startswith("application/json")):
            return as_json_error(response)
        return response
