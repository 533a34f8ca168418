"""Loading the shipped fixtures without overwriting what editors have changed since."""
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction

from . import names

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def load_new_fixture_objects(directory=FIXTURES_DIR):
    """Save each fixture object whose primary key is not in the database yet; returns how many.

    Rows already present are left as they are, so running this again loses no edit.
    """
    added, models = 0, set()
    with transaction.atomic():
        for path in sorted(directory.glob("*.json")):
            with path.open(encoding="utf-8") as f:
                for item in serializers.deserialize("json", f, ignorenonexistent=True):
                    model = type(item.object)
                    if not model.objects.filter(pk=item.object.pk).exists():
                        item.save()
                        added += 1
                        models.add(model)
        _reset_sequences(models)
    names.invalidate()  # names arrived without signals
    return added


def _reset_sequences(models):
    """Move the id sequences past the fixtures' explicit keys (PostgreSQL), as loaddata does,
    so that the next record an editor adds gets a free id."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)
