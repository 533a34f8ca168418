"""BM25 as Whoosh scores it, with each segment's field lengths read once into memory.

BM25 weighs a match by the length of the document's field. Whoosh reads that length through
the segment's length column for every match scored: a seek and a read of one byte in the
segment file, about 30,000 times over the 200 searches of bench/search_latency.py. A segment
never changes once written, so its lengths are read into an array the first time a search
scores it, and kept as long as its reader is.
"""
import threading
import weakref
from array import array

from whoosh import scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

_lengths = weakref.WeakKeyDictionary()  # segment reader -> {field: array of lengths}
_lock = threading.Lock()


def field_lengths(reader, fieldname):
    """Each document's length in ``fieldname``, by document number in ``reader``: what
    ``reader.doc_field_length(docnum, fieldname, 1)`` answers for a document holding the field.
    Read into memory for a segment's own reader (the one a search scores with); another
    reader (of several segments) is asked document by document, as Whoosh does."""
    if not (reader.is_atomic() and getattr(reader, "_perdoc", None) and reader._perdoc.has_column(_lenfield(fieldname))):
        return _Asked(reader, fieldname)
    with _lock:
        fields = _lengths.setdefault(reader, {})
    lengths = fields.get(fieldname)
    if lengths is None:
        column = reader._perdoc.column_reader(_lenfield(fieldname), LENGTHS_COLUMN).load()  # its W3 lengths
        # a byte of 0 is a document without the field, never scored in it (Whoosh answers None)
        lengths = fields[fieldname] = array("I", (
            byte_to_length(column[docnum]) or 1 if docnum < len(column) else 1 for docnum in range(reader.doc_count_all())
        ))
    return lengths


class _Asked:
    def __init__(self, reader, fieldname):
        self.reader, self.fieldname = reader, fieldname

    def __getitem__(self, docnum):
        return self.reader.doc_field_length(docnum, self.fieldname, 1)


class BM25F(scoring.BM25F):
    """Whoosh's BM25F, its scorers reading field lengths from field_lengths."""

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf)
        if isinstance(scorer, scoring.BM25FScorer):
            scorer.dfl = field_lengths(searcher.reader(), fieldname).__getitem__
        return scorer
