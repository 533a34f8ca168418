"""How the archive tells the layers above it that records changed, without knowing them.

The archive announces; whoever keeps copies of its records listens (the search index:
search.signals connects these signals and queues the documents to rewrite). A save of a
model is announced by Django's own post_save; these signals carry what a save does not
show: mentions relinked in bulk, a batch of imported articles, a merge, which fields an
edit changed.
"""
import threading
from contextlib import contextmanager

from django.dispatch import Signal

#: Records whose copies must be rewritten, or removed when the records are gone.
#: ``sender``: the model class; ``ids``: a set of primary keys; ``bulk``: True when a bulk
#: job announces them at its end (it asks for the catch-up itself, with ``bulk_done``).
records_changed = Signal()

#: A bulk job (an import batch, bootstrap) has announced what it changed and asks the copies
#: to catch up now, in one pass, before it goes on. ``sender``: the job's class.
bulk_done = Signal()

#: A record that others are found by was saved with some of those fields changed (a person's
#: or a place's name, a place's parent, a person's linking flag: archive.signals.WATCHED).
#: ``sender``: the model; ``instance``: the record as saved; ``before``: {field: old value}
#: for the fields that changed. Sent after post_save, in the saving transaction.
edited = Signal()

_state = threading.local()


def announce(model, ids):
    """Say that the records ``ids`` of ``model`` changed (held until the end of a bulk job)."""
    ids = set(ids)
    if not ids:
        return
    held = getattr(_state, "held", None)
    if held is not None:
        held.setdefault(model, set()).update(ids)
    else:
        records_changed.send(sender=model, ids=ids, bulk=False)


@contextmanager
def in_bulk():
    """Hold the announcements made inside and make them once per model at the end."""
    if getattr(_state, "held", None) is not None:  # nested: the outer job announces
        yield
        return
    _state.held = {}
    try:
        yield
    finally:
        held, _state.held = _state.held, None
        for model, ids in held.items():
            records_changed.send(sender=model, ids=ids, bulk=True)
