"""Snippets with the query's matches marked, drawn on the article's own script.

Whoosh's highlighter does the fragmenting and the escaping; the tokens it is given are the
query's matches in the normalized text, found as the search found them (a name whole and
not inside a longer known name, anything else as it stands), so every mark is a whole match
(马克思, never 马克) and its offsets are valid in the original (normalization keeps length).
"""
import re

from django.utils.html import escape
from whoosh.analysis import Token
from whoosh.highlight import BasicFragmentScorer, Fragment, Fragmenter, HtmlFormatter, WholeFragmenter, highlight

from chinese.normalize import normalize

SNIPPET_CHARS = 160
# Passages are looked for in this much of a text: every match in it is a token to score, and
# an article may run to a million characters (archive.importers.records.MAX_BODY_CHARS).
SCANNED_CHARS = 100_000


class MarkFormatter(HtmlFormatter):
    template = "<mark>%(t)s</mark>"

    def __init__(self):
        super().__init__(tagname="mark", between="…")


class CharContextFragmenter(Fragmenter):
    """Passages of ``surround`` characters either side of the matches, at most ``maxchars`` long.

    Whoosh's ContextFragmenter counts context in tokens; the tokens here are only the
    matches, so the context is counted in characters instead. Every match a passage shows is
    marked, and passages never overlap, so no occurrence is shown twice or unmarked.
    """

    def __init__(self, maxchars=SNIPPET_CHARS, surround=40):
        self.maxchars, self.surround = maxchars, surround

    def fragment_tokens(self, text, all_tokens):
        matches = [token.copy() for token in all_tokens if token.matched]
        i, shown_to = 0, 0
        while i < len(matches):
            first, j = matches[i], i + 1
            while j < len(matches) and matches[j].endchar - first.startchar + 2 * self.surround <= self.maxchars:
                j += 1
            start = max(shown_to, first.startchar - self.surround)
            end = min(len(text), matches[j - 1].endchar + self.surround)
            while j < len(matches) and matches[j].endchar <= end:  # in the context: marked too
                j += 1
            yield Fragment(text, matches[i:j], start, end)
            i, shown_to = j, end


class EarlierFirstScorer(BasicFragmentScorer):
    """Whoosh's passage score, with ties going to the earlier passage: Whoosh itself breaks
    them by the passages' memory addresses, so the same search showed different snippets."""

    def __call__(self, fragment):
        return super().__call__(fragment) + 1 / (2 + fragment.startchar)


class MatchTokenizer:
    """Whoosh analyzer yielding one token per match of the query in a text.

    ``terms`` match wherever they stand; ``names`` only where they are not part of a longer
    known name (``longer`` maps each name to those), as the search matched them; ``phrases``
    (quoted, of several runs) where their runs follow each other with only spaces or
    punctuation between. A token's text is what it matched for: the term, name or phrase.
    """

    def __init__(self, terms, names, longer, phrases=()):
        self.terms, self.names, self.longer = terms, names, longer
        self.phrases = {phrase: re.compile(r"[\W_]*".join(map(re.escape, runs))) for phrase, runs in phrases}

    def spans(self, text):
        norm = normalize(text)
        spans = []
        for term in self.terms:
            spans += [(start, end, term) for start, end in _occurrences(norm, term)]
        for name in self.names:
            covered = [span for other in self.longer[name] for span in _occurrences(norm, other)]
            spans += [
                (start, end, name) for start, end in _occurrences(norm, name)
                if not any(s <= start and end <= e for s, e in covered)
            ]
        for phrase, pattern in self.phrases.items():
            spans += [(m.start(), m.end(), phrase) for m in pattern.finditer(norm)]
        spans.sort(key=lambda s: (s[0], -s[1]))
        last_end = -1
        for start, end, key in spans:
            if start >= last_end:
                yield start, end, key
                last_end = end

    def __call__(self, value, chars=True, mode="", **kwargs):
        for pos, (start, end, key) in enumerate(self.spans(value)):
            yield Token(text=key, pos=pos, startchar=start, endchar=end, chars=True, positions=True)


def _occurrences(text, needle):
    """(start, end) of every occurrence of ``needle`` in ``text``."""
    found, start = [], text.find(needle)
    while start != -1:
        found.append((start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return found


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
        self._analyzer = MatchTokenizer(terms, names, longer, phrases)
        self._terms = frozenset(terms | names | {phrase for phrase, _ in phrases})

    def snippet(self, text, fallback_chars=SNIPPET_CHARS):
        """HTML: the best passages of the first SCANNED_CHARS of ``text`` with matches in <mark>,
        or its opening."""
        if self._terms:
            marked = highlight(
                text[:SCANNED_CHARS], self._terms, self._analyzer, CharContextFragmenter(), MarkFormatter(), top=2,
                scorer=EarlierFirstScorer(),
            )
            if marked:
                return marked
        opening = text[:fallback_chars]
        return escape(opening) + ("…" if len(text) > fallback_chars else "")

    def whole(self, text):
        """HTML: all of ``text`` (a title) with matches in <mark>."""
        if self._terms:
            marked = highlight(text, self._terms, self._analyzer, WholeFragmenter(), MarkFormatter(), top=1)
            if marked:
                return marked
        return escape(text)
