"""Did you mean: a word of the query that finds nothing by itself but sounds like a known name
(chinese.sounds: 车骏 for 车俊, 钱其深 for 钱其琛) is read as that name.

A query that found what it asked for gets no suggestion: a word is corrected only when it finds
no article of its own, so words are looked at only when the whole query found nothing or one
of its clauses has alternatives (车骏 OR 萧山 finds 萧山 and nothing of 车骏).
"""
from .query_parser import Clause, ParsedQuery, rewritten
from .service import SearchSpec, run


def suggestion(q, page):
    """``q`` with each of its words that finds nothing but sounds like a known name replaced by
    that name; None when no word needs it."""
    spec = page.spec
    if page.total and all(len(clause.alternatives) == 1 for clause in spec.query.clauses):
        return None
    corrected = {}
    for unit in spec.query.positive_units():
        if unit.text in corrected or spec.names.named(unit.text):
            continue
        name = spec.names.sounds.like(unit.text)
        if name and not finds_anything(unit, spec.names):
            corrected[unit.text] = name
    return rewritten(q, corrected) if corrected else None


def finds_anything(unit, names):
    """Whether ``unit`` alone finds an article (whatever the filters)."""
    _, total, _ = run(SearchSpec(query=ParsedQuery(clauses=(Clause(alternatives=(unit,)),)), page_size=1, facets=(), names=names))
    return total > 0
