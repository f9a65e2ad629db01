from django.middleware.locale import LocaleMiddleware


class LocaleMiddlewareOutsideApi(LocaleMiddleware):
    """Django's LocaleMiddleware turns a 404 on an unprefixed path into a redirect to
    /de/<path>; Wagtail's catch-all route makes every such path look valid. Machine-facing
    paths (the API, health check, sitemap, widgets) answer their own 404 instead."""

    UNPREFIXED = ("/api/", "/healthz/", "/sitemap.xml", "/admin/", "/documents/", "/widgets/",
                  "/media/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
