"""The directory: self-help groups, online offers, the regional centres that support them,
the organisations (leagues) that run them, and the topics, cantons, localities and
languages they are filed under.

Offers are pages below the centre or organisation that is responsible for them, so that
Wagtail's page permissions give each centre's or league's editors their own subtree.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

# The shared vocabularies live in taxonomy; directory code keeps importing them from here.
from taxonomy.models import Canton, Language, LocalisedName, Locality, Topic  # noqa: F401

from .topic_chooser import OfferPageForm
from .visibility import public_pages

VERIFICATION_INTERVAL = datetime.timedelta(days=365)


class FormatChoices(models.TextChoices):
    IN_PERSON = "in_person", _("meets in person")
    HYBRID = "hybrid", _("in person and online")
    ONLINE = "online", _("online")
    PHONE = "phone", _("by phone")


class TargetGroupChoices(models.TextChoices):
    AFFECTED = "affected", _("people affected")
    RELATIVES = "relatives", _("relatives and friends")
    BOTH = "both", _("people affected and relatives")


class AgeGroupChoices(models.TextChoices):
    ALL = "all", _("all ages")
    YOUTH = "youth", _("young people (up to 25)")
    ADULTS = "adults", _("adults")
    SENIORS = "seniors", _("older people (60+)")


class CostChoices(models.TextChoices):
    FREE = "free", _("free of charge")
    CONTRIBUTION = "contribution", _("voluntary contribution")
    FEE = "fee", _("fee")


class GroupStatusChoices(models.TextChoices):
    OPEN = "open", _("open to new members")
    FOUNDING = "founding", _("being founded")
    FULL = "full", _("full")
    PAUSED = "paused", _("paused")


class ModerationChoices(models.TextChoices):
    SELF = "self", _("self-managed")
    PROFESSIONAL = "professional", _("accompanied by professionals")


class OnlineKindChoices(models.TextChoices):
    FORUM = "forum", _("forum")
    VIDEO = "video", _("video group")
    CHAT = "chat", _("chat")
    MAILING_LIST = "mailing_list", _("mailing list")


class PlaceMixin(models.Model):
    """An address with coordinates; coordinates come from the locality when not given."""

    street = models.CharField(_("street and number"), max_length=200, blank=True)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("postal code and locality"))
    canton = models.ForeignKey(Canton, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("canton"))
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        abstract = True

    def fill_place_from_locality(self):
        if self.locality_id:
            if self.latitude is None or self.longitude is None:
                self.latitude, self.longitude = self.locality.latitude, self.locality.longitude
            if not self.canton_id:
                self.canton_id = self.locality.canton_id


PLACE_SYNCHRONIZED = [
    SynchronizedField("street"),
    SynchronizedField("locality"),
    SynchronizedField("canton"),
    SynchronizedField("latitude"),
    SynchronizedField("longitude"),
]


class DirectoryIndexPage(RoutablePageMixin, Page):
    """The directory's start: search and filter all offers; topic pages live below it."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["directory.RegionalCentrePage", "directory.OrganisationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory")

    def get_context(self, request, *args, **kwargs):
        from .views import directory_search_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_search_context(request, self))
        return context

    @path("")
    def search_view(self, request):
        return self.render(request)

    @path("topic/<slug:slug>/", name="topic")
    def topic_view(self, request, slug):
        from .language_urls import topic_translation_urls
        from .views import topic_offers

        topic = get_object_or_404(Topic, slug=slug, locale=self.locale)
        context = Page.get_context(self, request)  # without the search of the index view
        context.update(topic=topic, offers=topic_offers(self, topic),
                       subtopics=topic.children.filter(locale=self.locale),
                       translation_urls=topic_translation_urls(self, topic))
        return TemplateResponse(request, "directory/topic.html", context)

    def topic_url(self, topic):
        return self.url + self.reverse_subpage("topic", kwargs={"slug": topic.slug})


