from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ContentStreamBlock


class HomePage(Page):
    """The start page of one language: a hero, the directory search box and teasers."""

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=500, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("hero image"),
    )
    search_label = models.CharField(
        _("search box label"), max_length=120, default="Selbsthilfegruppe finden",
        help_text=_("The label above the search box, e.g. 'Find a self-help group'."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        FieldPanel("search_label"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class ContentPage(Page):
    """An editorial page: about us, how self-help works, legal notes."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("content page")


from .navigation import Footer, NavigationItem, NavigationMenu  # noqa: E402, F401  (models)
