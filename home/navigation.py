"""The site's main navigation and footer: translatable snippets, one of each per language.

Wagtail's settings are stored per site, not per locale, and wagtail-localize cannot translate
them; a translatable snippet is translated by editors like a page. Links point at pages of any
language: they are shown in the visitor's language at run time (`localized_pages`), as
wagtail-localize itself leaves page links synchronised rather than translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField


def for_active_locale(model):
    """The snippet of the visitor's language, else the default language's, else None."""
    instances = {item.locale_id: item for item in model.objects.all()[:20]}
    for locale in (Locale.get_active(), Locale.get_default()):
        if locale.pk in instances:
            return instances[locale.pk]
    return next(iter(instances.values()), None)


def localized_pages(pages):
    """{page id: the live translation of that page in the visitor's language, or the page
    itself when it has none}, in one query for all of them; unpublished pages are left out."""
    pages = [page for page in pages if page is not None and page.live]
    locale = Locale.get_active()
    translations = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            locale=locale, translation_key__in=[page.translation_key for page in pages]
        )
    }
    return {page.pk: translations.get(page.translation_key, page) for page in pages}


@register_snippet
class NavigationMenu(TranslatableMixin, ClusterableModel):
    """The main navigation in the site header: an ordered list of pages."""

    panels = [InlinePanel("items", label=_("Menu items"), min_num=1, max_num=8)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main navigation")
        verbose_name_plural = _("main navigations")

    def __str__(self):
        return f"{_('Main navigation')} ({self.locale})"


class NavigationItem(TranslatableMixin, Orderable):
    menu = ParentalKey(NavigationMenu, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("page"))
    label = models.CharField(
        _("label"), max_length=60, blank=True,
        help_text=_("Shown instead of the page title when set."),
    )

    panels = [FieldPanel("page"), FieldPanel("label")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("menu item")


@register_snippet
class Footer(TranslatableMixin, models.Model):
    """The footer of every page: how to reach the office, and the legally required pages."""

    organisation = models.CharField(_("organisation"), max_length=120)
    address = models.TextField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True,
                             help_text=_("As it is written, e.g. +41 61 000 00 00."))
    imprint_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("imprint"),
    )
    privacy_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("privacy statement"),
    )
    accessibility_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("accessibility statement"),
    )

    panels = [
        MultiFieldPanel([FieldPanel("organisation"), FieldPanel("address"), FieldPanel("email"),
                         FieldPanel("phone")], heading=_("Contact")),
        MultiFieldPanel([FieldPanel("imprint_page"), FieldPanel("privacy_page"),
                         FieldPanel("accessibility_page")], heading=_("Legal pages")),
    ]
    override_translatable_fields = [SynchronizedField("phone")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return f"{_('Footer')} ({self.locale})"

    @property
    def phone_uri(self):
        """tel: wants the number without spaces or punctuation: "+41 61 000 00 00" ->
        "tel:+41610000000"."""
        digits = "".join(char for char in self.phone if char.isdigit() or char == "+")
        return f"tel:{digits}" if digits else ""

    def legal_pages(self):
        """The imprint, privacy and accessibility pages that are set, in the visitor's
        language."""
        pages = [self.imprint_page, self.privacy_page, self.accessibility_page]
        localized = localized_pages(pages)
        return [localized[page.pk] for page in pages if page is not None and page.pk in localized]
