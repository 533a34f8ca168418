"""search.backends.whoosh_scoring scores as Whoosh's own BM25F does, from field lengths read
once per segment: every match of every search, on the corpus excerpt written in three segments."""
import pytest
from whoosh import query as wq
from whoosh import scoring
from whoosh.fields import ID, TEXT, Schema

from search.backends.whoosh import BigramTokenizer, WordTokenizer
from search.backends.whoosh_scoring import BM25F, field_lengths

from .whoosh_excerpt import write_in_segments

SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    grams=TEXT(analyzer=BigramTokenizer(), phrase=True),
    words=TEXT(analyzer=WordTokenizer(), phrase=True),
)
SEARCHES = [
    wq.Term("grams", "经济"),
    wq.Or([wq.Term("grams", "改革"), wq.Term("words", "中国")]),
    wq.And([wq.Term("grams", "发展"), wq.Term("grams", "人民")]),
    wq.Phrase("grams", ["中国", "国人"]),
    wq.AndMaybe(wq.Term("grams", "江泽"), wq.Term("words", "主席")),
]


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    return write_in_segments(tmp_path_factory.mktemp("ix"), SCHEMA, lambda segment, n, a: [
        {"id": f"{segment}.{n}", "grams": f"{a.title}\n{a.body}", "words": a.body}
    ])


def scores(ix, weighting, query):
    with ix.searcher(weighting=weighting) as searcher:
        return [(hit["id"], hit.score) for hit in searcher.search(query, limit=None)]


@pytest.mark.parametrize("query", SEARCHES, ids=str)
def test_every_match_scores_as_with_whoosh_own_bm25f(ix, query):
    ours = scores(ix, BM25F(B=0.3, K1=1.2, words_B=0.0), query)
    whoosh = scores(ix, scoring.BM25F(B=0.3, K1=1.2, words_B=0.0), query)
    assert len(ours) > 1
    assert ours == whoosh


def test_field_lengths_are_whoosh_own_for_every_document_of_every_segment_and_of_the_index(ix):
    with ix.reader() as reader:
        assert len(reader.leaf_readers()) == 3
        for one in [leaf for leaf, _ in reader.leaf_readers()] + [reader]:  # (the index's asked as Whoosh does)
            for field in ("grams", "words"):
                expected = [one.doc_field_length(n, field, 1) for n in range(one.doc_count_all())]
                lengths = field_lengths(one, field)
                assert [lengths[n] for n in range(one.doc_count_all())] == expected
                assert max(expected) > 255  # lengths past a byte, which Whoosh stores approximately
