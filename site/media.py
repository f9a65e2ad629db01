"""/media/<path>: uploaded files served only to whom may see them, in every environment.

A path is served only when a database row names it: a Wagtail image (original or rendition),
document, wagtailmedia file or thumbnail, or a file of any other model. The request must then
pass the rules of the object that owns it:
- its editors (who may change or choose it in the admin) always see it, for the choosers and
  previews;
- the privacy of its collection (Wagtail's CollectionViewRestriction; for documents Wagtail's
  own `before_serve_document` hooks, as its document view runs them);
- when campaign materials use it, at least one of them must be visible to the request
  (campaigns.access: rights not expired, page and file privacy);
- files of other models (avatars...) are for signed-in admin users only.
Unknown paths answer 404. What anyone may see is cacheable (`public`); everything else is sent
with `Cache-Control: private, no-cache`. Behind nginx (`MEDIA_ACCEL_REDIRECT_PREFIX`) the body is
left to nginx through X-Accel-Redirect, after the same check.
"""

import mimetypes
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.utils.cache import get_conditional_response
from django.utils.functional import cached_property
from django.utils.http import http_date
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction
from wagtail.permissions import policy_registry
from wagtail.wagtail_hooks import require_wagtail_login
from wagtailmedia.models import get_media_model

RENDITION_MAX_AGE = 7 * 24 * 3600  # names can come back when an image is replaced: not "immutable"
FILE_MAX_AGE = 3600  # originals, documents, and anything a campaign material uses (expiry)
PRIVATE = "private, no-cache"  # the browser keeps it, but asks again (a cheap 304) each time
INLINE_TYPES = ("image/", "audio/", "video/", "application/pdf", "text/vtt")
# Like the material downloads: an SVG opened on its own must not run or load anything.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
DOCUMENT_POLICY = "default-src 'none'"  # what Wagtail's document view sends
CONTENT_TYPES = {".vtt": "text/vtt", ".svg": "image/svg+xml", ".webp": "image/webp",
                 ".webm": "video/webm", ".m4a": "audio/mp4", ".oga": "audio/ogg",
                 ".opus": "audio/ogg"}
BYTE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@dataclass
class Owner:
    """The object a stored file belongs to, and the file itself."""

    item: models.Model  # the image, document or media whose rules apply (None: another model)
    file: object  # the FieldFile named by the path
    rendition: bool = False

    @cached_property
    def materials(self):
        """The campaign materials using the file (with their own rules)."""
        return list(owning_materials(self.item)) if self.item is not None else []


# --- which object owns the path -----------------------------------------------------------


def _library_lookups():
    """(model, file field, how to reach the library object) for the files we know."""
    image, document, media = get_image_model(), get_document_model(), get_media_model()
    return [
        (image.get_rendition_model(), "file", lambda rendition: rendition.image),
        (image, "file", None),
        (document, "file", None),
        (media, "file", None),
        (media, "thumbnail", None),
    ]


@cache
def _other_file_fields():
    """Every other FileField of the project (user avatars...), found once."""
    known = {(model, field) for model, field, _ in _library_lookups()}
    return [(model, field.name) for model in apps.get_models()
            for field in model._meta.get_fields()
            if isinstance(field, models.FileField) and (model, field.name) not in known]


def find_owner(name):
    for model, field, to_item in _library_lookups():
        row = model.objects.filter(**{field: name}).first()
        if row is not None:
            item = to_item(row) if to_item else row
            return Owner(item, getattr(row, field), rendition=to_item is not None)
    for model, field in _other_file_fields():
        row = model._default_manager.filter(**{field: name}).first()
        if row is not None:
            return Owner(None, getattr(row, field))
    return None


# --- who may see it -----------------------------------------------------------------------


def _manages(user, item):
    if not user.is_authenticated:
        return False
    policy = policy_registry.get(item)
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], item)


def _collection_refusal(request, item):
    """Wagtail's collection privacy: the document view's own hooks for documents (so any rule
    registered there holds here too), the same restriction check for images and media."""
    if isinstance(item, get_document_model()):
        for hook in hooks.get_hooks("before_serve_document"):
            if (response := hook(item, request)) is not None:
                return response
        return None
    for restriction in item.collection.get_view_restrictions():
        if restriction.accept_request(request):
            continue
        if not request.user.is_authenticated and restriction.restriction_type in (
                BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS):
            return require_wagtail_login(next=request.get_full_path())
        raise PermissionDenied
    return None


@cache
def _lookups_to(page_model, file_model):
    """How a material reaches a file of this model: its own fields, and its children's
    (variants, subtitles...), so that a file field added later is covered too."""
    lookups = [field.name for field in page_model._meta.get_fields()
               if field.many_to_one and field.related_model is file_model]
    for relation in page_model._meta.related_objects:
        if relation.one_to_many:
            lookups += [f"{relation.name}__{field.name}"
                        for field in relation.related_model._meta.get_fields()
                        if field.many_to_one and field.related_model is file_model]
    return lookups


def owning_materials(item):
    from campaigns.models import MaterialPage

    condition = Q()
    for lookup in _lookups_to(MaterialPage, type(item)):
        condition |= Q(**{lookup: item})
    if not condition:
        return MaterialPage.objects.none()
    return MaterialPage.objects.filter(condition).distinct()


