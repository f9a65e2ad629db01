from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware

from .errors import as_json_error, is_api

ADMIN_PATHS = ("/admin/", "/django-admin/")


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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a policy of its own for the admin (Wagtail's editor needs allowances the
    public pages must not have), plus the frame sources a template asked for with
    `{% csp_allow_frames %}` (YouTube's player, only on pages that show one). A page rendered
    for the admin's live preview keeps its public policy, framed by the admin only."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(ADMIN_PATHS):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        config = parts.config or settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        replace = {}
        if frames := getattr(request, "csp_frame_sources", None):
            allowed = [source for source in config.get("frame-src") or [] if source != NONE]
            replace["frame-src"] = [*allowed, *sorted(frames)]
        if getattr(request, "is_dummy", False):  # Wagtail's preview runs the page's own request
            replace["frame-ancestors"] = [SELF]
        if replace:
            parts.replace = {**(parts.replace or {}), **replace}
        return parts


def permissions_policy(features):
    """{"camera": [], "geolocation": ["self"]} -> 'camera=(), geolocation=(self)'."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items())


class PermissionsPolicyMiddleware:
    """Every response says which browser features the site never uses (settings.PERMISSIONS_POLICY),
    so a script injected anyhow cannot reach the camera, the microphone or the position."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


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
