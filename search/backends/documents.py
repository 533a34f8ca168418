"""Building the documents of a write, the same for every backend: a record whose document
cannot be built is reported and left out, never allowed to stop the others."""
from haystack.exceptions import SkipDocument
from haystack.utils import get_identifier


def build(updates, removals, document):
    """(documents, removals, failed) for ``updates``, (index, record) pairs: ``document(index,
    record)`` builds one; a record its index skips is removed; ``failed`` maps the identifier of
    each record whose document could not be built to the error (its old document stays)."""
    docs, removals, failed = [], list(removals), {}
    for index, obj in updates:
        try:
            docs.append(document(index, obj))
        except SkipDocument:
            removals.append(get_identifier(obj))
        except Exception as error:  # noqa: BLE001 - reported by the caller, with the record
            failed[get_identifier(obj)] = describe(error)
    return docs, removals, failed


def describe(error):
    return f"{type(error).__name__}: {error}"[:1000]
