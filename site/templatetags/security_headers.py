"""`{% csp_allow_frames "https://…" %}`: a template that shows a frame of another site says so,
and only the pages rendering it allow that site in their Content-Security-Policy
(entraide.middleware.ContentSecurityPolicyMiddleware reads what was asked)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def csp_allow_frames(context, *sources):
    request = context.get("request")
    if request is not None:
        if not hasattr(request, "csp_frame_sources"):
            request.csp_frame_sources = set()
        request.csp_frame_sources.update(sources)
    return ""