def _material_refusal(request, materials):
    """None when one of the materials using the file is visible to the request; else the
    refusal campaigns.access gives for one of them (login page, 403, 404)."""
    from campaigns.access import Visibility
    from campaigns.access import refusal as material_refusal
    from campaigns.models import MaterialPage

    live = MaterialPage.objects.live().filter(pk__in=[material.pk for material in materials])
    if Visibility(request).apply(live).exists():
        return None
    first = live.first()
    response = material_refusal(request, first) if first is not None else None
    if response is None:  # e.g. a draft, or a page restriction on the material
        raise Http404
    return response


def refusal(request, owner):
    """None when the request may have the file; else a response (login page), or raises
    PermissionDenied / Http404."""
    user = request.user
    if owner.item is None:
        if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
            return None
        raise Http404
    if _manages(user, owner.item):
        return None
    if (response := _collection_refusal(request, owner.item)) is not None:
        return response
    if owner.materials:
        return _material_refusal(request, owner.materials)
    return None


def _is_public(request, owner):
    """Whether anyone at all may have the file (then shared caches may keep it)."""
    from campaigns.access import is_restricted

    if request.user.is_authenticated or owner.item is None:
        return False
    if owner.item.collection.get_view_restrictions().exists():
        return False
    return not any(is_restricted(material) or material.get_view_restrictions().exists()
                   for material in owner.materials)


# --- answering ------------------------------------------------------------------------------


def _content_type(name):
    extension = posixpath.splitext(name)[1].lower()
    return CONTENT_TYPES.get(extension) or mimetypes.guess_type(name)[0] \
        or "application/octet-stream"


def _headers(request, owner, name):
    content_type = _content_type(name)
    if not _is_public(request, owner):
        cache_control = PRIVATE
    elif owner.rendition and not owner.materials:
        cache_control = f"public, max-age={RENDITION_MAX_AGE}"
    else:
        cache_control = f"public, max-age={FILE_MAX_AGE}"
    disposition = "inline" if content_type.startswith(INLINE_TYPES) else "attachment"
    headers = {"Content-Type": content_type, "Cache-Control": cache_control,
               "Content-Disposition": f"{disposition}; filename=\"{posixpath.basename(name)}\"",
               "X-Content-Type-Options": "nosniff", "Accept-Ranges": "bytes"}
    if content_type == "image/svg+xml":
        headers["Content-Security-Policy"] = SVG_POLICY
    elif isinstance(owner.item, get_document_model()):
        headers["Content-Security-Policy"] = DOCUMENT_POLICY
    return headers


def _accel_response(name, headers):
    """nginx sends the file (and answers ranges and revalidations itself)."""
    response = HttpResponse(headers=headers)
    del response["Accept-Ranges"]
    response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT_PREFIX + quote(name)
    return response


def _byte_range(request, size, etag):
    """(start, end) of the one range asked for, None for the whole file; If-Range with
    another ETag asks for the whole file."""
    match = BYTE_RANGE.match(request.headers.get("Range", "").strip())
    if_range = request.headers.get("If-Range")
    if not match or not any(match.groups()) or (if_range and if_range != etag):
        return None
    first, last = match.groups()
    if first:
        return int(first), min(int(last), size - 1) if last else size - 1
    return max(0, size - int(last)), size - 1


def _file_response(request, field_file, headers):
    storage, name = field_file.storage, field_file.name
    try:
        size, modified = storage.size(name), storage.get_modified_time(name)
    except FileNotFoundError:
        raise Http404 from None
    etag = f'"{size:x}-{int(modified.timestamp() * 1e6):x}"'
    headers = {**headers, "ETag": etag, "Last-Modified": http_date(modified.timestamp())}
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(modified.timestamp()),
        response=HttpResponse(headers=headers))
    if not_modified.status_code != 200:
        return not_modified
    wanted = _byte_range(request, size, etag)
    if wanted is not None and wanted[0] > wanted[1]:
        response = HttpResponse(status=416, headers={**headers, "Content-Range":
                                                     f"bytes */{size}"})
        del response["Content-Type"]
        return response
    if request.method == "HEAD":
        return HttpResponse(headers={**headers, "Content-Length": str(size)})
    handle = storage.open(name, "rb")
    if wanted is None:
        response = FileResponse(handle)
    else:
        start, end = wanted
        handle.seek(start)
        response = FileResponse(_limited(handle, end - start + 1), status=206)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    for header, value in headers.items():
        response[header] = value
    return response


def _limited(handle, length, chunk=64 * 1024):
    with handle:
        while length > 0 and (data := handle.read(min(chunk, length))):
            length -= len(data)
            yield data


def serve(request, path):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    name = posixpath.normpath(path)
    if name != path or name.startswith(("/", "..")) or "\x00" in name:
        raise Http404
    owner = find_owner(name)
    if owner is None:
        raise Http404
    if (response := refusal(request, owner)) is not None:
        return response
    headers = _headers(request, owner, name)
    if getattr(settings, "MEDIA_ACCEL_REDIRECT_PREFIX", ""):
        return _accel_response(name, headers)
    return _file_response(request, owner.file, headers)
