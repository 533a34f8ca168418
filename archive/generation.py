"""The archive's content generation: one number, in the database, that every change moves on.

Pages and search results are the same for every reader until something changes, so they may
be cached, keyed by the generation (portal.page_cache): a change moves it on in the same
transaction as the change itself, so no worker, on any machine, serves what was cached
before it once it is committed. A bulk job (an import batch) moves it once, at its end; the
search index moves it after every write (search.indexing), since search results follow the
index rather than the database.
"""
from django.db import connection
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import changes
from .models import ContentGeneration


def current():
    """The generation now: one small query, asked on every request (in SQL: the ORM would take
    ten times as long to build it as the database to answer)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {ContentGeneration._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def bump():
    """Move the generation on, inside the caller's transaction."""
    if not ContentGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        ContentGeneration.objects.get_or_create(pk=1, defaults={"value": 1})


def _record_changed(sender, raw=False, **kwargs):
    if sender._meta.app_label == "archive" and sender is not ContentGeneration and not raw and not changes.in_bulk_job():
        bump()


def _announced(sender, **kwargs):
    bump()


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_record_changed, dispatch_uid=f"generation-{signal!r}")
    changes.records_changed.connect(_announced, dispatch_uid="generation-announced")
