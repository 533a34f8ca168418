from django.db import models


class PendingIndexUpdate(models.Model):
    """A record whose search document must be rewritten or removed (see search.indexing).

    A row whose document could not be built or written is kept with ``failed`` and ``error``:
    reported, and skipped by the drains after a save until ``drain_index_queue`` retries it
    (or the record changes again and its document is written)."""

    model = models.CharField(max_length=100)  # "archive.article"
    object_id = models.BigIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    failed = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self):
        return f"{self.model}.{self.object_id}"
