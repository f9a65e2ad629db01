"""Checks on every file uploaded in the admin (images, documents, audio and video): the
content must be what the extension says (sniffed, not trusted), within the size limit and
readable; SVGs are sanitised before they are stored; every file is stored under a random
name, so an uploaded file name never decides where it lands. Wired in through Wagtail's and
wagtailmedia's form-base settings."""

import os
import struct
import uuid
import warnings

import filetype
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm
from wagtailmedia.forms import BaseMediaForm

from .svg import UnsafeSvg, sanitise_svg

MB = 1024 * 1024
DEFAULT_LIMITS = {"document": 50 * MB, "audio": 200 * MB, "video": 1024 * MB}
SNIFF_BYTES = 8192

# what the content of a file with this extension may be, as `filetype` names it
MEDIA_CONTENT = {
    "mp3": {"mp3"}, "wav": {"wav"}, "ogg": {"ogg", "opus"}, "oga": {"ogg", "opus"},
    "opus": {"ogg", "opus"}, "m4a": {"m4a", "mp4"}, "mp4": {"mp4", "m4v", "m4a", "mov"},
    "m4v": {"mp4", "m4v", "mov"}, "webm": {"webm"}, "ogv": {"ogg", "ogv"},
}
ZIP_BASED = {"docx", "xlsx", "pptx", "odt", "key", "zip"}


def upload_limit(kind):
    limits = getattr(settings, "CAMPAIGNS_UPLOAD_LIMITS", {})
    return limits.get(kind, DEFAULT_LIMITS[kind])


def _extension(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _head(uploaded):
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    return head


def _check_size(uploaded, kind):
    limit = upload_limit(kind)
    if uploaded.size > limit:
        raise forms.ValidationError(
            _("This file is too big (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="file_too_large")


def _renamed(uploaded, extension):
    """The same upload under a random storage name."""
    uploaded.name = f"{uuid.uuid4().hex}.{extension}"
    return uploaded


def _mislabelled(extension, found):
    return forms.ValidationError(
        _("This file is not what its name says: it ends in .%(extension)s but contains "
          "%(found)s. Save it in the right format and upload it again.")
        % {"extension": extension, "found": found}, code="mislabelled")


def check_document(uploaded):
    extension = _extension(uploaded.name)
    _check_size(uploaded, "document")
    head = _head(uploaded)
    if uploaded.size == 0:
        raise forms.ValidationError(_("This file is empty."), code="empty")
    guessed = filetype.guess(head)
    if extension == "pdf":
        valid = head.startswith(b"%PDF-")
    elif extension in ZIP_BASED:
        valid = head.startswith(b"PK\x03\x04")
    elif extension == "rtf":
        valid = head.startswith(b"{\\rtf")
    elif extension == "vtt":
        valid = head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT")
        if not valid and guessed is None:
            raise forms.ValidationError(
                _("This is not a WebVTT subtitle file: it must start with the line “WEBVTT”."),
                code="invalid_vtt")
    elif extension in ("txt", "csv"):
        valid = guessed is None and b"\x00" not in head
    else:
        valid = True
    if not valid:
        raise _mislabelled(extension, guessed.mime if guessed else _("something else"))
    return _renamed(uploaded, extension)


def check_media(uploaded, media_type):
    extension = _extension(uploaded.name)
    _check_size(uploaded, "video" if media_type == "video" else "audio")
    guessed = filetype.guess(_head(uploaded))
    if guessed is None or guessed.mime.split("/")[0] not in ("audio", "video"):
        raise forms.ValidationError(
            _("This file is not %(kind)s: its content is not a sound or video format we know.")
            % {"kind": _("audio") if media_type == "audio" else _("a video")},
            code="not_media")
    if guessed.extension not in MEDIA_CONTENT.get(extension, {extension}):
        raise _mislabelled(extension, guessed.mime)
    if media_type == "video" and guessed.mime.startswith("audio/"):
        raise forms.ValidationError(_("This is a sound file: add it as audio, not as video."),
                                    code="audio_as_video")
    return _renamed(uploaded, extension)


def check_image(uploaded):
    """Wagtail has already checked extension, format and size; sanitise SVGs and decode
    raster images completely (a truncated or corrupt file fails here, not on a rendition)."""
    extension = _extension(uploaded.name)
    if extension == "svg":
        try:
            cleaned = sanitise_svg(uploaded.read())
        except UnsafeSvg:
            raise forms.ValidationError(
                _("This SVG file cannot be read or declares entities; export it again as "
                  "plain SVG."), code="invalid_svg") from None
        return SimpleUploadedFile(f"{uuid.uuid4().hex}.svg", cleaned,
                                  content_type="image/svg+xml")
    try:
        uploaded.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(uploaded) as image:
                image.load()
    except Exception:  # noqa: BLE001 (PIL raises many kinds for damaged files)
        raise forms.ValidationError(
            _("This image is damaged or incomplete and cannot be opened."),
            code="corrupt_image") from None
    uploaded.seek(0)
    return _renamed(uploaded, "jpg" if extension == "jpeg" else extension)


def _readable_or_invalid(to_python):
    """Wagtail's image field lets decoding errors of damaged files escape (a 500)."""

    def checked(data):
        try:
            return to_python(data)
        except (OSError, SyntaxError, ValueError, struct.error):
            raise forms.ValidationError(
                _("This image is damaged or incomplete and cannot be opened."),
                code="corrupt_image") from None

    return checked


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].to_python = _readable_or_invalid(self.fields["file"].to_python)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            cleaned = check_image(uploaded)
            if cleaned is not uploaded:
                # Wagtail reads size and dimensions from the stored file afterwards
                cleaned.image = getattr(uploaded, "image", None)
            return cleaned
        return uploaded


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            return check_document(uploaded)
        return uploaded


class SafeMediaForm(BaseMediaForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            return check_media(uploaded, self.instance.type)
        return uploaded

    def clean_thumbnail(self):
        uploaded = self.cleaned_data.get("thumbnail")
        if isinstance(uploaded, UploadedFile):
            return check_image(uploaded)
        return uploaded
