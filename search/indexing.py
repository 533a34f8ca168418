"""Keeping the index in step with the database, one writer at a time.

A change the archive announces (archive.changes, connected in search.signals) adds rows to
PendingIndexUpdate in the same transaction, so the intent to re-index is never lost. After
the transaction commits, the queue is drained: one thread per process at a time, and
Whoosh's lock (waited for, not failed on) serializes processes. A bulk job's changes are
queued at its end and drained when it says it is done, in one index commit. A drain that
cannot write (the lock is held too long, a search server is down) leaves the rows for the
next drain (``manage.py drain_index_queue``, or the next save).
"""
import logging
import threading

from django.apps import apps
from django.db import transaction
from django.db.models import Max
from haystack import connections
from haystack.exceptions import NotHandled

from .models import PendingIndexUpdate

log = logging.getLogger(__name__)
_drain_lock = threading.Lock()
BATCH_SIZE = 500
DRAIN_CHUNK = 50_000  # queued records written in one commit: Whoosh writes each term once per commit


def label_of(model):
    return model._meta.label_lower


def enqueue(model, object_ids, drain_after_commit=True):
    """Ask for the documents of these records to be rewritten (or removed if they are gone)."""
    object_ids = set(object_ids)
    if not object_ids or not is_indexed(model):
        return
    PendingIndexUpdate.objects.bulk_create(
        (PendingIndexUpdate(model=label_of(model), object_id=pk) for pk in object_ids), batch_size=1000
    )
    if drain_after_commit:
        transaction.on_commit(drain)


def is_indexed(model):
    try:
        connections["default"].get_unified_index().get_index(model)
    except NotHandled:
        return False
    return True


def drain():
    """Write every pending update; returns how many records were written or removed."""
    with _drain_lock:
        pending = list(PendingIndexUpdate.objects.order_by("pk")[:DRAIN_CHUNK])
        if not pending:
            return 0
        unified = connections["default"].get_unified_index()
        updates, removals, done = [], [], 0
        by_model = {}
        for row in pending:
            by_model.setdefault(row.model, set()).add(row.object_id)
        for label, ids in by_model.items():
            model = apps.get_model(label)
            try:
                index = unified.get_index(model)
            except NotHandled:
                continue
            found, ids = {}, sorted(ids)
            for start in range(0, len(ids), BATCH_SIZE):
                found.update(index.index_queryset().in_bulk(ids[start : start + BATCH_SIZE]))
            updates += [(index, obj) for obj in found.values()]
            removals += [f"{label}.{pk}" for pk in ids if pk not in found]
            done += len(ids)
        backend = connections["default"].get_backend()
        try:
            backend.apply(updates, removals)
        except backend.unavailable_errors as error:
            log.warning("search index unavailable (%s): %d updates stay queued", error, len(pending))
            return 0
        PendingIndexUpdate.objects.filter(pk__lte=pending[-1].pk).delete()
    if len(pending) == DRAIN_CHUNK:
        return done + drain()
    return done


def _indexes():
    return connections["default"].get_unified_index().get_indexes()


def index_is_complete():
    """Whether the index holds one document for every indexed record, written with every field
    the indexes define (an empty, stale, missing or damaged index does not, nor one written
    before a field was added)."""
    backend = connections["default"].get_backend()
    try:
        backend.check()
        count = backend.document_count()
        current = backend.schema_is_current()
    except backend.unavailable_errors as error:
        log.info("search index unavailable: %s", error)
        return False
    expected = sum(index.index_queryset().count() for index in _indexes().values())
    return expected > 0 and current and count == expected


def rebuild():
    """Clear the index and write every indexed record again; returns {model label: documents}."""
    backend = connections["default"].get_backend()
    covered = PendingIndexUpdate.objects.aggregate(last=Max("pk"))["last"] or 0
    backend.clear()
    updates, counts = [], {}
    for model, index in _indexes().items():
        objects = list(index.index_queryset())
        updates += [(index, obj) for obj in objects]
        counts[label_of(model)] = len(objects)
    backend.apply(updates, [])  # one commit: Whoosh writes each term once
    PendingIndexUpdate.objects.filter(pk__lte=covered).delete()
    return counts
