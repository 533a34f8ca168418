from django.db import models


class PendingIndexUpdate(models.Model):
    """A record whose search document must be rewritten or removed (see search.indexing)."""

    model = models.CharField(max_length=100)  # "archive.article"
    object_id = models.BigIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self):
        return f"{self.model}.{self.object_id}"
