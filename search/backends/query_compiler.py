"""The query compiler: the rules of matching, once for every backend, which supplies the pieces.

A ParsedQuery (search.query_parser) becomes the engine's query:

* Every clause must hold (any one of its alternatives); a negated clause must not.
* Anything is found as a substring: a phrase of character bigrams per run of the query,
  whatever jieba made of the text (农业 in 中国农业发展银行, 雷锋 in 学雷锋); the title's
  words only raise the score. The runs of a word (``new-york``) may stand anywhere; those
  of a quoted phrase (``"new york"``, ``"国有企业 改革"``) in order, with nothing but spaces
  or punctuation between them (chinese.tokens.query_phrase).
* A name or alias of a known person also finds the people who bear it (their linked
  mentions, under any of their names), and is not found inside a longer name: 陈云 is not
  陈云林, so an article that names only 陈云林 does not answer 陈云.
* In titles only, everything is found as a substring of the headlines (``title_bigrams``),
  a name too: that the article names the person elsewhere does not count.
"""
from datetime import datetime, time

from chinese.tokens import query_bigrams, query_phrase, query_words

# Relevance is BM25 in both engines, with a weak length normalization (b; 0.75 is usual): a law
# or a report that has the query six times is not worth less than a brief that has it once for
# being long. How often a text names someone (search.fields.NamesField) is counted as it is.
# bench/ranking_quality.py measures the ranking.
BM25_B = 0.3
BM25_K1 = 1.2

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
        if unit.quoted and len(unit.run_texts()) > 1:
            found = self.in_order(unit.text, field)
        else:
            found = self.substring(unit.text, field)
        in_title = self.sequence("title", query_words(unit.text))
        people = names.named(unit.text)
        if not people:
            return self.scored_by(found, in_title)
        longer = names.longer_names(unit.normalized)
        if longer:
            found = self.but_not(found, [self.substring(name, field) for name in longer])
        if title_only:
            return self.scored_by(found, in_title)
        named = self.any_of([self.people(people), found])
        # however an article answers a name, it ranks by how often its text names the name as a
        # word of its own (search.fields.NamesField: not in 毛泽东思想), and by the headline
        return self.scored_by(self.unscored(named), self.any_of([self.term("names", unit.normalized), in_title]))

    def substring(self, text, field="text"):
        return self.all_of([self.sequence(field, run) for run in query_bigrams(text)])

    def in_order(self, text, field="text"):
        return self.positions(field, *query_phrase(text))

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

    def unscored(self, query):
        """What ``query`` matches, adding nothing to the score."""
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

    def positions(self, field, alternatives, tail):
        """Any of each tuple of ``alternatives`` at consecutive positions of ``field``, followed
        by a term that begins with ``tail`` when there is one."""
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
