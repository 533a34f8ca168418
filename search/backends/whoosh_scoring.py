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
    """Each document's length in ``fieldname``, by document number in ``reader`` (a segment's
    reader): what ``reader.doc_field_length(docnum, fieldname, 1)`` answers for a document
    holding the field."""
    with _lock:
        fields = _lengths.setdefault(reader, {})
    lengths = fields.get(fieldname)
    if lengths is None:
        lengths = fields[fieldname] = _read_lengths(reader, fieldname)
    return lengths


def _read_lengths(reader, fieldname):
    count = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)  # a segment's own (W3) column reader
    if perdoc is None or not perdoc.has_column(_lenfield(fieldname)):
        return array("l", (reader.doc_field_length(docnum, fieldname, 1) or 1 for docnum in range(count)))
    column = perdoc.column_reader(_lenfield(fieldname), LENGTHS_COLUMN).load()
    # a byte of 0 is a document without the field, never scored in it (Whoosh answers None)
    return array("l", (byte_to_length(column[docnum]) or 1 if docnum < len(column) else 1 for docnum in range(count)))


class BM25F(scoring.BM25F):
    """Whoosh's BM25F, its scorers reading field lengths from field_lengths."""

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf)
        if isinstance(scorer, scoring.BM25FScorer):
            scorer.dfl = field_lengths(searcher.reader(), fieldname).__getitem__
        return scorer