class ResponsibleForOffers(models.Model):
    """A page that offers belong to through a foreign key (`offer_relation`): a centre or an
    organisation. An offer keeps pointing at the page it was created under (often the German
    one) also in its French and Italian translations, so the page's offers are found by the
    translation key of the page they point at, in the page's own language."""

    offer_relation = None  # name of OfferPage's foreign key to this model

    class Meta:
        abstract = True

    def public_offers(self):
        """The live, public offers of this centre or organisation in its language, once each."""
        from .views import with_listing_data

        offers = OfferPage.objects.filter(
            locale=self.locale_id,
            **{f"{self.offer_relation}__translation_key": self.translation_key},
        )
        return with_listing_data(public_pages(offers).order_by("title"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offers"] = self.public_offers()
        return context


class OrganisationPage(ResponsibleForOffers, Page):
    """A partner organisation, e.g. a league; its offers are its child pages."""

    class Kind(models.TextChoices):
        LEAGUE = "league", _("health league")
        ASSOCIATION = "association", _("association")
        FOUNDATION = "foundation", _("foundation")
        PUBLIC = "public", _("public body")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LEAGUE)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    external_id = models.CharField(_("external id"), max_length=100, blank=True, db_index=True)

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("description"),
                      FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")]
    settings_panels = [*Page.settings_panels, FieldPanel("external_id")]
    search_fields = [*Page.search_fields, index.SearchField("description"),
                     index.AutocompleteField("title")]
    override_translatable_fields = [SynchronizedField("external_id"), SynchronizedField("kind")]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.SelfHelpGroupPage", "directory.OnlineOfferPage"]

    offer_relation = "organisation"

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")



class RegionalCentrePage(ResponsibleForOffers, PlaceMixin, Page):
    """A regional self-help centre: supports groups in its cantons and helps found new ones."""

    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True,
                              help_text=_("Receives the messages of the contact form."))
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    cantons_served = ParentalManyToManyField(Canton, blank=True, related_name="centres",
                                             verbose_name=_("cantons served"))
    municipalities_served = models.TextField(_("municipalities served"), blank=True)
    external_id = models.CharField(_("external id"), max_length=100, blank=True, db_index=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("street"), FieldPanel("locality"), FieldPanel("canton"),
                         FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
                        heading=_("Address")),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website"),
                         FieldPanel("opening_hours")], heading=_("Contact")),
        MultiFieldPanel([FieldPanel("cantons_served"), FieldPanel("municipalities_served")],
                        heading=_("Region")),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("external_id")]
    search_fields = [*Page.search_fields, index.SearchField("description"),
                     index.AutocompleteField("title"), index.FilterField("canton")]
    override_translatable_fields = [
        *PLACE_SYNCHRONIZED, SynchronizedField("external_id"), SynchronizedField("phone"),
        SynchronizedField("email"), SynchronizedField("website"),
        SynchronizedField("cantons_served"),
    ]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.SelfHelpGroupPage", "directory.OnlineOfferPage"]

    offer_relation = "centre"

    class Meta:
        verbose_name = _("regional centre")
        verbose_name_plural = _("regional centres")

    def clean(self):
        super().clean()
        self.fill_place_from_locality()

    def save(self, *args, **kwargs):
        self.fill_place_from_locality()
        super().save(*args, **kwargs)


