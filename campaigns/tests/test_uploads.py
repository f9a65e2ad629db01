"""Uploads in the admin: the forms Wagtail and wagtailmedia build from our form bases."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtailmedia.forms import get_media_form
from wagtailmedia.models import Media

from campaigns.svg import sanitise_svg

from .factories import VTT, mp4_bytes, png_bytes, wav_bytes

pytestmark = pytest.mark.django_db

HOSTILE_SVGS = {
    "script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
              b'<rect width="4" height="4"/></svg>',
    "handler": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
               b'<rect width="4" height="4" onclick="alert(2)"/></svg>',
    "foreign": b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe '
               b'xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/>'
               b'</foreignObject><rect width="4" height="4"/></svg>',
    "link": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<a xlink:href="javascript:alert(1)"><rect width="4" height="4"/></a>'
            b'<image href="https://tracker.example/p.png"/>'
            b'<use href="https://evil.example/sprite.svg#x"/></svg>',
    "style": b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/'
             b'a.css); rect { fill: url(https://evil.example/x) }</style>'
             b'<rect width="4" height="4" style="fill:url(http://evil.example/y)"/></svg>',
}


def upload(name, data):
    return SimpleUploadedFile(name, data)


def image_form(name, data):
    form_class = get_image_form(get_image_model())
    return form_class(data={"title": name, "collection": 1}, files={"file": upload(name, data)},
                      user=None)


def document_form(name, data):
    form_class = get_document_form(get_document_model())
    return form_class(data={"title": name, "collection": 1}, files={"file": upload(name, data)},
                      user=None)


def media_form(kind, name, data):
    form_class = get_media_form(Media)
    return form_class(data={"title": name, "collection": 1, "duration": 1},
                      files={"file": upload(name, data)}, instance=Media(type=kind), user=None)


@pytest.mark.parametrize("kind", HOSTILE_SVGS)
def test_hostile_svg_is_stored_without_anything_active_or_external(kind):
    form = image_form("figur.svg", HOSTILE_SVGS[kind])
    assert form.is_valid(), form.errors
    image = form.save()

    stored = image.file.open("rb").read().decode().lower()

    for forbidden in ("script", "onload", "onclick", "foreignobject", "javascript:", "example",
                      "@import", "iframe"):
        assert forbidden not in stored
    assert "<rect" in stored
    assert not image.file.name.endswith("figur.svg")  # stored under a random name


def test_svg_with_entities_is_refused():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">'
            b'<text>&b;</text></svg>')
    form = image_form("bombe.svg", bomb)
    assert not form.is_valid() and "file" in form.errors


def test_svg_from_a_drawing_program_keeps_its_drawing():
    drawn = (b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
             b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/'
             b'2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs>'
             b'<path d="M0 0h10v10z" fill="url(#g)" style="stroke:#c00;opacity:0.5"/></svg>')
    cleaned = sanitise_svg(drawn).decode()
    assert 'fill="url(#g)"' in cleaned and 'd="M0 0h10v10z"' in cleaned
    assert "stroke:#c00;opacity:0.5" in cleaned


def test_corrupt_image_is_refused_with_a_message():
    truncated = png_bytes((400, 400))[:200]
    form = image_form("kaputt.png", truncated)
    assert not form.is_valid() and form.errors["file"]


def test_image_named_like_another_format_is_refused():
    buffer = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (4, 4)).save(buffer, "JPEG")
    form = image_form("falsch.png", buffer.getvalue())
    assert not form.is_valid() and form.errors["file"]


def test_good_image_is_stored_under_a_random_name():
    form = image_form("../../etc/plakat.png", png_bytes())
    assert form.is_valid(), form.errors
    image = form.save()
    assert "plakat" not in image.file.name and ".." not in image.file.name


@pytest.mark.parametrize(("name", "data"), [
    ("flyer.pdf", b"PK\x03\x04 this is a zip"),
    ("untertitel.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nSRT, not WebVTT\n"),
    ("notiz.txt", png_bytes()),
    ("leer.pdf", b""),
])
def test_mislabelled_or_empty_document_is_refused(name, data):
    form = document_form(name, data)
    assert not form.is_valid() and form.errors["file"]


def test_webvtt_document_is_accepted():
    form = document_form("untertitel-fr.vtt", VTT)
    assert form.is_valid(), form.errors


def test_oversized_document_is_refused(settings):
    settings.CAMPAIGNS_UPLOAD_LIMITS = {"document": 10}
    form = document_form("gross.pdf", b"%PDF-1.4 " + b"x" * 100)
    assert not form.is_valid() and form.errors["file"]


@pytest.mark.parametrize(("kind", "name", "data"), [
    ("audio", "spot.mp3", png_bytes()),  # an image called .mp3
    ("audio", "spot.mp3", wav_bytes()),  # a WAV called .mp3
    ("video", "film.mp4", b"not a film at all" * 10),
    ("video", "film.wav", wav_bytes()),  # sound uploaded as a film
])
def test_media_that_is_not_what_it_says_is_refused(kind, name, data):
    form = media_form(kind, name, data)
    assert not form.is_valid() and form.errors["file"]


@pytest.mark.parametrize(("kind", "name", "data"), [
    ("audio", "spot.wav", wav_bytes()),
    ("video", "film.mp4", mp4_bytes()),
])
def test_real_media_is_accepted(kind, name, data):
    form = media_form(kind, name, data)
    assert form.is_valid(), form.errors
