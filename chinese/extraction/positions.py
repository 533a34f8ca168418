"""Position attestations: each known person a text names right after a title chain."""
import re
from dataclasses import dataclass

from .sentences import quote
from .titles import Chain, Title, chain_before

#: A year before the report's, or 当时, makes a post historical: it tells nothing of that day.
_PAST_YEAR = re.compile(r"((?:19|20)\d\d)年")


@dataclass(frozen=True)
class Attestation:
    """That ``person_id`` held ``title`` on ``date``, in the words of ``quote``."""

    person_id: int
    name: str
    title: Title
    date: object  # datetime.date
    quote: str
    start: int  # offset of the chain
    end: int  # offset after the name

    @property
    def current(self):
        """Whether the text says the post was held at the time of the report."""
        return not self.title.former


def attestations(text, norm, people, sentence_of, reference, gazetteer, names):
    """Attestations of the ``people`` (name, start, person id) of a text, in text order.

    ``sentence_of(offset)`` is the sentence span at an offset; ``reference`` the report's date.
    A name right after another name's title list inherits it: 国务院副总理李岚清、吴邦国.
    """
    found, previous = [], None
    for name, start, person_id in people:
        chain = chain_before(norm, start, gazetteer, names)
        if chain is None and previous is not None and _continues_list(norm, previous, start):
            chain = Chain(titles=previous[1].titles, start=start)
        end = start + len(name)
        if chain is None:
            previous = None
            continue
        previous = (end, chain)
        span = sentence_of(start)
        historical = _historical(norm[span.start:start], reference)
        for title in chain.titles:
            if historical and not title.former:
                title = Title(title.organization, title.title, True, title.hint)
            found.append(Attestation(person_id, name, title, reference, quote(text, span, chain.start, end), chain.start, end))
    return found


def _continues_list(norm, previous, start):
    """Whether the name at ``start`` follows the previous titled name after a 、 (and nothing else)."""
    end, _ = previous
    return norm[end:start] == "、"


def _historical(before, reference):
    if "当时" in before:
        return True
    return any(int(year) < reference.year for year in _PAST_YEAR.findall(before))
