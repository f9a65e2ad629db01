"""Crisis help, managed by editors per language: the helplines shown to a visitor in crisis,
and the words that tell us a visitor may be in crisis. Both are translatable snippets
(wagtail-localize), so editors translate them like pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from .matching import split_words


class CrisisHelpline(TranslatableMixin, Orderable):
    """A number to call in a crisis, e.g. 143 (Die Dargebotene Hand); the order of the list
    is the order on the site (drag and drop in the snippet listing)."""

    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(
        _("phone number"), max_length=30,
        help_text=_("As dialled, e.g. 143 or 0800 123 456."),
    )
    description = models.CharField(
        _("short description"), max_length=200, blank=True,
        help_text=_("For whom and when, e.g. anonymous, free, 24 hours a day."),
    )
    url = models.URLField(_("web or chat address"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("phone"), FieldPanel("description"),
              FieldPanel("url")]
    override_translatable_fields = [SynchronizedField("phone"), SynchronizedField("url")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("crisis helpline")
        verbose_name_plural = _("crisis helplines")

    def __str__(self):
        return f"{self.name} ({self.phone})"

    @property
    def dial(self):
        """The number for a tel: link: no spaces, dots or dashes."""
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class CrisisTerm(TranslatableMixin, models.Model):
    """Words and phrases, in one language, that show a visitor may be in crisis (their
    search, the directory's search, a widget's search)."""

    name = models.CharField(_("name"), max_length=120,
                            help_text=_("What these words are about, e.g. suicide."))
    words = models.TextField(
        _("words and phrases"),
        help_text=_(
            "In this language, one per line or comma-separated. Capitals and accents do not "
            "matter; each is matched as a whole word or phrase. A * at the start or end of a "
            "word stands for any letters: suizid* also finds Suizidgedanken."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("words")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("crisis words")
        verbose_name_plural = _("crisis words")

    def __str__(self):
        return self.name

    @property
    def word_list(self):
        return split_words(self.words)
