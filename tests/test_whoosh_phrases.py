"""Consecutive (search.backends.whoosh_phrases) against Whoosh's own phrase matching, on the
18 articles of the corpus excerpt in a real index of several segments: for every phrase of
grams, the same documents and the same number of occurrences in each."""
from pathlib import Path

import pytest
from whoosh import query as wq
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from archive.importers.pku1998 import parse
from chinese.tokens import query_bigrams
from search.backends.whoosh import BigramTokenizer
from search.backends.whoosh_phrases import Consecutive

EXCERPT = Path(__file__).parent / "data" / "pd199801_excerpt.txt"


@pytest.fixture(scope="module")
def corpus():
    """(searcher over three segments, one document of each deleted, the bodies in order)."""
    with EXCERPT.open(encoding="utf-8") as lines:
        bodies = [article.body for article in parse(lines)]
    ix = RamStorage().create_index(Schema(id=ID(stored=True, unique=True), grams=TEXT(analyzer=BigramTokenizer(), phrase=True)))
    for part in (bodies[:6], bodies[6:12], bodies[12:]):
        with ix.writer() as writer:
            for body in part:
                writer.add_document(id=str(bodies.index(body)), grams=body)
    with ix.writer() as writer:
        for deleted in ("2", "8", "15"):
            writer.delete_by_term("id", deleted)
    searcher = ix.searcher()
    assert len(searcher.leaf_searchers()) == 3
    yield searcher, bodies
    searcher.close()


def phrases(bodies):
    """Every run of grams in 2 to 8 characters taken all along the texts, repeats and all, and
    read backwards (most of those stand nowhere)."""
    for body in bodies:
        for start in range(0, len(body), 23):
            for length in (2, 3, 5, 8):
                for text in (body[start : start + length], body[start : start + length][::-1]):
                    for run in query_bigrams(text):
                        if len(run) > 1 or len(run[0]) == 2:
                            yield run


def occurrences(searcher, q):
    """{document: number of occurrences} of a phrase query, read off its matcher."""
    found = {}
    for leaf, offset in searcher.leaf_searchers():
        matcher = q.matcher(leaf)
        while matcher.is_active():
            found[offset + matcher.id()] = len(matcher.spans())
            matcher.next()
    return found


def test_a_phrase_finds_the_documents_and_occurrences_whoosh_finds(corpus):
    searcher, bodies = corpus
    runs = sorted(set(phrases(bodies)))
    assert len(runs) > 1000
    found = 0
    for run in runs:
        ours = Consecutive.of_terms("grams", run)
        whooshs = wq.Phrase("grams", list(run))
        assert set(searcher.docs_for_query(ours)) == set(searcher.docs_for_query(whooshs)), run
        found += bool(set(searcher.docs_for_query(whooshs)))
    assert 0 < found < len(runs)  # phrases that stand somewhere, and phrases that stand nowhere
    sample = runs[::25]
    for run in sample:
        ours = Consecutive.of_terms("grams", run)
        assert occurrences(searcher, ours) == occurrences(searcher, wq.Phrase("grams", list(run))), run


def test_a_phrase_inside_an_intersection_is_skipped_to_as_whooshs_is(corpus):
    searcher, bodies = corpus
    common = wq.Term("grams", "中国")
    for run in sorted(set(phrases(bodies)))[::40]:
        ours = wq.And([common, Consecutive.of_terms("grams", run)])
        whooshs = wq.And([common, wq.Phrase("grams", list(run))])
        assert list(searcher.docs_for_query(ours)) == list(searcher.docs_for_query(whooshs)), run


def test_documents_holding_every_gram_out_of_order_are_passed_over_and_the_next_is_found():
    texts = ["国有资产，有企图的企业", "国有企业", "企业有企图，国有", "国有企业改革，国有企业", "深化国有企业", "国有"]
    ix = RamStorage().create_index(Schema(id=ID(stored=True), grams=TEXT(analyzer=BigramTokenizer(), phrase=True)))
    with ix.writer() as writer:
        for i, text in enumerate(texts):
            writer.add_document(id=str(i), grams=text)
    (run,) = query_bigrams("国有企业")
    with ix.searcher() as searcher:
        assert occurrences(searcher, Consecutive.of_terms("grams", run)) == {1: 1, 3: 2, 4: 1}
