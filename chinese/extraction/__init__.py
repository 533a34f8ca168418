"""Who held which post when, and who met whom: records read from an article's plain text.

``extract(text, published, names, gazetteer)`` returns the article's position attestations
(``positions``: a known person named right after a title chain, records.md) and the events
it reports (``events``: meetings, talks, inspections, conferences, signings, visits,
speeches, with each participant's role), dated by the report's dateline or the sentence.
It knows people through the name index (chinese.names) and places and organizations
through ``gazetteer``, a set of their normalized names; it reads nothing but the text.
"""
from bisect import bisect_right
from dataclasses import dataclass

from ..normalize import normalize
from .dates import find_dateline
from .events import event_reports
from .positions import attestations
from .sentences import sentences


@dataclass
class Extraction:
    positions: list
    events: list
    dateline: object  # dates.Dateline or None


def extract(text, published, names, gazetteer, body_start=0):
    """The records ``text`` (an article's full text) states; ``published`` is its date. Events are
    read from the body only (from ``body_start``): a headline restates it without its dates."""
    norm = normalize(text)
    dateline = find_dateline(norm, published)
    reference = dateline.date if dateline else published
    spans = sentences(norm)
    starts = [s.start for s in spans]
    people = [
        (name, start, next(iter(names.people[name])))
        for name, start in names.matcher.find(text)
        if len(names.people[name]) == 1 and not (dateline and dateline.start <= start < dateline.end)
    ]

    def sentence_of(offset):
        return spans[bisect_right(starts, offset) - 1]

    found = attestations(text, norm, people, sentence_of, reference, gazetteer, names.people)
    events = event_reports(text, norm, people, spans, reference, dateline.place if dateline else "", gazetteer, body_start)
    return Extraction(positions=found, events=events, dateline=dateline)
