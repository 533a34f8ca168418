"""Whoosh's segment writers with a pool that holds a segment's postings in arrays.

Until a segment is written, Whoosh's PostingPool holds each posting as a tuple (field, term,
document, weight, value), the term's bytes repeated in each, then sorts them all. For half the
1998 corpus that is about 170 MiB, and a sort of 700,000 tuples. CompactPostingPool stores
each term once, with a number, and each posting in typed arrays: its document, weight and the
next posting of the same term (each term's postings are a chain), its value in one byte
array; about 35 bytes a posting and 120 a term, where Python objects took 120 and 180. A
term's postings come in the documents' order, as a writer adds them, so only the terms need
sorting (the postings of a merge, which may come out of order, are sorted term by term). Past
``limitmb`` it writes a sorted run to disk and merges the runs at the end, as Whoosh's pool
does. The codec gets the same items in the same order: the segment written is the same.
"""
import ctypes
import os
import signal
from array import array

from whoosh import multiproc
from whoosh.writing import PostingPool, SegmentWriter

# Estimated bytes a posting (besides its value's) and a term (besides its text's) take in the
# pool, to keep it within ``limitmb``; a posting without a value (None, from a merge) is kept in
# a set, at about 75 bytes more.
POSTING_BYTES = 24
TERM_BYTES = 120
NONE_BYTES = 75


class CompactPostingPool(PostingPool):
    def __init__(self, tempstore, segment, limitmb=128, **kwargs):
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self.in_order = True  # each term's postings come in the documents' order (CompactSegmentWriter)
        self._empty()

    def _empty(self):
        self.fields = {}  # field name -> {term bytes: term number}
        # each term's postings as a chain through the posting numbers: its first and last, and
        # for each posting the next of the same term (0 ends a chain: no posting follows posting 0)
        self.first, self.last, self.following = array("I"), array("I"), array("I")
        self.docnums = array("I")  # by posting number
        self.weights = array("d")
        self.ends = array("Q", [0])  # posting p's value is values[ends[p]:ends[p + 1]]
        self.values = bytearray()
        self.nones = set()  # postings whose value is None (a merge's, read back from a segment)
        self.currentsize = 0

    def add(self, item):
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        posting = len(self.docnums)
        term = terms.get(tbytes)
        if term is None:
            terms[tbytes] = len(self.first)
            self.first.append(posting)
            self.last.append(posting)
            self.currentsize += TERM_BYTES + len(tbytes)
        else:
            self.following[self.last[term]] = posting
            self.last[term] = posting
        self.following.append(0)
        self.docnums.append(docnum)
        self.weights.append(weight)
        if vbytes is None:
            self.nones.add(posting)
            self.currentsize += NONE_BYTES
        else:
            self.values += vbytes
            self.currentsize += len(vbytes)
        self.ends.append(len(self.values))
        self.currentsize += POSTING_BYTES
        if self.currentsize > self.limit:
            self.save()

    def _chain(self, term):
        """The posting numbers of ``term`` (its number), in the order they were added."""
        following, posting = self.following, self.first[term]
        chain = [posting]
        while posting := following[posting]:
            chain.append(posting)
        return chain

    def _columns(self):
        """A function of a posting number's list: their documents, weights and values."""
        docnums, weights, ends, nones = self.docnums, self.weights, self.ends, self.nones
        values = memoryview(self.values)

        def value(p):
            return None if p in nones else values[ends[p] : ends[p + 1]].tobytes()

        return lambda chain: ([docnums[p] for p in chain], [weights[p] for p in chain], [value(p) for p in chain])

    def _in_order(self):
        """Every posting as Whoosh's tuple, sorted as Whoosh sorts them."""
        for fieldname, terms in self.by_term():
            for tbytes, docnums, weights, values in terms:
                items = ((fieldname, tbytes, *posting) for posting in zip(docnums, weights, values))
                yield from items if self.in_order else sorted(items)

    def by_term(self):
        """(field name, [(term bytes, documents, weights, values)]) for each field, in the order
        of _in_order, a term's postings in the order they were added (the documents' order when
        in_order)."""
        columns = self._columns()
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            yield fieldname, ((tbytes, *columns(self._chain(terms[tbytes]))) for tbytes in sorted(terms))

    def save(self):
        if not self.docnums:
            return
        path, f = self._new_run()
        self._write_run(f, self._in_order())
        self._add_run(path)
        self._empty()

    def items(self, maxfiles=128):
        if not self.runs:
            return GroupedPostings(self) if self.in_order else self._in_order()
        self.save()
        return super().items(maxfiles)  # the runs merged, as Whoosh's pool does


class GroupedPostings:
    """A pool's postings in memory: iterated, Whoosh's sorted tuples; grouped by field and term
    (``by_term``) for whoosh_codec.FieldWriter, which writes a term of a few postings at once."""

    def __init__(self, pool):
        self.by_term = pool.by_term
        self._in_order = pool._in_order

    def __iter__(self):
        return self._in_order()


class CompactSegmentWriter(SegmentWriter):
    def __init__(self, ix, limitmb=128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = CompactPostingPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        # a spelling field's words are all added as document 0
        self.pool.in_order = not any(field.separate_spelling() for _, field in self.schema.items())

    def add_reader(self, reader):
        # A merge adds each segment's postings after the documents added, term by term: they come
        # in order, but the pool is not told what Whoosh does not promise.
        self.pool.in_order = False
        super().add_reader(reader)


class CompactMpWriter(multiproc.MpWriter):
    """Whoosh's writer in several processes, each writing with CompactSegmentWriter and ending
    when this process ends, however it ends (a killed import leaves no writer waiting for work)."""

    def _new_task(self):
        task = _SubWriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, self.multisegment)
        self.tasks.append(task)
        task.start()
        return task

    def cancel(self):
        # Whoosh's own cancel sets a flag on this process's copies of the tasks: the processes
        # would wait for work for ever, and this one for them when it exits.
        for task in self.tasks:
            task.terminate()
            task.join()
        super().cancel()


class _SubWriterTask(multiproc.SubWriterTask):
    def __init__(self, *args):
        super().__init__(*args)
        self.parent = os.getpid()

    def run(self):
        _end_with_parent(self.parent)
        multiproc.SegmentWriter = CompactSegmentWriter  # in this forked process only: the writer run() makes
        super().run()


def _end_with_parent(parent):
    """Have the kernel kill this process when its parent dies (Linux's PR_SET_PDEATHSIG), or
    end now if the parent died before it could ask."""
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)
