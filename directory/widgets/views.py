"""Public widget endpoints, outside the language prefix:

- /widgets/embed.js: the script partners paste (renders into a Shadow DOM on their page);
- /api/widgets/<id>/: the widget's look, filters and results as JSON (ETag, CORS for the
  widget's allowed origins only);
- /api/widgets/<id>/click/: a click beacon (counts, nothing else);
- /widgets/<id>/frame/: the iframe alternative, framed only by the allowed origins.

No response sets a cookie or reads one. Views and clicks are counted once per browser and day
(counting.py): only a keyed daily hash of the visitor's address is kept, for a day."""

import hashlib
import json
import re
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import counting
from .models import Widget
from .search import InvalidChoices, widget_locale, widget_results

SCRIPT = Path(__file__).parent / "assets" / "embed.js"
API_CACHE_CONTROL = "public, no-cache"  # always revalidated (cheap 304s), so views count
SCRIPT_CACHE_CONTROL = "public, max-age=3600"


def etag_of(body):
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def not_modified(request, etag):
    return etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]


MAX_WIDGET_ID_DIGITS = 18  # a database integer key has at most 19


def find_widget(widget_id):
    """The widget with this id, or None for anything that is not a widget id ("²", "1e5",
    23 digits)."""
    if not re.fullmatch(rf"[0-9]{{1,{MAX_WIDGET_ID_DIGITS}}}", widget_id):
        return None
    return Widget.objects.filter(pk=int(widget_id)).first()


def allow_origin(request, response, widget):
    """CORS for the widget's own allowed origins; other origins get no CORS header at all."""
    patch_vary_headers(response, ["Origin"])
    origin = request.headers.get("Origin", "")
    if widget is not None and widget.allows_origin(origin):
        response["Access-Control-Allow-Origin"] = origin
    return response


def unavailable_message(language):
    with translation.override(language):
        return _("This directory is not available at the moment.")


@require_GET
def embed_script(request):
    body = SCRIPT.read_bytes()
    etag = etag_of(body)
    response = (HttpResponseNotModified() if not_modified(request, etag)
                else HttpResponse(body, content_type="text/javascript; charset=utf-8"))
    response["ETag"] = etag
    response["Cache-Control"] = SCRIPT_CACHE_CONTROL
    return response


@require_GET
def widget_api(request, widget_id):
    widget = find_widget(widget_id)
    if widget is None:
        return JsonResponse({"detail": f"No widget with id '{widget_id}'."}, status=404)
    locale = widget_locale(widget, request.GET.get("lang", ""))
    data = None
    if widget.enabled and locale is not None:
        with translation.override(locale.language_code):
            try:
                data = widget_results(widget, request, request.GET, locale)
            except InvalidChoices as error:
                return allow_origin(request, JsonResponse(
                    {"detail": f"Invalid filter. {error}"}, status=400), widget)
    if data is None:
        data = {"available": False,
                "message": unavailable_message(locale.language_code if locale
                                               else widget.language)}
    elif request.GET.get("view") == "1":
        counting.count(request, widget, "views", channel="api")
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    etag = etag_of(body)
    response = (HttpResponseNotModified() if not_modified(request, etag)
                else HttpResponse(body, content_type="application/json"))
    response["ETag"] = etag
    response["Cache-Control"] = API_CACHE_CONTROL
    return allow_origin(request, response, widget)


@csrf_exempt
@require_POST
def widget_click(request, widget_id):
    widget = find_widget(widget_id)
    if widget is None:
        return JsonResponse({"detail": f"No widget with id '{widget_id}'."}, status=404)
    if widget.enabled:
        counting.count(request, widget, "clicks", channel="click")
    return allow_origin(request, HttpResponse(status=204), widget)


def frame_context(request, widget, preview=False, params=None):
    """The iframe page's context; also the admin preview of an unsaved widget."""
    params = request.GET if params is None else params
    locale = widget_locale(widget, params.get("lang", ""))
    language = locale.language_code if locale else widget.language
    data = None
    if (widget.enabled or preview) and locale is not None:
        with translation.override(language):
            try:
                data = widget_results(widget, request, params, locale)
            except InvalidChoices:
                data = widget_results(widget, request, {}, locale)
    if data is None:
        data = {"available": False, "message": unavailable_message(language)}
    return {"widget": widget, "language": language, "data": data, "preview": preview}


def frame_ancestors(origins):
    return "frame-ancestors " + (" ".join(origins) if origins else "'none'")


def frame_response(request, context, ancestors, status=200):
    response = TemplateResponse(request, "widgets/frame.html", context, status=status)
    response["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'self'; connect-src 'self'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
        f"form-action 'none'; {ancestors}"
    )
    response["Cache-Control"] = "no-cache"
    return response


@xframe_options_exempt  # the CSP's frame-ancestors names exactly who may frame it
@require_GET
def widget_frame(request, widget_id):
    widget = find_widget(widget_id)
    if widget is None:
        # A neutral message any site may show: never a broken frame on a partner's page.
        language = request.GET.get("lang", "")
        language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        context = {"widget": None, "language": language,
                   "data": {"available": False, "message": unavailable_message(language)}}
        return frame_response(request, context, "frame-ancestors *", status=404)
    context = frame_context(request, widget)
    if context["data"].get("available"):
        counting.count(request, widget, "views", channel="frame")
    return frame_response(request, context, frame_ancestors(widget.origins))
