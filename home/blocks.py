from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Locale
from wagtail.snippets.blocks import SnippetChooserBlock

from .navigation import localized_pages


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


class DirectoryEntryPointsBlock(blocks.StructBlock):
    """Ways into the directory: a "find a group" button, popular topics and the cantons, each
    opening the directory filtered accordingly (its `topic` and `canton` parameters)."""

    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    text = blocks.TextBlock(max_length=400, required=False, label=_("Text"))
    directory = blocks.PageChooserBlock(page_type="directory.DirectoryIndexPage",
                                        label=_("Directory page"))
    button_label = blocks.CharBlock(max_length=60, label=_("Button label"))
    topics_heading = blocks.CharBlock(max_length=120, required=False,
                                      label=_("Heading above the topics"))
    topics = blocks.ListBlock(SnippetChooserBlock("taxonomy.Topic"), required=False,
                              max_num=12, label=_("Popular topics"))
    cantons_heading = blocks.CharBlock(
        max_length=120, required=False, label=_("Heading above the cantons"),
        help_text=_("Leave empty to show no cantons."),
    )

    class Meta:
        icon = "search"
        template = "home/blocks/directory_entry_points.html"
        label = _("Directory entry points")

    def get_context(self, value, parent_context=None):
        from taxonomy.models import Canton, Topic

        context = super().get_context(value, parent_context=parent_context)
        directory = value["directory"]
        if directory is None:
            return {**context, "directory_url": None}
        request = (parent_context or {}).get("request")
        directory = localized_pages([directory]).get(directory.pk)
        if directory is None:
            return {**context, "directory_url": None}
        url = directory.get_url(request)
        # the topics in the visitor's language: the same translation, same slug
        chosen = [topic for topic in value["topics"] if topic is not None]
        translated = {topic.translation_key: topic for topic in Topic.objects.filter(
            locale=Locale.get_active(), translation_key__in=[t.translation_key for t in chosen])}
        topics = [translated.get(topic.translation_key, topic) for topic in chosen]
        cantons = sorted(Canton.objects.all(), key=lambda canton: canton.name) \
            if value["cantons_heading"] else []
        return {
            **context,
            "directory_url": url,
            "topic_links": [(topic.name, f"{url}?topic={topic.slug}") for topic in topics],
            "canton_links": [(canton.name, f"{url}?canton={canton.code}") for canton in cantons],
        }


class ContentStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, form_classname="title", label=_("Heading"),
                               template="home/blocks/heading.html")
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"], label=_("Paragraph")
    )
    image = ImageChooserBlock(label=_("Image"), template="home/blocks/image.html")
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    teasers = TeaserRowBlock()
    directory_entry_points = DirectoryEntryPointsBlock()
