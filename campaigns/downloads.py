"""Downloads go through Django, never straight to the storage: each request is checked
(expiry, collection privacy), counted, and named after the material. ZIPs of a campaign or of
a selection are streamed while the files are read, so memory stays flat however large."""

import mimetypes
import re
import stat
from datetime import datetime

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from stream_zip import ZIP_AUTO, stream_zip

from .access import is_restricted, refusal, visible_to
from .files import RENDITION_FORMATS, RENDITION_SIZES, raster_image
from .models import DownloadCount, MaterialPage, MaterialType

CHUNK = 64 * 1024
BYTE_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")  # longer: not a range of a file here
MAX_SELECTION = 200
MAX_PAGE_ID = 2**31 - 1  # PostgreSQL's integer, the type of page ids
COMPRESSIBLE = {".svg", ".vtt", ".txt", ".csv", ".rtf", ".wav"}
CONTENT_TYPES = {".vtt": "text/vtt", ".svg": "image/svg+xml", ".webm": "video/webm",
                 ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg",
                 ".m4a": "audio/mp4", ".webp": "image/webp"}
# An SVG opened directly must not run or load anything, even if sanitising missed something.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def _content_type(name):
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES.get(extension) or mimetypes.guess_type(name)[0] \
        or "application/octet-stream"


def _file_response(field_file, name, inline, private):
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=not inline, filename=name,
                            content_type=_content_type(name))
    if name.lower().endswith(".svg"):
        response["Content-Security-Policy"] = SVG_POLICY
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=3600"
    return response


def _part(handle, length):
    with handle:
        while length > 0 and (chunk := handle.read(min(CHUNK, length))):
            length -= len(chunk)
            yield chunk


def _ranged_response(request, field_file, name, private):
    """Media players ask for parts of a file (Safari on iPhones plays nothing otherwise):
    one byte range gets 206 with that part; None when the request asks for the whole file."""
    match = BYTE_RANGE.match(request.headers.get("Range", "").strip())
    if not match or not any(match.groups()):
        return None
    size = field_file.size
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    else:
        start, end = max(0, size - int(last)), size - 1
    if start > end:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle = field_file.storage.open(field_file.name, "rb")
    handle.seek(start)
    response = StreamingHttpResponse(_part(handle, end - start + 1), status=206,
                                     content_type=_content_type(name))
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=3600"
    return response


def _is_private(request, material):
    return is_restricted(material)


def material_file_response(request, material, key, inline=False):
    refused = refusal(request, material)
    if refused is not None:
        return refused
    wanted = next((f for f in material.files() if f.key == key), None)
    if wanted is None:
        raise Http404
    private = _is_private(request, material)
    if inline:
        try:
            partial = _ranged_response(request, wanted.file, wanted.name, private)
        except FileNotFoundError:
            raise Http404 from None
        if partial is not None:
            return partial
    else:
        DownloadCount.add([material])
    response = _file_response(wanted.file, wanted.name, inline, private)
    if inline:
        response["Accept-Ranges"] = "bytes"
    return response


def rendition_response(request, material, size, image_format):
    refused = refusal(request, material)
    if refused is not None:
        return refused
    image = raster_image(material)
    if image is None or size not in RENDITION_SIZES or image_format not in RENDITION_FORMATS:
        raise Http404
    rendition = image.get_rendition(f"{RENDITION_SIZES[size]}|{RENDITION_FORMATS[image_format]}")
    extension = "jpg" if image_format == "jpeg" else image_format
    DownloadCount.add([material])
    return _file_response(rendition.file, f"{material.slug}-{size}.{extension}", False,
                          _is_private(request, material))


# --- ZIP --------------------------------------------------------------------------------