class OfferPage(Page):
    """What self-help groups and online offers have in common (multi-table: one query for
    listings of both kinds)."""

    is_creatable = False  # only its two kinds are added; a bare offer has no template

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True,
                                features=["bold", "italic", "link", "ol", "ul"])
    topics = ParentalManyToManyField(Topic, blank=True, related_name="offers",
                                     verbose_name=_("topics"))
    languages = ParentalManyToManyField(Language, blank=True, related_name="offers",
                                        verbose_name=_("languages spoken"))
    organisation = models.ForeignKey(OrganisationPage, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="offers",
                                     verbose_name=_("organisation"))
    centre = models.ForeignKey(RegionalCentrePage, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="offers",
                               verbose_name=_("regional centre"))
    offer_format = models.CharField(_("format"), max_length=20, choices=FormatChoices.choices,
                                    default=FormatChoices.IN_PERSON, db_index=True)
    target_group = models.CharField(_("for whom"), max_length=20,
                                    choices=TargetGroupChoices.choices,
                                    default=TargetGroupChoices.AFFECTED, db_index=True)
    age_group = models.CharField(_("age group"), max_length=20, choices=AgeGroupChoices.choices,
                                 default=AgeGroupChoices.ALL)
    cost = models.CharField(_("cost"), max_length=20, choices=CostChoices.choices,
                            default=CostChoices.FREE)
    cost_note = models.CharField(_("cost details"), max_length=200, blank=True)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    last_verified = models.DateField(_("last verified"), default=datetime.date.today)
    external_id = models.CharField(_("external id"), max_length=100, blank=True, db_index=True)

    search_fields = [
        *Page.search_fields,
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.RelatedFields("topics", [index.SearchField("name", boost=3),
                                       index.SearchField("synonyms", boost=2)]),
        index.FilterField("offer_format"),
        index.FilterField("target_group"),
    ]
    base_form_class = OfferPageForm

    class Meta:
        verbose_name = _("offer")

    @classmethod
    def get_indexed_objects(cls):
        # The topics are indexed with each offer: one query for all of them, not one per offer.
        return super().get_indexed_objects().prefetch_related("topics")

    def save(self, *args, **kwargs):
        self.link_to_parent()
        super().save(*args, **kwargs)

    def link_to_parent(self):
        """An offer filed below a centre or an organisation belongs to it."""
        if not self.path or (self.centre_id and self.organisation_id):
            return
        parent = self.get_parent()
        parent = parent.specific if parent else None
        if isinstance(parent, RegionalCentrePage) and not self.centre_id:
            self.centre = parent
        elif isinstance(parent, OrganisationPage) and not self.organisation_id:
            self.organisation = parent

    def get_context(self, request, *args, **kwargs):
        from .views import related_offers

        context = super().get_context(request, *args, **kwargs)
        context["related"] = related_offers(self)
        context["directory"] = public_pages(DirectoryIndexPage.objects.ancestor_of(self)).first()
        context["centre"], context["organisation"] = self.public_responsible()
        return context

    def public_responsible(self):
        """(centre, organisation) in the visitor's language, each None unless the public
        may see it: an offer may point at a centre that is a draft, private or expired."""
        centre = self.centre.localized if self.centre_id else None
        organisation = self.organisation.localized if self.organisation_id else None
        public = set(public_pages(Page.objects.filter(
            pk__in=[page.pk for page in (centre, organisation) if page])).values_list(
            "pk", flat=True))
        return tuple(page if page and page.pk in public else None
                     for page in (centre, organisation))

    def listing_urls(self):
        """Pages that list this offer besides the pages above it, in its language (the page
        cache purges them when it changes, pagecache/invalidation.py): the topic pages of its topics
        and their broader topics, and the centre and organisation it names."""
        urls = set()
        index = DirectoryIndexPage.objects.ancestor_of(self).filter(locale=self.locale).first()
        keys, topics = set(), list(self.topics.all())
        while topics:
            topic = topics.pop()
            if topic.translation_key not in keys:
                keys.add(topic.translation_key)
                topics += [topic.parent] if topic.parent_id else []
        if index is not None and (index_url := index.get_full_url()):
            for slug in Topic.objects.filter(translation_key__in=keys, locale=self.locale_id) \
                    .values_list("slug", flat=True):
                urls.add(index_url + index.reverse_subpage("topic", kwargs={"slug": slug}))
        for responsible in (self.centre, self.organisation):
            translation = responsible and responsible.get_translation_or_none(self.locale)
            if translation is not None and (url := translation.get_full_url()):
                urls.add(url)
        return urls

    @property
    def crisis_help_shown(self):
        return Topic.any_shows_crisis_help(self.topics.all())

    @property
    def needs_verification(self):
        return self.last_verified < timezone.localdate() - VERIFICATION_INTERVAL

    @property
    def contact_centre(self):
        return self.centre


OFFER_SYNCHRONIZED = [
    SynchronizedField("topics"), SynchronizedField("languages"),
    SynchronizedField("organisation"), SynchronizedField("centre"),
    SynchronizedField("offer_format"), SynchronizedField("target_group"),
    SynchronizedField("age_group"), SynchronizedField("cost"),
    SynchronizedField("wheelchair_accessible"), SynchronizedField("last_verified"),
    SynchronizedField("external_id"),
]

OFFER_PANELS = [
    FieldPanel("summary"),
    FieldPanel("description"),
    MultiFieldPanel([FieldPanel("topics"), FieldPanel("target_group"), FieldPanel("age_group"),
                     # a few languages: checkboxes, where a Ctrl-click list loses choices
                     FieldPanel("languages", widget=forms.CheckboxSelectMultiple)],
                    heading=_("Who and what")),
    MultiFieldPanel([FieldPanel("organisation"), FieldPanel("centre")],
                    heading=_("Responsible")),
    MultiFieldPanel([FieldPanel("cost"), FieldPanel("cost_note"),
                     FieldPanel("wheelchair_accessible"), FieldPanel("last_verified")],
                    heading=_("Practical details")),
]


