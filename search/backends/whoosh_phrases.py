"""Phrases in Whoosh: terms at consecutive positions, found by arithmetic on the positions.

Whoosh matches a phrase with SpanNear2: in each document that holds all its terms it makes a
Span object for every position of every term and joins them pair by pair in Python. A phrase
of common grams holds thousands of them (1998年 is 19, 99, 98, 8年, and 19 and 99 stand in
every date): most of the time of such a search. Here the positions of each slot, less the
slot's place in the phrase, are intersected as sets of numbers; each start left is one
occurrence, as SpanNear2 counts them.

A slot of alternatives (the gram that joins two runs of a quoted phrase, or the run's last
character alone) was a SpanOr, which merges neighbouring positions into one span, and so found
1998.1.2 in 1998.1.12; here each position stands alone.
"""
from whoosh import matching
from whoosh import query as wq
from whoosh.query.spans import Span


class Consecutive(wq.Query):
    """Documents where slot i of ``slots`` stands at position p + i, for some p. A slot is a
    tuple of queries, any of which may stand there: Terms, or an AnyTerm with positions (the
    expansion of a phrase's last character)."""

    def __init__(self, fieldname, slots):
        self.fieldname, self.slots = fieldname, tuple(tuple(slot) for slot in slots)

    @classmethod
    def of_terms(cls, fieldname, terms):
        """The phrase of ``terms``, one to a slot."""
        return cls(fieldname, [[wq.Term(fieldname, term)] for term in terms])

    def __eq__(self, other):
        return type(other) is Consecutive and (other.fieldname, other.slots) == (self.fieldname, self.slots)

    def __hash__(self):
        return hash((self.fieldname, self.slots))

    def __repr__(self):
        return f"Consecutive({self.fieldname!r}, {list(self.slots)!r})"

    def estimate_size(self, ixreader):
        return min((sum(q.estimate_size(ixreader) for q in slot) for slot in self.slots), default=0)

    def estimate_min_size(self, ixreader):
        return 0

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        if not self.slots:
            return matching.NullMatcher()
        slots = []
        for slot in self.slots:
            held = [m for m in (_matcher(q, reader, searcher) for q in slot) if m.is_active()]
            if not held:
                return matching.NullMatcher()
            slots.append(held)
        return ConsecutiveMatcher(slots)


def _matcher(q, reader, searcher):
    """The postings of a Term with their positions (no scorer: Occurrences scores the phrase),
    else the query's own matcher."""
    if isinstance(q, wq.Term):
        if (q.fieldname, q.text) not in reader:
            return matching.NullMatcher()
        return reader.postings(q.fieldname, q.text)
    return q.matcher(searcher)


def _first(slot):
    """The first document any matcher of ``slot`` stands on."""
    return slot[0].id() if len(slot) == 1 else min(m.id() for m in slot)


def _skip(slot, target):
    """Move the matchers of ``slot`` to ``target`` or past it; those at their end leave it."""
    for m in slot:
        if m.id() < target:
            m.skip_to(target)
    slot[:] = [m for m in slot if m.is_active()]


class ConsecutiveMatcher(matching.Matcher):
    """Goes through the documents where every slot has a matcher, and stops on those where the
    slots line up. ``slots``: a list of lists of active matchers with positions."""

    def __init__(self, slots):
        self._slots = slots
        self._id, self._starts = None, ()
        self._find()

    # -- moving ---------------------------------------------------------------------------

    def _find(self, target=0):
        """From where the slots stand, the first document from ``target`` on where they line
        up; or the end."""
        slots = self._slots
        while True:
            for slot in slots:
                doc = _first(slot)
                if doc < target:
                    _skip(slot, target)
                    if not slot:
                        return self._end()
                    doc = _first(slot)
                if doc > target:
                    target = doc
                    break  # every slot again, to the new target
            else:  # every slot stands on target
                starts = self._line_up(target)
                if starts:
                    self._id, self._starts = target, starts
                    return
                target += 1

    def _end(self):
        self._id, self._starts = None, ()

    def _line_up(self, doc):
        """The positions p where slot i stands at p + i, in ``doc``."""
        starts = None
        for i, slot in enumerate(self._slots):
            positions = {p - i for m in slot if m.id() == doc for p in m.value_as("positions")}
            starts = positions if starts is None else starts & positions
            if not starts:
                return ()
        return starts

    def next(self):
        if not self.is_active():
            raise matching.ReadTooFar
        self._find(self._id + 1)

    def skip_to(self, id):
        if self.is_active() and id > self._id:
            self._find(id)

    # -- what the document holds ------------------------------------------------------------

    def is_active(self):
        return self._id is not None

    def id(self):
        return self._id

    def spans(self):
        """One span per occurrence (Occurrences counts them to score the phrase)."""
        last = len(self._slots) - 1
        return [Span(start, start + last) for start in sorted(self._starts)]

    def supports(self, astype):
        return False

    def replace(self, minquality=0):
        return self if self.is_active() else matching.NullMatcher()

    def max_quality(self):
        return float("inf")  # no bound: no match is ever skipped for its score

    def copy(self):
        copied = ConsecutiveMatcher.__new__(ConsecutiveMatcher)
        copied._slots = [[m.copy() for m in slot] for slot in self._slots]
        copied._id, copied._starts = self._id, self._starts
        return copied
