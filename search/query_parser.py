"""The query parser: what a reader typed, as a small query tree that each backend's query
compiler (search.backends.query_compiler) turns into its engine's query.

Syntax: words; ``"a phrase"``; ``AND`` (the default between words), ``OR``, ``NOT`` and
``-word``. Whatever cannot be parsed is read as text: an unbalanced quote runs to the end,
a bare operator is dropped. Nothing here raises on user input.
"""
import re
from dataclasses import dataclass

from chinese.normalize import WORD_RUN, normalize

from .budget import MAX_QUERY_CHARS

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


@dataclass(frozen=True)
class Unit:
    """One thing to find: a word, a name or a phrase, in the reader's own script."""

    text: str
    quoted: bool = False

    @property
    def normalized(self):
        return normalize(self.text.strip())

    def run_texts(self):
        """The normalized pieces of text that a match shows, split at punctuation."""
        return [m.group() for m in WORD_RUN.finditer(self.normalized)]


@dataclass(frozen=True)
class Clause:
    """Any one of ``alternatives`` must match (or, when negated, none of them may)."""

    alternatives: tuple
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple = ()

    @property
    def is_empty(self):
        return not self.clauses

    def positive_units(self):
        return [u for c in self.clauses if not c.negated for u in c.alternatives]

    @property
    def unit_count(self):
        return sum(len(c.alternatives) for c in self.clauses)


def _unit(token):
    quoted = token.startswith('"')
    text = token.strip('"').strip()
    if not any(ch.isalnum() for ch in text):
        return None
    return Unit(text=text, quoted=quoted)


def _read(q):
    """The part of ``q`` that is parsed, with Chinese and full-width quotes read as quotes."""
    return (q or "")[:MAX_QUERY_CHARS].replace("“", '"').replace("”", '"').replace("＂", '"')


def rewritten(q, replacements):
    """``q`` with the words and phrases in ``replacements`` (text as parsed -> new text) replaced,
    everything else as typed: operators, quotes, minus signs, spaces."""

    def replace(match):
        unit = _unit(match.group().removeprefix("-"))
        return match.group().replace(unit.text, replacements[unit.text], 1) if unit and unit.text in replacements else match.group()

    return _TOKEN.sub(replace, _read(q))


def parse_query(q):
    """Parse ``q`` (any string) into a ParsedQuery; an empty one when there is nothing to find.

    Only the first MAX_QUERY_CHARS characters are read, so the tree stays small whatever ``q``
    is; search.forms refuses longer queries, and more words than the budget, with a message."""
    clauses, negate_next, or_next = [], False, False
    for token in _TOKEN.findall(_read(q)):
        if token in ("AND", "&&"):
            continue
        if token in ("OR", "||"):
            or_next = bool(clauses)
            continue
        if token == "NOT":
            negate_next = True
            continue
        negated = negate_next
        if token.startswith("-") and len(token) > 1:
            negated, token = True, token[1:]
        unit = _unit(token)
        if unit is None:
            continue
        if or_next and not negated and not clauses[-1].negated:
            last = clauses.pop()
            clauses.append(Clause(alternatives=last.alternatives + (unit,)))
        else:
            clauses.append(Clause(alternatives=(unit,), negated=negated))
        negate_next = or_next = False
    return ParsedQuery(clauses=tuple(clauses))
