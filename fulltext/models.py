from django.contrib.contenttypes.models import ContentType
from django.db import models


class PendingIndexUpdate(models.Model):
    """An object whose change did not reach a search engine (it was unreachable); replayed by
    fulltext.catch_up once the engine answers again."""

    language = models.CharField(max_length=8)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=255)
    recorded_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        db_table = "site_search_pendingindexupdate"  # made by site_search's migrations
        constraints = [
            models.UniqueConstraint(fields=["language", "content_type", "object_id"],
                                    name="one_pending_update_per_object"),
        ]

    def __str__(self):
        return f"{self.language} {self.content_type_id}:{self.object_id}"
