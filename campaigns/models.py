"""The library of campaign materials: campaigns (the self-help day, the national congress, a
league's awareness week) and the materials they share with communication staff: audio, films,
silhouettes, visual supports and approved text elements.

The library page lists and filters materials; each campaign is a page below it and each
material a page below its campaign, so that every material has one shareable URL, is
translated with wagtail-localize, and editors of a campaign get its subtree.

Files are Wagtail images and documents and wagtailmedia media. Who may see a material follows
the privacy of the collections its files are in (Wagtail's collection privacy and groups);
its rights (licence, credit, allowed uses, expiry) live on the material.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

EXPIRY_WARNING = datetime.timedelta(days=30)


class MaterialType(models.TextChoices):
    AUDIO = "audio", _("audio")
    FILM = "film", _("film")
    SILHOUETTE = "silhouette", _("silhouette")
    VISUAL = "visual", _("visual support")
    TEXT = "text", _("text element")


class Channel(models.TextChoices):
    PRINT = "print", _("print")
    WEB = "web", _("web")
    SOCIAL = "social", _("social media")
    RADIO = "radio", _("radio")


class Audience(models.TextChoices):
    PUBLIC = "public", _("general public")
    AFFECTED = "affected", _("people affected and relatives")
    PROFESSIONALS = "professionals", _("professionals")
    MEDIA = "media", _("media")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", _(
        "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 (CC BY-NC-ND 4.0)")
    CAMPAIGN = "campaign", _("Free use for the campaign by partner organisations")
    RESERVED = "reserved", _("All rights reserved: ask before any use")


class ContentLanguage(models.TextChoices):
    NONE = "", _("no language (usable in every language)")
    DE = "de", _("German")
    FR = "fr", _("French")
    IT = "it", _("Italian")
    RM = "rm", _("Romansh")


class CampaignKind(models.TextChoices):
    SELF_HELP_DAY = "self_help_day", _("self-help day")
    CONGRESS = "congress", _("national congress")
    ROUND_TABLE = "round_table", _("round table")
    AWARENESS_WEEK = "awareness_week", _("awareness week")
    OTHER = "other", _("other campaign")


class CampaignIndexPage(RoutablePageMixin, Page):
    """The library: every material of every campaign, to browse, filter and download."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign library")

    def get_context(self, request, *args, **kwargs):
        from .reading import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(request, self))
        return context

    @path("zip/")
    def selection_zip(self, request):
        from .downloads import selection_zip_response

        return selection_zip_response(request, self)


class CampaignPage(RoutablePageMixin, Page):
    kind = models.CharField(_("kind of campaign"), max_length=20, choices=CampaignKind.choices,
                            default=CampaignKind.OTHER)
    theme = models.CharField(_("theme"), max_length=200, blank=True,
                             help_text=_("This edition's motto, e.g. “Tour de Suisse”."))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol",
                                                                   "ul"])
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("key visual"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Period")),
        FieldPanel("intro"),
        FieldPanel("image"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("theme", boost=2),
                     index.SearchField("intro")]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = ["campaigns.MaterialPage"]

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The campaign cannot end before it starts.")})

    def get_context(self, request, *args, **kwargs):
        from .reading import campaign_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_context(request, self))
        return context

    @path("zip/")
    def campaign_zip(self, request):
        from .downloads import campaign_zip_response

        return campaign_zip_response(request, self)