class SelfHelpGroupPage(PlaceMixin, OfferPage):
    """A local self-help group. Members' contacts are never stored here: the public reaches
    the group through its regional centre."""

    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True,
                                     help_text=_("e.g. 'Kirchgemeindehaus, Saal 2'"))
    schedule = models.CharField(_("schedule"), max_length=200, blank=True,
                                help_text=_("e.g. 'every 2nd Tuesday, 19:00'"))
    status = models.CharField(_("status"), max_length=20, choices=GroupStatusChoices.choices,
                              default=GroupStatusChoices.OPEN, db_index=True)
    moderation = models.CharField(_("moderation"), max_length=20,
                                  choices=ModerationChoices.choices,
                                  default=ModerationChoices.SELF)

    content_panels = [
        *Page.content_panels,
        *OFFER_PANELS,
        MultiFieldPanel([FieldPanel("offer_format"), FieldPanel("status"),
                         FieldPanel("moderation"), FieldPanel("schedule"),
                         FieldPanel("meeting_place")], heading=_("Meetings")),
        MultiFieldPanel([FieldPanel("street"), FieldPanel("locality"), FieldPanel("canton"),
                         FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
                        heading=_("Where")),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("external_id")]
    search_fields = [
        *OfferPage.search_fields,
        index.SearchField("schedule"),
        index.RelatedFields("locality", [index.SearchField("name"),
                                         index.SearchField("postal_code")]),
        index.RelatedFields("canton", [index.SearchField("name_de"),
                                       index.SearchField("name_fr"),
                                       index.SearchField("name_it")]),
        index.FilterField("status"),
    ]
    override_translatable_fields = [
        *OFFER_SYNCHRONIZED, *PLACE_SYNCHRONIZED, SynchronizedField("status"),
        SynchronizedField("moderation"),
    ]
    parent_page_types = ["directory.RegionalCentrePage", "directory.OrganisationPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("self-help group")
        verbose_name_plural = _("self-help groups")
        indexes = [models.Index(fields=["latitude", "longitude"], name="group_coordinates")]

    def clean(self):
        super().clean()
        if self.offer_format == FormatChoices.ONLINE:
            raise ValidationError({"offer_format": _("Online offers have their own page type.")})
        if not self.centre_id and not self.organisation_id:  # the public reaches it there
            raise ValidationError({"centre": _(
                "Choose the regional centre through which the public can reach this group."
            )})

    def save(self, *args, **kwargs):
        self.fill_place_from_locality()
        super().save(*args, **kwargs)


class OnlineOfferPage(OfferPage):
    """A forum, video group, chat or mailing list."""

    online_kind = models.CharField(_("kind"), max_length=20, choices=OnlineKindChoices.choices,
                                   default=OnlineKindChoices.FORUM)
    platform_url = models.URLField(_("platform address"), blank=True)
    anonymous_possible = models.BooleanField(_("anonymous participation possible"),
                                             default=False)

    content_panels = [
        *Page.content_panels,
        *OFFER_PANELS,
        MultiFieldPanel([FieldPanel("online_kind"), FieldPanel("platform_url"),
                         FieldPanel("anonymous_possible")], heading=_("Online")),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("external_id")]
    override_translatable_fields = [
        *OFFER_SYNCHRONIZED, SynchronizedField("online_kind"),
        SynchronizedField("platform_url"), SynchronizedField("anonymous_possible"),
    ]
    parent_page_types = ["directory.RegionalCentrePage", "directory.OrganisationPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("online offer")
        verbose_name_plural = _("online offers")

    def save(self, *args, **kwargs):
        self.offer_format = FormatChoices.ONLINE
        super().save(*args, **kwargs)


class ContactMessage(models.Model):
    """A visitor's message to a regional centre about a group. Kept at most
    settings.DIRECTORY_CONTACT_RETENTION_DAYS days; stored before any e-mail is sent so
    a mail failure loses nothing."""

    centre = models.ForeignKey(RegionalCentrePage, on_delete=models.CASCADE,
                               related_name="contact_messages",
                               verbose_name=_("regional centre"))
    offer = models.ForeignKey(OfferPage, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("offer"))
    name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("your e-mail"))
    phone = models.CharField(_("your phone"), max_length=40, blank=True)
    message = models.TextField(_("message"), max_length=4000)
    language = models.CharField(_("language"), max_length=2, default="de")
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    notified_at = models.DateTimeField(_("centre notified by e-mail"), null=True, blank=True)
    notification_error = models.TextField(_("e-mail error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self):
        return f"{self.name} → {self.centre}"

    @classmethod
    def expired(cls):
        days = getattr(settings, "DIRECTORY_CONTACT_RETENTION_DAYS", 90)
        return cls.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=days))


class DirectoryChange(models.Model):
    """A change the in-memory facts of the directory (directory/facts.py) must catch up
    with: one offer published, unpublished, moved or deleted, or, without a page, something
    that touches many offers at once (topics, privacy, a bulk import)."""

    page_id = models.BigIntegerField(null=True, blank=True)
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)
