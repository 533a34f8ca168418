"""Keeping the index in step with the database, one writer at a time.

A change the archive announces (archive.changes, connected in search.signals) adds rows to
PendingIndexUpdate in the same transaction, so the intent to re-index is never lost. Once
the transaction commits, this process's index writer thread (search.drainer) drains the
queue: the request that saved never waits for the index nor fails on it. A bulk job's
changes are queued at its end and drained by the job itself when it says it is done, in one
index commit.

A drain takes the index's writer lock first, then reads the queue and the records, writes
their documents and deletes exactly the rows it read: a change committed meanwhile keeps
its row for the next drain, and no older document overwrites a newer one. A record whose
document cannot be built or written is reported and its row kept, marked failed, while the
others are written; the drains after saves skip it, ``manage.py drain_index_queue`` retries
it. A drain that cannot write at all (the lock held too long, a search server down) leaves
every row for the next one.
"""
import logging
import threading
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from haystack import connections
from haystack.exceptions import NotHandled

from archive import generation

from .drainer import Drainer
from .models import PendingIndexUpdate

log = logging.getLogger(__name__)
_drain_lock = threading.Lock()
BATCH_SIZE = 500
DRAIN_CHUNK = 50_000  # queued records written in one commit: Whoosh writes each term once per commit


@dataclass
class DrainReport:
    written: int = 0  # records whose documents were written or removed
    failed: list = field(default_factory=list)  # "archive.article.5: why", records left queued as failed
    unavailable: str = ""  # why the index could not be written at all, if it could not


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
        transaction.on_commit(drainer.wake)


def is_indexed(model):
    try:
        connections["default"].get_unified_index().get_index(model)
    except NotHandled:
        return False
    return True


def pending(retry_failed=False):
    """The queue's rows, oldest first: those not failed, or all of them."""
    rows = PendingIndexUpdate.objects.order_by("pk")
    return rows if retry_failed else rows.filter(failed__isnull=True)


def drain(retry_failed=False):
    """Write every pending update (the failed ones too when asked): a DrainReport."""
    report = DrainReport()
    backend = connections["default"].get_backend()
    with _drain_lock:
        while pending(retry_failed).exists():
            try:
                read = _drain_chunk(backend, retry_failed, report)
            except backend.unavailable_errors as error:
                report.unavailable = f"{type(error).__name__}: {error}"
                log.warning("search index unavailable (%s): its updates stay queued", report.unavailable)
                break
            if read < DRAIN_CHUNK:
                break
    return report


def _drain_chunk(backend, retry_failed, report):
    size = min(pending(retry_failed).count(), DRAIN_CHUNK)
    with backend.writing(size) as batch:  # the lock first, then what to write
        read_at = timezone.now()
        rows = list(pending(retry_failed).values_list("pk", "model", "object_id")[:DRAIN_CHUNK])
        failed = {}
        for updates, removals in _records(rows):
            failed.update(batch.write(updates, removals))
    _settle(rows, failed, read_at)
    generation.bump()  # what a search answers has changed: its cached answers are stale
    report.written += len({(label, pk) for _, label, pk in rows}) - len(failed)
    report.failed += [f"{identifier}: {error}" for identifier, error in failed.items()]
    return len(rows)


def _records(rows):
    """(updates, removals) for queue rows, BATCH_SIZE records at a time: the records that exist
    with their indexes, the identifiers of those that are gone. Only a chunk's records are held
    at once, so a large drain's memory is that of a chunk (and the index writer processes forked
    meanwhile inherit no more)."""
    by_model = {}
    for _, label, pk in rows:
        by_model.setdefault(label, set()).add(pk)
    for label, ids in by_model.items():
        try:
            index = connections["default"].get_unified_index().get_index(apps.get_model(label))
        except (LookupError, NotHandled):  # a model no longer indexed: nothing to write
            continue
        yield from _loaded(index, label, _chunks(ids))


def _loaded(index, label, chunks):
    """(updates, removals) for each chunk of ``index``'s record ids, in the index's order."""
    records = index.index_queryset()
    for ids in chunks:
        found = records.in_bulk(ids)
        yield [(index, obj) for obj in found.values()], [f"{label}.{pk}" for pk in ids if pk not in found]


def _chunks(values):
    values = sorted(values)
    return (values[start : start + BATCH_SIZE] for start in range(0, len(values), BATCH_SIZE))


def _settle(rows, failed, read_at):
    """Delete the rows read at ``read_at``, and no other; keep one failed row per record that
    failed, with why."""
    for ids in _chunks(pk for pk, _, _ in rows):
        PendingIndexUpdate.objects.filter(pk__in=ids).delete()
    # a failure before the read, of a record written or tried again now, is settled too (not
    # one another process has met since, on a newer version)
    earlier, settled = PendingIndexUpdate.objects.filter(failed__lt=read_at), {}
    for _, label, pk in rows:
        settled.setdefault(label, set()).add(pk)
    for label, pks in settled.items():
        for ids in _chunks(pks):
            earlier.filter(model=label, object_id__in=ids).delete()
    now, failures = timezone.now(), []
    for identifier, error in failed.items():
        label, pk = identifier.rsplit(".", 1)
        failures.append(PendingIndexUpdate(model=label, object_id=int(pk), failed=now, error=error))
        log.error("search index: %s could not be written, and stays queued as failed: %s", identifier, error)
    PendingIndexUpdate.objects.bulk_create(failures)


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
    with _drain_lock:
        backend.clear()
        size = sum(index.index_queryset().count() for index in _indexes().values())
        with backend.writing(size) as batch:  # one commit: Whoosh writes each term once
            read_at = timezone.now()
            covered = list(PendingIndexUpdate.objects.values_list("pk", "model", "object_id"))
            counts, failed = {}, {}
            for model, index in _indexes().items():
                ids = list(index.index_queryset().values_list("pk", flat=True))  # in pk order, as _chunks
                for updates, _ in _loaded(index, label_of(model), _chunks(ids)):
                    failed.update(batch.write(updates, []))
                counts[label_of(model)] = len(ids)
        _settle(covered, failed, read_at)
        generation.bump()
    return counts


#: This process's index writer thread, woken after each commit that queued updates.
drainer = Drainer(drain)
