"""The files of a material, each under a stable key used in download URLs and ZIPs. Download
names come from the material's slug, never from the name a file was uploaded with."""

import os
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import MaterialPage, MaterialType

# Every file a material owns, as a lookup from the material: who may see the material is
# decided over all of them (access.py), and material_files() offers nothing else.
FILE_SLOTS = ("media", "image", "document", "variants__image", "variants__document",
              "subtitles__document")

RENDITION_SIZES = {"web": "max-1600x1600", "print": "max-3508x3508"}
RENDITION_FORMATS = {"png": "format-png", "jpeg": "format-jpeg|jpegquality-90",
                     "webp": "format-webp"}
RENDITION_LABELS = {"web": _("web size"), "print": _("print size")}


@dataclass
class MaterialFile:
    key: str
    label: str
    file: object  # a FieldFile
    collection: object
    name: str  # the download name

    @property
    def extension(self):
        return os.path.splitext(self.file.name)[1].lower()

    @property
    def size(self):
        try:
            return self.file.size
        except OSError:
            return None


def slot_model(slot):
    """The file model of a slot: wagtailmedia's Media, Wagtail's Image or Document."""
    model = MaterialPage
    for name in slot.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def owned_files(material):
    """The image, document and media objects of every slot of the material."""
    owned = []
    for slot in FILE_SLOTS:
        if "__" in slot:
            relation, field = slot.split("__")
            owners = getattr(material, relation).all()
        else:
            owners, field = [material], slot
        owned += [getattr(owner, field) for owner in owners if getattr(owner, f"{field}_id")]
    return owned


def _extension(field_file):
    return os.path.splitext(field_file.name)[1].lower()


def material_files(material):
    """Every file of the material that can be downloaded, main file first."""
    files = []
    slug = material.slug

    def add(key, label, obj, suffix=""):
        if obj is None or not obj.file:
            return
        name = f"{slug}{suffix}{_extension(obj.file)}"
        files.append(MaterialFile(key, label, obj.file, obj.collection, name))

    if material.media_id:
        kind = _("audio") if material.media.type == "audio" else _("video")
        add("media", kind, material.media)
    if material.document_id:
        add("document", _("PDF") if _extension(material.document.file) == ".pdf"
            else _("document"), material.document, "" if not files else "-document")
    if material.image_id:
        poster = material.material_type in (MaterialType.AUDIO, MaterialType.FILM)
        add("image", _("poster image") if poster else _("original image"), material.image,
            "-poster" if poster or files else "")
    for variant in material.variants.all():
        for obj, kind in ((variant.image, "image"), (variant.document, "document")):
            add(f"variant-{variant.pk}-{kind}", variant.label, obj,
                f"-{variant.pk}-{kind}" if kind == "document" else f"-{variant.pk}")
    for subtitle in material.subtitles.all():
        add(f"subtitle-{subtitle.pk}", _("subtitles (%(language)s)")
            % {"language": subtitle.get_language_display()}, subtitle.document,
            f"-{subtitle.language}")
    return files


def raster_image(material):
    """The image renditions are made of (not SVG: Wagtail cannot convert it)."""
    image = material.image if material.image_id else None
    if image is None or image.is_svg():
        return None
    return image
