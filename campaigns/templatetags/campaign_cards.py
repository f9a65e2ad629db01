"""The image of a material card. Wagtail's {% image %} parses its filter and writes the
rendition to the cache for every card; listings prefetch the renditions (views.with_card_data),
so one parsed filter and the prefetched rendition are enough."""

from django import template
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

register = template.Library()

CARD_IMAGE = "fill-320x200"
_card_filter = Filter(spec=CARD_IMAGE)  # only read: used to find renditions, not to make them


@register.simple_tag
def card_image(image):
    try:
        rendition = image.find_existing_rendition(_card_filter)
    except image.get_rendition_model().DoesNotExist:
        rendition = get_rendition_or_not_found(image, CARD_IMAGE)
    return rendition.img_tag({"class": "material-card__image", "alt": "", "loading": "lazy"})
