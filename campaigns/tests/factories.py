"""Factories for the campaign library: `make_library()` gives a site with a library page and
one campaign; `image_file()`, `document()` and `media()` make real small files."""

import io
import struct
import wave
import zipfile

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Locale
from wagtailmedia.models import Media

from campaigns.models import CampaignIndexPage, CampaignPage, MaterialPage
from home.tests.factories import make_site


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kampagnenmaterial"
    slug = "material"

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Selbsthilfetag {2020 + n}")
    slug = factory.Sequence(lambda n: f"selbsthilfetag-{2020 + n}")
    kind = "self_help_day"
    theme = "Gemeinsam stärker"

    class Meta:
        model = CampaignPage


class MaterialPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Material {n}")
    slug = factory.Sequence(lambda n: f"material-{n}")
    material_type = "text"
    text_short = "Gemeinsam sind wir stärker."
    for_web = True

    class Meta:
        model = MaterialPage


def make_library(locale=None):
    locale = locale or Locale.get_default()
    home = make_site(locale)
    library = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=library)
    return {"home": home, "library": library, "campaign": campaign}


def png_bytes(size=(40, 30), colour=(138, 21, 56)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def wav_bytes(seconds=0.2, rate=8000):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(struct.pack("<h", 0) * int(seconds * rate))
    return buffer.getvalue()


def mp4_bytes():
    """The smallest thing `filetype` takes for an MP4 video: an ftyp box."""
    return struct.pack(">I", 24) + b"ftypisom" + struct.pack(">I", 512) + b"isomiso2" + \
        b"\x00" * 64


def collection(name, parent=None):
    parent = parent or Collection.get_first_root_node()
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(name=name)


def image_file(name="visual.png", data=None, in_collection=None):
    image = Image(title=name, collection=in_collection or Collection.get_first_root_node(),
                  file=ImageFile(io.BytesIO(data or png_bytes()), name=name))
    image._set_image_file_metadata()
    image.save()
    return image


def document(name="plakat.pdf", data=b"%PDF-1.4\n%demo\n", in_collection=None):
    doc = Document(title=name, collection=in_collection or Collection.get_first_root_node())
    doc.file.save(name, ContentFile(data), save=False)
    doc._set_document_file_metadata()
    doc.save()
    return doc


def media(kind="audio", name=None, data=None, in_collection=None, duration=12):
    name = name or ("spot.wav" if kind == "audio" else "film.mp4")
    data = data or (wav_bytes() if kind == "audio" else mp4_bytes())
    item = Media(title=name, type=kind, duration=duration,
                 collection=in_collection or Collection.get_first_root_node())
    item.file.save(name, ContentFile(data), save=False)
    item.save()
    return item


VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nGemeinsam st\xc3\xa4rker\n"


def zip_names(response):
    """The material files in a (streamed) ZIP response (beside them, at the top, there is
    always exactly one file: the rights of all)."""
    assert response.status_code == 200, response.status_code
    data = b"".join(response.streaming_content) if response.streaming else response.content
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    names = set(archive.namelist())
    assert len([name for name in names if "/" not in name]) == 1
    return {name for name in names if "/" in name}
