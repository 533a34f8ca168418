"""Whoosh's own codec (W3Codec), with four costs of writing a segment taken out.

Most terms of a Chinese archive are bigrams found in a handful of articles. Whoosh writes each
term's postings as a block of its own, pickled and compressed (about 20 µs a term, 320,000
terms for the 1998 corpus), and looks up the document's field length again for every posting
(1.4 million lookups through the length column). Here:

* a term found in fewer than INLINE_LIMIT documents keeps its postings inline, in the term's
  entry: W3Codec means to do this (its ``inlinelimit``), but calls a method its term info does
  not have (``set_inline`` for ``set_inlined``), so in Whoosh 2.7.4 no term is ever inlined;
  reading inline postings is Whoosh's own (``postings_reader``: a ListMatcher);
* each field's lengths are read once per segment into a list;
* the term file's hash table is kept in arrays until it is written (HashBucket);
* the postings of a pool held in memory come grouped by term (whoosh_pool.GroupedPostings),
  and the entry of a term stored inline is made at once, where Whoosh takes it through a
  postings writer and a term info object posting by posting: 175,000 of the 206,000 terms of
  half the corpus, whose segment is written 15 % faster.

The segment is the same format otherwise, and names Whoosh's own codec: Whoosh reads it back
with its own readers, and the index opens without this module.
"""
import pickle
from array import array

from whoosh.codec import whoosh3
from whoosh.util.numeric import length_to_byte

# Documents a term may be found in and still be stored inline: the corpus's segments are
# smallest and quickest to write with 4 (2: 10 % slower, 8: no faster, and larger).
INLINE_LIMIT = 4


class PortalCodec(whoosh3.W3Codec):
    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_LIMIT):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def new_segment(self, storage, indexname):
        return whoosh3.W3Segment(whoosh3.W3Codec(), indexname)  # what reads it

    def postings_writer(self, dbfile, byteids=False):
        # term vectors (byteids) are never inlined: Whoosh's vector writer reads their extent
        writer = whoosh3.W3PostingsWriter if byteids else InliningPostingsWriter
        return writer(
            dbfile, blocklimit=self._blocklimit, byteids=byteids, compression=self._compression,
            inlinelimit=1 if byteids else self._inlinelimit,
        )

    def field_writer(self, storage, segment):
        return FieldWriter(self, storage, segment)


def stays_inline(postings, valued, limit):
    """Whether a term's ``postings``, ``valued`` of them with a value, are kept in its entry:
    fewer than ``limit``, and all with a value or none."""
    return postings < limit and valued in (0, postings)


class InliningPostingsWriter(whoosh3.W3PostingsWriter):
    def finish_postings(self):
        ids, values = self._ids, self._values  # (only the values given are kept)
        if self.written() or not stays_inline(len(ids), len(values), self._inlinelimit):
            return super().finish_postings()
        terminfo = self._terminfo
        terminfo.add_block(self)
        # a posting without a value reads as None, as from a block (a merge rejects Whoosh's '')
        terminfo.set_inlined(ids, self._weights, values or (None,) * len(ids))
        self._terminfo = None  # between terms, as Whoosh's own method leaves it
        return terminfo


class FieldWriter(whoosh3.W3FieldWriter):
    def __init__(self, codec, storage, segment):
        super().__init__(codec, storage, segment)
        self._tindex.buckets = [HashBucket() for _ in self._tindex.buckets]

    def add_postings(self, schema, lengths, items):
        lengths = FieldLengths(lengths) if lengths else lengths
        if lengths is None or not hasattr(items, "by_term"):
            return super().add_postings(schema, lengths, items)
        # grouped by term: a term InliningPostingsWriter would inline gets its entry at once
        for fieldname, terms in items.by_term():
            self.start_field(fieldname, schema[fieldname])
            length = lengths.column(fieldname).__getitem__
            for tbytes, docnums, weights, values in terms:
                if stays_inline(len(docnums), sum(map(bool, values)), self._codec._inlinelimit):
                    self._tindex.add(whoosh3.pack_ushort(self._fieldid) + tbytes, inlined(docnums, weights, values, map(length, docnums)))
                    continue
                self.start_term(tbytes)
                for docnum, weight, value in zip(docnums, weights, values):
                    self.add(docnum, weight, value or b"", length(docnum))
                self.finish_term()
            self.finish_field()


def inlined(docnums, weights, values, lengths):
    """The bytes of the term info of a term's few postings, inlined: what InliningPostingsWriter
    and W3TermInfo.to_bytes write for them, without their objects (the weights kept as 32-bit
    floats and lengths of 0 left out, as Whoosh does)."""
    stored = tuple(array("f", weights))
    lengths = [n for n in lengths if n]
    header = whoosh3.W3TermInfo._struct.pack(
        True, sum(stored), len(docnums), length_to_byte(min(lengths)) if lengths else 0,
        length_to_byte(max(lengths, default=0)), max(0, *weights), docnums[0], docnums[-1],
    )
    return header + pickle.dumps((tuple(docnums), stored, tuple(values) if all(values) else (None,) * len(docnums)), 2)


class HashBucket:
    """A bucket of the term file's hash table as its writer keeps it until the segment is closed:
    each term's (hash, position) in an array, 16 bytes, where Whoosh keeps a tuple of two
    integers, about 120 (24 MiB for the 200,000 terms of half the corpus)."""

    def __init__(self):
        self.numbers = array("Q")

    def append(self, pair):
        self.numbers.extend(pair)

    def __len__(self):
        return len(self.numbers) // 2

    def __iter__(self):
        return zip(self.numbers[0::2], self.numbers[1::2])


class FieldLengths:
    """A segment's field lengths, each field's read in one pass when it is first asked for."""

    def __init__(self, lengths):
        self.lengths = lengths
        self.fields = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        return self.column(fieldname)[docnum]

    def column(self, fieldname):
        column = self.fields.get(fieldname)
        if column is None:
            length = self.lengths.doc_field_length
            column = self.fields[fieldname] = [length(n, fieldname) for n in range(self.lengths.doc_count_all())]
        return column

