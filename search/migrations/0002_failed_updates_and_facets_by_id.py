from itertools import islice

from django.db import migrations, models


def queue_every_document(apps, schema_editor):
    """The documents' facet fields now hold ids, not names: queue every article and event to be
    written again (the next drain, or bootstrap, does it; searches go on meanwhile)."""
    pending = apps.get_model("search", "PendingIndexUpdate")
    for label in ("archive.article", "archive.event"):
        ids = apps.get_model(label).objects.values_list("pk", flat=True).iterator()
        while batch := [pending(model=label, object_id=pk) for pk in islice(ids, 1000)]:
            pending.objects.bulk_create(batch)


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0001_initial"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="pendingindexupdate",
            name="error",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="pendingindexupdate",
            name="failed",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(queue_every_document, migrations.RunPython.noop),
    ]
