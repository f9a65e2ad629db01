"""What a material's card shows, read for every channel that shows cards (the library and
the site search)."""

from django.db.models import Prefetch
from wagtail.images.models import Rendition

from .templatetags.material_images import MATERIAL_IMAGES


def with_card_data(materials):
    """What a card or a preview of each material shows, in a few queries: its image with
    every rendition the templates may ask for (all of them: see templatetags/material_images)."""
    renditions = Rendition.objects.filter(filter_spec__in=list(MATERIAL_IMAGES.values()))
    return materials.select_related("image", "media").prefetch_related(
        Prefetch("image__renditions", queryset=renditions))