class MaterialQuerySet(PageQuerySet):
    def not_expired(self, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


class MaterialPage(RoutablePageMixin, Page):
    """One shareable material. Which fields matter depends on its type: audio and films have
    a media file, silhouettes and visual supports an image or a PDF, texts their wording."""

    material_type = models.CharField(_("type"), max_length=20, choices=MaterialType.choices)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language of the content"), max_length=2, choices=ContentLanguage.choices, blank=True,
        help_text=_("Spoken or written language; leave empty for images without words."))
    topics = ParentalManyToManyField("taxonomy.Topic", blank=True, related_name="+",
                                     verbose_name=_("topics"))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices,
                                default=Audience.PUBLIC)
    for_print = models.BooleanField(_("for print"), default=False)
    for_web = models.BooleanField(_("for the web"), default=False)
    for_social = models.BooleanField(_("for social media"), default=False)
    for_radio = models.BooleanField(_("for radio"), default=False)

    # files
    media = models.ForeignKey(
        "wagtailmedia.Media", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("audio or video file"))
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("image"),
        help_text=_("The visual or silhouette itself; for films and PDFs, the poster or "
                    "preview."))
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("document (PDF)"))
    external_video_url = models.URLField(
        _("external video (YouTube)"), blank=True,
        help_text=_("Shown with YouTube's privacy-enhanced player, only after the visitor "
                    "agrees."))

    # audio and films
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)

    # texts
    text_short = models.TextField(_("short version"), blank=True,
                                  help_text=_("About one sentence, e.g. for social media."))
    text_medium = models.TextField(_("medium version"), blank=True)
    text_long = models.TextField(_("long version"), blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    # rights
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices,
                               default=Licence.CAMPAIGN)
    credit_line = models.CharField(_("credit line"), max_length=255, blank=True)
    allowed_uses = models.TextField(_("allowed uses"), blank=True)
    expires_on = models.DateField(
        _("rights expire on"), null=True, blank=True,
        help_text=_("The last day the material may be used; from the next day on it "
                    "disappears from the public library, downloads and search."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("material_type"),
        FieldPanel("description"),
        MultiFieldPanel([
            FieldPanel("language"),
            FieldPanel("topics"),
            FieldPanel("audience"),
            FieldRowPanel([FieldPanel("for_print"), FieldPanel("for_web"),
                           FieldPanel("for_social"), FieldPanel("for_radio")]),
        ], heading=_("Finding")),
        MultiFieldPanel([
            FieldPanel("media"),
            FieldPanel("image"),
            FieldPanel("document"),
            FieldPanel("external_video_url"),
            InlinePanel("variants", label=_("Other files and colour variants")),
            InlinePanel("subtitles", label=_("Subtitles (WebVTT)")),
        ], heading=_("Files")),
        MultiFieldPanel([FieldPanel("speaker"), FieldPanel("transcript")],
                        heading=_("Audio and film")),
        MultiFieldPanel([FieldPanel("text_short"), FieldPanel("text_medium"),
                         FieldPanel("text_long"), FieldPanel("approved_on")],
                        heading=_("Text element")),
    ]
    rights_panels = [FieldPanel("licence"), FieldPanel("credit_line"), FieldPanel("allowed_uses"),
                     FieldPanel("expires_on")]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList(rights_panels, heading=_("Rights")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.SearchField("speaker"),
        index.SearchField("text_short"),
        index.SearchField("text_medium"),
        index.SearchField("text_long"),
        index.RelatedFields("topics", [index.SearchField("name", boost=3),
                                       index.SearchField("synonyms", boost=2),
                                       index.FilterField("slug")]),
        # the library's facets, for the site search
        index.FilterField("material_type"),
        index.FilterField("language"),
        index.FilterField("audience"),
        index.FilterField("for_print"),
        index.FilterField("for_web"),
        index.FilterField("for_social"),
        index.FilterField("for_radio"),
        index.FilterField("expires_on"),
        index.FilterField("locale"),
    ]
    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = []

    objects = PageManager.from_queryset(MaterialQuerySet)()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        indexes = [models.Index(fields=["material_type", "language"])]

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("topics")

    def clean(self):
        super().clean()
        errors = {}
        if self.material_type in (MaterialType.AUDIO, MaterialType.FILM):
            wanted = "audio" if self.material_type == MaterialType.AUDIO else "video"
            if self.media and self.media.type != wanted:
                errors["media"] = _("This material needs a %(kind)s file.") % {"kind": wanted}
            if not self.media and not (self.material_type == MaterialType.FILM
                                       and self.external_video_url):
                errors["media"] = _("Add the audio or video file.")
        if self.external_video_url and not youtube_id(self.external_video_url):
            errors["external_video_url"] = _("Give the address of a YouTube video.")
        if self.material_type in (MaterialType.SILHOUETTE, MaterialType.VISUAL) and not (
                self.image or self.document):
            errors["image"] = _("Add the image or the PDF.")
        if self.material_type == MaterialType.TEXT and not (
                self.text_short or self.text_medium or self.text_long):
            errors["text_short"] = _("Write at least one version of the text.")
        if errors:
            raise ValidationError(errors)

    # --- state -----------------------------------------------------------------------

    def is_expired(self, today=None):
        # expires_on is the last day of the rights ("valid until"): expired the day after
        return bool(self.expires_on and self.expires_on < (today or timezone.localdate()))

    def expires_soon(self, today=None):
        today = today or timezone.localdate()
        return bool(self.expires_on and today <= self.expires_on <= today + EXPIRY_WARNING)

    @property
    def campaign(self):
        return self.get_parent().specific

    @property
    def channels(self):
        return [channel for channel in Channel if getattr(self, f"for_{channel.value}")]

    @property
    def text_versions(self):
        labels = {"short": _("Short version"), "medium": _("Medium version"),
                  "long": _("Long version")}
        return [{"key": key, "label": label, "text": getattr(self, f"text_{key}")}
                for key, label in labels.items() if getattr(self, f"text_{key}")]

    @property
    def youtube_id(self):
        return youtube_id(self.external_video_url)

    def files(self):
        from .files import material_files

        return material_files(self)

    # --- serving ---------------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        from .access import refusal

        refused = refusal(request, self)
        if refused is not None:
            return refused
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        from .access import public_material_ids

        return super().get_sitemap_urls(request) if self.pk in public_material_ids(request) \
            else []

    def get_context(self, request, *args, **kwargs):
        from .reading import material_context

        context = super().get_context(request, *args, **kwargs)
        context.update(material_context(request, self))
        return context

    @path("download/<str:key>/")
    def download(self, request, key):
        from .downloads import material_file_response

        return material_file_response(request, self, key)

    @path("rendition/<str:size>/<str:image_format>/")
    def rendition(self, request, size, image_format):
        from .downloads import rendition_response

        return rendition_response(request, self, size, image_format)

    @path("play/<str:key>/")
    def play(self, request, key):
        from .downloads import material_file_response

        return material_file_response(request, self, key, inline=True)


def youtube_id(url):
    """The video id of a YouTube address, or "" when it is not one."""
    from urllib.parse import parse_qs, urlparse

    if not url:
        return ""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    candidate = ""
    if host == "youtu.be":
        candidate = parsed.path.lstrip("/")
    elif host in ("youtube.com", "youtube-nocookie.com"):
        if parsed.path == "/watch":
            candidate = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            candidate = parsed.path.split("/")[2]
    valid = len(candidate) == 11 and all(ch.isalnum() or ch in "-_" for ch in candidate)
    return candidate if valid else ""


class MaterialVariant(Orderable):
    """A further file of a material: a colour variant, another format, a print version."""

    page = ParentalKey(MaterialPage, on_delete=models.CASCADE, related_name="variants")
    label = models.CharField(_("label"), max_length=100,
                             help_text=_("E.g. “blue”, “black and white”, “A3 print”."))
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("image"))
    document = models.ForeignKey("wagtaildocs.Document", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("document"))

    panels = [FieldPanel("label"), FieldPanel("image"), FieldPanel("document")]

    def clean(self):
        super().clean()
        if not self.image and not self.document:
            raise ValidationError(_("Choose an image or a document for this variant."))


