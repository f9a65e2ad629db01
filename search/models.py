from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchQueryLog(models.Model):
    """How often a query was searched on one day in one language, and whether it found
    nothing: for the editors' report of frequent queries and of gaps in the directory.
    Only the normalised query text is kept; nothing about who searched."""

    day = models.DateField(_("day"), db_index=True)
    language = models.CharField(_("language"), max_length=8)
    query = models.CharField(_("query"), max_length=100)
    hits = models.PositiveIntegerField(_("searches"), default=0)
    found_nothing = models.BooleanField(
        _("found nothing"), default=False,
        help_text=_("Whether the latest search of the day for this query found nothing."))

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        constraints = [
            models.UniqueConstraint(fields=["day", "language", "query"],
                                    name="one_query_log_per_day_and_language"),
        ]

    def __str__(self):
        return f"{self.day} {self.language} {self.query}"
