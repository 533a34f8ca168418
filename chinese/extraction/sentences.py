"""Sentences and clauses of a normalized text, with their offsets."""
import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[。!?\n]+")
_CLAUSE_END = re.compile(r"[,;:]")
#: Longest quote kept as evidence; a longer sentence is cut around what it attests.
MAX_QUOTE = 160


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def sentences(text):
    """The sentences of a normalized text: spans that end at 。！？ or a line break."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append(Span(start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append(Span(start, len(text)))
    return spans


def clauses(text, span):
    """The clauses of a sentence: spans that end at ，；：."""
    parts, start = [], span.start
    for match in _CLAUSE_END.finditer(text, span.start, span.end):
        parts.append(Span(start, match.start()))
        start = match.end()
    parts.append(Span(start, span.end))
    return [p for p in parts if p.end > p.start]


def quote(original, span, focus_start=None, focus_end=None):
    """The words of ``span`` in the original text, at most MAX_QUOTE characters around the focus."""
    start, end = span.start, span.end
    if end - start > MAX_QUOTE and focus_start is not None:
        start = max(start, min(focus_start - MAX_QUOTE // 3, end - MAX_QUOTE))
        end = min(end, start + MAX_QUOTE)
    text = original[start:end].strip()
    return text if end - start <= MAX_QUOTE else text[:MAX_QUOTE]
