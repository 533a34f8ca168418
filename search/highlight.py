"""Snippets with the query's matches marked, drawn on the article's own script.

The matches are the query's, found in the normalized text as the search found them (a name
whole and not inside a longer known name, anything else as it stands), so every mark is a
whole match (马克思, never 马克) and its offsets are valid in the original (normalization keeps
length). Passages are chosen and scored as Whoosh's highlighter would (BasicFragmentScorer:
matches times distinct terms), on plain (start, end, term) spans: Whoosh's token objects,
fragments and formatter took a fifth of a search's time.
"""
import heapq
import re
from html import escape as escape_text

from django.utils.html import escape

from chinese.normalize import finder, normalize

SNIPPET_CHARS = 160
# Passages are looked for in this much of a text: every match in it is a span to score, and
# an article may run to a million characters (archive.importers.records.MAX_BODY_CHARS).
SCANNED_CHARS = 100_000
# Context either side of a passage's matches, in characters.
SURROUND = 40
PASSAGES = 2


def passages(spans, length, maxchars=SNIPPET_CHARS, surround=SURROUND):
    """(start, end, spans) of passages of ``surround`` characters either side of the matches,
    at most ``maxchars`` long. Every match a passage shows is in its spans (marked), whole, and
    passages never overlap, so no occurrence is shown twice, cut or unmarked."""
    i, shown_to = 0, 0
    while i < len(spans):
        first, j = spans[i], i + 1
        while j < len(spans) and spans[j][1] - first[0] + 2 * surround <= maxchars:
            j += 1
        start = max(shown_to, first[0] - surround)
        end = min(length, spans[j - 1][1] + surround)
        while j < len(spans) and spans[j][1] <= end:  # in the context: marked too
            j += 1
        if j < len(spans) and spans[j][0] < end:  # never cut a match in two: it opens the next passage
            end = spans[j][0]
        yield start, end, spans[i:j]
        i, shown_to = j, end


def score(passage):
    """How good a passage is: its matches times its distinct terms (Whoosh's measure), ties
    going to the earlier passage, so the same search always shows the same snippet."""
    start, _, matches = passage
    return len(matches) * len({key for _, _, key in matches}) * 100 + 1 / (2 + start)


def marked(text, chosen):
    """HTML of the ``chosen`` passages of ``text``, joined by …, with their matches in <mark>."""
    formatted = []
    for start, end, matches in chosen:
        parts, index = [], start
        for m_start, m_end, _ in matches:
            if m_start > index:
                parts.append(escape_text(text[index:m_start], quote=False))
            parts.append(f"<mark>{escape_text(text[m_start:m_end], quote=False)}</mark>")
            index = m_end
        parts.append(escape_text(text[index:end], quote=False))
        formatted.append("".join(parts))
    return "…".join(formatted)


class MatchFinder:
    """The query's matches in a text, as (start, end, what it matched for), in order and not
    overlapping.

    ``terms`` match wherever they stand; ``names`` only where they are not part of a longer
    known name (``longer`` maps each name to those), as the search matched them; ``phrases``
    (quoted, of several runs) where their runs follow each other with only spaces or
    punctuation between. Terms and names are found in the text as written (chinese.normalize.finder),
    phrases in its normalized form.
    """
    def __init__(self, terms, names, longer, phrases=()):
        self.terms, self.names, self.longer = terms, names, longer
        self.phrases = {phrase: re.compile(r"[\W_]*".join(map(re.escape, runs))) for phrase, runs in phrases}

    def spans(self, text):
        spans = []
        for term in self.terms:
            spans += [(start, end, term) for start, end in _occurrences(text, term)]
        for name in self.names:
            covered = [span for other in self.longer[name] for span in _occurrences(text, other)]
            spans += [
                (start, end, name) for start, end in _occurrences(text, name)
                if not any(s <= start and end <= e for s, e in covered)
            ]
        if self.phrases:
            norm = normalize(text)
            for phrase, pattern in self.phrases.items():
                spans += [(m.start(), m.end(), phrase) for m in pattern.finditer(norm)]
        spans.sort(key=lambda s: (s[0], -s[1]))
        last_end = -1
        for start, end, key in spans:
            if start >= last_end:
                yield start, end, key
                last_end = end


def _occurrences(text, needle):
    """(start, end) of every occurrence of the normalized ``needle`` in ``text`` as written."""
    return [match.span() for match in finder(needle).finditer(text)]


class Highlighter:
    def __init__(self, parsed_query, name_index):
        terms, names, phrases = set(), set(), set()
        for unit in parsed_query.positive_units():
            if name_index.named(unit.text):
                names.add(unit.normalized)
            elif unit.quoted and len(unit.run_texts()) > 1:
                phrases.add((unit.normalized, tuple(unit.run_texts())))
            else:
                terms.update(unit.run_texts())
        longer = {name: name_index.longer_names(name) for name in names}
        self._matches = MatchFinder(terms, names, longer, phrases)

    def snippet(self, text, fallback_chars=SNIPPET_CHARS):
        """HTML: the best passages of the first SCANNED_CHARS of ``text`` with matches in <mark>,
        or its opening."""
        scanned = text[:SCANNED_CHARS]
        spans = list(self._matches.spans(scanned))
        if spans:
            best = heapq.nlargest(PASSAGES, passages(spans, len(scanned)), key=score)
            return marked(scanned, sorted(best))
        opening = text[:fallback_chars]
        return escape(opening) + ("…" if len(text) > fallback_chars else "")

    def whole(self, text):
        """HTML: all of ``text`` (a title) with matches in <mark>."""
        spans = list(self._matches.spans(text))
        return marked(text, [(0, len(text), spans)]) if spans else escape(text)
