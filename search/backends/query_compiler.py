"""The query compiler: the rules of matching, once for every backend, which supplies the pieces.

A ParsedQuery (search.query_parser) becomes the engine's query:

* Every clause must hold (any one of its alternatives); a negated clause must not.
* Anything is found as a substring: a phrase of character bigrams per run of the query,
  whatever jieba made of the text (农业 in 中国农业发展银行, 雷锋 in 学雷锋); the title's
  words only raise the score.
* A name or alias of a known person also finds the people who bear it (their linked
  mentions, under any of their names), and is not found inside a longer name: 陈云 is not
  陈云林, so an article that names only 陈云林 does not answer 陈云.
* In titles only, everything is found as a substring of the headlines (``title_bigrams``),
  a name too: that the article names the person elsewhere does not count.
"""
from datetime import datetime, time

from chinese.tokens import query_bigrams, query_words

BIGRAM_FIELDS = ("text", "title_bigrams")
#: The date each kind of document is filtered by.
DATE_FIELDS = {"archive.article": "published", "archive.event": "start_date"}


class QueryCompiler:
    """Subclasses turn the pieces into their engine's query objects."""

    def build(self, parsed, names, title_only=False):
        must, must_not = [], []
        for clause in parsed.clauses:
            alternatives = [self.unit(unit, names, title_only) for unit in clause.alternatives]
            (must_not if clause.negated else must).append(self.any_of(alternatives))
        return self.combine(must, must_not)

    def unit(self, unit, names, title_only=False):
        field = "title_bigrams" if title_only else "text"
        found = self.scored_by(self.substring(unit.text, field), self.sequence("title", query_words(unit.text)))
        people = names.named(unit.text)
        if not people:
            return found
        longer = names.longer_names(unit.normalized)
        if longer:
            found = self.but_not(found, [self.substring(name, field) for name in longer])
        return found if title_only else self.any_of([self.people(people), found])

    def substring(self, text, field="text"):
        return self.all_of([self.sequence(field, run) for run in query_bigrams(text)])

    def sequence(self, field, terms):
        """Terms standing one after another in ``field``; one character alone is a prefix of the
        text's bigrams."""
        terms = list(terms)
        if not terms:
            return self.nothing()
        if len(terms) == 1:
            single = field in BIGRAM_FIELDS and len(terms[0]) == 1
            return self.prefix(field, terms[0]) if single else self.term(field, terms[0])
        return self.phrase(field, terms)

    # -- the pieces ------------------------------------------------------------------------

    def combine(self, must, must_not):
        """All of ``must`` (everything when empty) and none of ``must_not``."""
        raise NotImplementedError

    def any_of(self, queries):
        raise NotImplementedError

    def all_of(self, queries):
        raise NotImplementedError

    def but_not(self, query, excluded):
        """What ``query`` matches where none of ``excluded`` matches."""
        raise NotImplementedError

    def scored_by(self, query, optional):
        """What ``query`` matches, scored higher where ``optional`` matches too."""
        raise NotImplementedError

    def people(self, ids):
        """Documents that mention any of these people (the ``people`` field holds their ids)."""
        return self.one_of("people", ids)

    def one_of(self, field, values):
        """Documents whose ``field`` holds any of ``values``; none when there are none."""
        raise NotImplementedError

    def term(self, field, text):
        raise NotImplementedError

    def prefix(self, field, text):
        raise NotImplementedError

    def phrase(self, field, terms):
        raise NotImplementedError

    def nothing(self):
        raise NotImplementedError


def filter_terms(spec):
    """(field, values) for each of the spec's filters: a document must hold one of the values
    in each field (none: the filter names no record, and nothing matches)."""
    pairs = list(spec.filter_ids)
    if spec.kind:
        pairs.append(("kinds", [spec.kind]))
    return [(field, [str(value) for value in values]) for field, values in pairs]


def date_bounds(spec):
    """The range of the documents' date (DATE_FIELDS) as (start, end) datetimes in the archive's
    wall time, either one None; None when the spec has no date filter."""
    if not (spec.date_from or spec.date_to):
        return None
    start = datetime.combine(spec.date_from, time.min) if spec.date_from else None
    end = datetime.combine(spec.date_to, time.max) if spec.date_to else None
    return start, end
