"""What the directory and the library are filed under: topics (a translatable hierarchy with
synonyms), cantons, languages and Swiss localities.

The tables keep their names from when these models lived in `directory` (`db_table`), so moving
them here lost no row; see migrations/0001_initial.py.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField


class LocalisedName(models.Model):
    """Reference data named in the three site languages."""

    name_de = models.CharField(_("name (German)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_it = models.CharField(_("name (Italian)"), max_length=120)

    class Meta:
        abstract = True

    @property
    def name(self):
        language = (get_language() or "de")[:2]
        return getattr(self, f"name_{language}", None) or self.name_de

    def __str__(self):
        return self.name


class Canton(LocalisedName):
    code = models.CharField(_("code"), max_length=2, unique=True)

    class Meta:
        db_table = "directory_canton"  # from when Canton lived in directory
        ordering = ["code"]
        verbose_name = _("canton")
        verbose_name_plural = _("cantons")


class Language(LocalisedName):
    """A language an offer is held in (ISO 639-1 code)."""

    code = models.CharField(_("code"), max_length=3, unique=True)

    class Meta:
        db_table = "directory_language"  # from when Language lived in directory
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class Locality(models.Model):
    """A Swiss locality with its postal code and coordinates (swisstopo's official directory)."""

    postal_code = models.CharField(_("postal code"), max_length=4, db_index=True)
    name = models.CharField(_("locality"), max_length=120, db_index=True)
    municipality = models.CharField(_("municipality"), max_length=120)
    bfs_number = models.PositiveIntegerField(_("BFS number"))
    canton = models.ForeignKey(Canton, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="localities")
    latitude = models.FloatField()
    longitude = models.FloatField()
    language = models.CharField(max_length=10, blank=True)  # de, fr, it, rm or "multiple"

    class Meta:
        db_table = "directory_locality"  # from when Locality lived in directory
        ordering = ["postal_code", "name"]
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        constraints = [
            models.UniqueConstraint(fields=["postal_code", "name"], name="unique_locality")
        ]

    def __str__(self):
        return f"{self.postal_code} {self.name}"


@register_snippet
class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A topic such as depression or relatives of addicts; a translatable hierarchy with
    synonyms per language so that "Abhängigkeit" finds "Sucht"."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=False)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="children", verbose_name=_("broader topic"))
    synonyms = models.TextField(
        _("synonyms"), blank=True,
        help_text=_("Other words people use for this topic, comma-separated, in this language."),
    )
    description = models.TextField(_("description"), blank=True)
    external_id = models.CharField(_("external id"), max_length=100, blank=True, db_index=True)
    shows_crisis_help = models.BooleanField(
        _("shows crisis help"), default=False,
        help_text=_("Show the crisis helplines on this topic's page and on its offers' pages."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("parent"),
              FieldPanel("synonyms"), FieldPanel("description"), FieldPanel("external_id"),
              FieldPanel("shows_crisis_help")]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("synonyms", boost=2),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = [SynchronizedField("external_id"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        db_table = "directory_topic"  # from when Topic lived in directory
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    @classmethod
    def slugs_with_narrower(cls, slugs):
        """The slugs and those of every topic below them: "Sucht" also means "Alkohol"."""
        found = set(slugs)
        frontier = found
        while frontier:
            frontier = set(cls.objects.filter(parent__slug__in=frontier)
                           .values_list("slug", flat=True)) - found
            found |= frontier
        return found

    @classmethod
    def broader_slugs(cls):
        """slug -> that slug and the slugs of all topics above it: an offer on "Alkohol"
        counts under "Sucht" too."""
        parent_of = dict(cls.objects.filter(parent__isnull=False)
                         .values_list("slug", "parent__slug"))
        closure = {}
        for slug in {*parent_of, *parent_of.values()}:
            chain, current = {slug}, slug
            while current in parent_of and parent_of[current] not in chain:
                current = parent_of[current]
                chain.add(current)
            closure[slug] = chain
        return closure

    @classmethod
    def any_shows_crisis_help(cls, topics):
        """Whether one of the topics is marked to show crisis help, in any of its languages:
        the mark is about the topic itself, and translations that are copies (the demo's,
        imported ones) do not follow the original's."""
        keys = [topic.translation_key for topic in topics]
        return bool(keys) and cls.objects.filter(translation_key__in=keys,
                                                 shows_crisis_help=True).exists()

    @property
    def crisis_help_shown(self):
        return self.any_shows_crisis_help([self])

    @staticmethod
    def split_synonyms(synonyms):
        """The comma-separated synonyms of a topic, as a list."""
        return [word.strip() for word in synonyms.split(",") if word.strip()]

    @property
    def synonym_list(self):
        return self.split_synonyms(self.synonyms)