class MaterialSubtitle(Orderable):
    """WebVTT subtitles of a film in one language (a Wagtail document ending in .vtt)."""

    page = ParentalKey(MaterialPage, on_delete=models.CASCADE, related_name="subtitles")
    language = models.CharField(_("language"), max_length=2,
                                choices=ContentLanguage.choices[1:])
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("WebVTT file"))

    panels = [FieldPanel("language"), FieldPanel("document")]

    def clean(self):
        super().clean()
        if self.document_id and not self.document.file.name.lower().endswith(".vtt"):
            raise ValidationError({"document": _("Subtitles must be a WebVTT (.vtt) file.")})


class DownloadCount(models.Model):
    """Downloads of a material per day (files, renditions and ZIPs). Kept beside the page,
    not on it: publishing a revision would otherwise overwrite the count."""

    material = models.ForeignKey(MaterialPage, on_delete=models.CASCADE,
                                 related_name="download_counts")
    campaign = models.ForeignKey(CampaignPage, null=True, on_delete=models.SET_NULL,
                                 related_name="download_counts")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["material", "day"],
                                               name="one_download_count_per_material_and_day")]
        verbose_name = _("download count")

    @classmethod
    def add(cls, materials):
        today = timezone.localdate()
        for material in materials:
            updated = cls.objects.filter(material=material, day=today).update(
                count=F("count") + 1)
            if updated:
                continue
            try:
                with transaction.atomic():
                    cls.objects.create(material=material, campaign_id=material.get_parent().pk,
                                       day=today, count=1)
            except IntegrityError:  # another request created today's row meanwhile
                cls.objects.filter(material=material, day=today).update(count=F("count") + 1)
