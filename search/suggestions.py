"""Did you mean: what finds nothing but is a known name misspelled is read as that name.

* a word that sounds like a known name (chinese.sounds): 车骏 for 车俊, 钱其深 for 钱其琛;
* words in Latin letters, one or a few in a row, one letter off a name in Latin letters:
  ``che jn`` or ``chejunn`` for Che Jun (a name spelled right simply finds the person).

A query that found what it asked for gets no suggestion: words are corrected only where they
find no article of their own, so they are looked at only when the whole query found nothing or
one of its clauses has alternatives (车骏 OR 萧山 finds 萧山 and nothing of 车骏).
"""
from chinese.romanize import is_latin_word

from .query_parser import MAX_NAME_WORDS, Clause, ParsedQuery, rewritten
from .service import SearchSpec, run


def suggestion(q, page):
    """``q`` with what finds nothing but names someone misspelled replaced by the name; None when
    nothing needs it."""
    spec, names = page.spec, page.spec.names
    if page.total and all(len(clause.alternatives) == 1 for clause in spec.query.clauses):
        return None
    corrected = {}
    for unit in spec.query.positive_units():
        if unit.text in corrected or names.named(unit.text):
            continue
        name = names.sounds.like(unit.text)
        if name and not finds_anything([unit], names):
            corrected[unit.text] = name
    for run_of_words in latin_runs(spec.query):
        i = 0
        while i < len(run_of_words):
            for j in range(min(len(run_of_words), i + MAX_NAME_WORDS), i, -1):
                words = run_of_words[i:j]
                text = " ".join(unit.text for unit in words)
                name = names.latin_spellings.like(text)
                if name and not finds_anything(words, names):
                    corrected[text] = name
                    i = j
                    break
            else:
                i += 1
    return rewritten(q, corrected) if corrected else None


def latin_runs(parsed):
    """The runs of words in Latin letters that stand one after another, each a clause of its own."""
    runs, current = [], []
    for clause in parsed.clauses:
        unit = clause.alternatives[0]
        if len(clause.alternatives) == 1 and not clause.negated and not unit.quoted and is_latin_word(unit.text):
            current.append(unit)
        elif current:
            runs.append(current)
            current = []
    return runs + [current] if current else runs


def finds_anything(units, names):
    """Whether ``units``, all of them, find an article (whatever the filters)."""
    query = ParsedQuery(clauses=tuple(Clause(alternatives=(unit,)) for unit in units))
    _, total, _ = run(SearchSpec(query=query, page_size=1, facets=(), names=names))
    return total > 0