def _read(field_file):
    with field_file.storage.open(field_file.name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _text_file(material):
    parts = [material.title, ""]
    for version in material.text_versions:
        parts += [f"## {version['label']}", version["text"], ""]
    if material.approved_on:
        parts.append(_("Approved on %(date)s") % {"date": material.approved_on.isoformat()})
    return "\n".join(str(part) for part in parts).encode()


def _rights_file(materials):
    lines = []
    for material in materials:
        lines += [material.title, f"  {_('Licence')}: {material.get_licence_display()}"]
        if material.credit_line:
            lines.append(f"  {_('Credit')}: {material.credit_line}")
        if material.allowed_uses:
            lines.append(f"  {_('Allowed uses')}: {material.allowed_uses}")
        if material.expires_on:
            lines.append(f"  {_('Rights expire on')}: {material.expires_on.isoformat()}")
        lines.append("")
    return "\n".join(str(line) for line in lines).encode()


def zip_members(materials):
    """(name, modified, mode, method, chunks) for stream_zip: one folder per material type,
    files named after the material, a text file per text element and the rights of all."""
    now = timezone.now().replace(tzinfo=None)
    mode = stat.S_IFREG | 0o644
    used = set()
    for material in materials:
        folder = material.material_type
        if material.material_type == MaterialType.TEXT:
            data = _text_file(material)
            yield (f"{folder}/{material.slug}.txt", now, mode, ZIP_AUTO(len(data), level=6),
                   iter([data]))
        for file in material.files():
            name = f"{folder}/{file.name}"
            if name in used:
                continue
            used.add(name)
            size = file.size
            if size is None:
                continue
            level = 6 if file.extension in COMPRESSIBLE else 0  # media is compressed already
            modified = getattr(file.file.instance, "created_at", None) or now
            if isinstance(modified, datetime) and modified.tzinfo:
                modified = modified.replace(tzinfo=None)
            yield name, modified, mode, ZIP_AUTO(size, level=level), _read(file.file)
    rights = _rights_file(materials)
    yield _("rights") + ".txt", now, mode, ZIP_AUTO(len(rights), level=6), iter([rights])


def zip_response(materials, filename):
    materials = list(materials)
    DownloadCount.add(materials)
    response = StreamingHttpResponse(stream_zip(zip_members(materials), chunk_size=CHUNK),
                                     content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _with_files(materials):
    return materials.select_related("media__collection", "image__collection",
                                    "document__collection").prefetch_related(
        "variants__image__collection", "variants__document__collection",
        "subtitles__document__collection")


def campaign_zip_response(request, campaign):
    materials = visible_to(request, MaterialPage.objects.live().child_of(campaign))
    materials = _with_files(materials.order_by("path"))
    return zip_response(materials, f"{campaign.slug}.zip")


def selected_ids(values):
    """The material ids asked for (at most MAX_SELECTION), or None when one of them is not a
    page id at all: not a whole number, or outside what the database's id column holds (a
    23-digit number would otherwise fail in the database, as a server error)."""
    ids = []
    for value in values[:MAX_SELECTION]:
        value = value.strip()
        if not (len(value) <= len(str(MAX_PAGE_ID)) and value.isascii() and value.isdigit()
                and 0 < int(value) <= MAX_PAGE_ID):
            return None
        ids.append(int(value))
    return ids


def selection_refused(request, library, message):
    """400 in the site's layout, below the library (breadcrumbs, a link back to it)."""
    return render(request, "campaigns/selection_refused.html",
                  {"page": library, "message": message}, status=400)


def selection_zip_response(request, library):
    ids = selected_ids(request.GET.getlist("material"))
    if ids is None:
        return selection_refused(request, library, _("The selection is not valid."))
    if not ids:
        return selection_refused(request, library,
                                 _("Choose at least one material to download."))
    materials = visible_to(request, MaterialPage.objects.live()
                           .descendant_of(library).filter(pk__in=ids))
    materials = _with_files(materials.order_by("path"))
    if not materials:
        raise Http404
    return zip_response(materials, f"{library.slug}-{timezone.localdate():%Y-%m-%d}.zip")
