"""Whoosh's own codec (W3Codec), with two costs of writing a segment taken out.

Most terms of a Chinese archive are bigrams found in a handful of articles. Whoosh writes each
term's postings as a block of its own, pickled and compressed (about 20 µs a term, 320,000
terms for the 1998 corpus), and looks up the document's field length again for every posting
(1.4 million lookups through the length column). Here:

* a term found in fewer than INLINE_LIMIT documents keeps its postings inline, in the term's
  entry: W3Codec means to do this (its ``inlinelimit``), but calls a method its term info does
  not have (``set_inline`` for ``set_inlined``), so in Whoosh 2.7.4 no term is ever inlined;
  reading inline postings is Whoosh's own (``postings_reader``: a ListMatcher);
* each field's lengths are read once per segment into a list.

The segment is the same format otherwise, and names Whoosh's own codec: Whoosh reads it back
with its own readers, and the index opens without this module.
"""
from whoosh.codec import whoosh3

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


class InliningPostingsWriter(whoosh3.W3PostingsWriter):
    def finish_postings(self):
        ids, values = self._ids, self._values
        if self.written() or len(ids) >= self._inlinelimit or len(values) not in (0, len(ids)):
            return super().finish_postings()
        terminfo = self._terminfo
        terminfo.add_block(self)
        # a posting without a value reads as None, as from a block (a merge rejects Whoosh's '')
        terminfo.set_inlined(ids, self._weights, values or (None,) * len(ids))
        self._terminfo = None  # between terms, as Whoosh's own method leaves it
        return terminfo


class FieldWriter(whoosh3.W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        super().add_postings(schema, FieldLengths(lengths) if lengths else lengths, items)


class FieldLengths:
    """A segment's field lengths, each field's read in one pass when it is first asked for."""

    def __init__(self, lengths):
        self.lengths = lengths
        self.fields = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        column = self.fields.get(fieldname)
        if column is None:
            length = self.lengths.doc_field_length
            column = self.fields[fieldname] = [length(n, fieldname) for n in range(self.lengths.doc_count_all())]
        return column[docnum]

