"""The images of materials in the library's templates, each asked for by name:

    {% material_image material.image "card" class="material-card__image" alt="" %}
    {% material_rendition material.image "poster" as poster %}

The names and their specs are declared here, in one place, because listings prefetch exactly
these renditions (reading.with_card_data). Wagtail trusts a prefetched list: a spec missing from
it is created again on every view, and from the second view on that fails on the unique
constraint of renditions (IntegrityError, a 500 for every visitor)."""

from django import template
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

register = template.Library()

MATERIAL_IMAGES = {
    "card": "fill-320x200",  # _material_card.html
    "preview": "max-800x600",  # _material_preview.html, visuals and silhouettes
    "poster": "max-1280x720",  # _material_preview.html, films
}
_filters = {name: Filter(spec=spec) for name, spec in MATERIAL_IMAGES.items()}


def rendition_of(image, name):
    """The rendition called `name`, read from the prefetched list when there is one (no
    filter to parse, no cache write per card), else found or made as Wagtail does."""
    try:
        image_filter = _filters[name]
    except KeyError:
        raise template.TemplateSyntaxError(
            f"Unknown material image {name!r}: declare it in MATERIAL_IMAGES") from None
    try:
        return image.find_existing_rendition(image_filter)
    except image.get_rendition_model().DoesNotExist:
        return get_rendition_or_not_found(image, image_filter)


@register.simple_tag
def material_rendition(image, name):
    return rendition_of(image, name)


@register.simple_tag
def material_image(image, name, **attributes):
    return rendition_of(image, name).img_tag(attributes)
