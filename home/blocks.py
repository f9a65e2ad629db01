from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class TeaserBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.TextBlock(max_length=400, required=False, label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Internal link"))
    url = blocks.URLBlock(required=False, label=_("External link"))
    image = ImageChooserBlock(required=False, label=_("Image"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": _("Choose a page or enter an external link.")}
            )
        return value

    class Meta:
        icon = "link"
        template = "home/blocks/teaser.html"


class TeaserRowBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, label=_("Heading"))
    teasers = blocks.ListBlock(TeaserBlock(), min_num=1, max_num=6, label=_("Teasers"))

    class Meta:
        icon = "grip"
        template = "home/blocks/teaser_row.html"


class ContentStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, form_classname="title", label=_("Heading"),
                               template="home/blocks/heading.html")
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"], label=_("Paragraph")
    )
    image = ImageChooserBlock(label=_("Image"), template="home/blocks/image.html")
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    teasers = TeaserRowBlock()
