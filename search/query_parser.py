"""The query parser: what a reader typed, as a small query tree that each backend's query
compiler (search.backends.query_compiler) turns into its engine's query.

Syntax: words; ``"a phrase"``; ``AND`` (the default between words), ``OR``, ``NOT`` and
``-word``. Whatever cannot be parsed is read as text: an unbalanced quote runs to the end,
a bare operator is dropped. Nothing here raises on user input.

A name in Latin letters, in one word or several (``Che Jun``, ``chejun``), is one thing to
find: itself as written, or any of the names in characters it spells (车俊).
"""
import re
from dataclasses import dataclass

from chinese.normalize import WORD_RUN, normalize
from chinese.romanize import is_latin_word

from .budget import MAX_QUERY_CHARS

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_OPERATORS = frozenset({"AND", "&&", "OR", "||", "NOT"})
MAX_NAME_WORDS = 4  # Ou Yang Zhong Shi


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


def _units(token, spelled):
    """What a token stands for: its text, and the names a text in Latin letters spells."""
    quoted = token.startswith('"')
    text = token.strip('"').strip()
    if not any(ch.isalnum() for ch in text):
        return ()
    units = (Unit(text=text, quoted=quoted),)
    if _is_latin(text):
        units += tuple(Unit(text=name) for name in spelled(text))
    return units


def _is_latin(text):
    return all(is_latin_word(normalize(word)) for word in text.split())


def _names_joined(tokens, spelled):
    """The tokens with each run of Latin words that spells a name (Che Jun) made one token."""
    joined, i = [], 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + MAX_NAME_WORDS), i + 1, -1):
            run = tokens[i:j]
            if all(t not in _OPERATORS and t[0] not in '-"' and _is_latin(t) for t in run) and spelled(" ".join(run)):
                joined.append(" ".join(run))
                i = j
                break
        else:
            joined.append(tokens[i])
            i += 1
    return joined


def _spells_nothing(text):
    return ()


def _read(q):
    """The part of ``q`` that is parsed, with Chinese and full-width quotes read as quotes."""
    return (q or "")[:MAX_QUERY_CHARS].replace("“", '"').replace("”", '"').replace("＂", '"')


def rewritten(q, replacements):
    """``q`` with the words, phrases and runs of words in ``replacements`` (their text as parsed,
    words joined by one space -> the new text) replaced; everything else as typed: operators,
    quotes, minus signs, spaces."""
    q = _read(q)
    tokens = list(_TOKEN.finditer(q))
    texts = [token.group().removeprefix("-").strip('"').strip() for token in tokens]
    parts, done, i = [], 0, 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + MAX_NAME_WORDS), i, -1):
            text = " ".join(texts[i:j])
            if text in replacements:
                start, end = tokens[i].start(), tokens[j - 1].end()
                parts += [q[done:start], q[start:end].replace(text, replacements[text], 1) if j == i + 1 else replacements[text]]
                done, i = end, j
                break
        else:
            i += 1
    return "".join(parts) + q[done:]


def parse_query(q, spelled=_spells_nothing):
    """Parse ``q`` (any string) into a ParsedQuery; an empty one when there is nothing to find.

    ``spelled`` gives the names in characters that a text in Latin letters spells (a NameIndex's).
    Only the first MAX_QUERY_CHARS characters are read, so the tree stays small whatever ``q``
    is; search.forms refuses longer queries, and more words than the budget, with a message.
    """
    clauses, negate_next, or_next = [], False, False
    for token in _names_joined(_TOKEN.findall(_read(q)), spelled):
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
        units = _units(token, spelled)
        if not units:
            continue
        if or_next and not negated and not clauses[-1].negated:
            last = clauses.pop()
            clauses.append(Clause(alternatives=last.alternatives + units))
        else:
            clauses.append(Clause(alternatives=units, negated=negated))
        negate_next = or_next = False
    return ParsedQuery(clauses=tuple(clauses))
