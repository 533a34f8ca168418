"""search.backends.whoosh.ScoredMatches ranks the matches a filter allows as Whoosh's own
collectors do (a FilterCollector around an UnlimitedCollector): the same documents, scores and
order, equal scores by document number, deleted documents never. On the corpus excerpt written
twice over in three segments, so that every score has its exact tie, with documents deleted."""
import random

import pytest
from whoosh import query as wq
from whoosh.collectors import FilterCollector
from whoosh.fields import ID, TEXT, Schema

from search.backends.whoosh import WEIGHTING, BigramTokenizer, ScoredMatches
from search.backends.whoosh_codec import PortalCodec

from .whoosh_excerpt import write_in_segments

SCHEMA = Schema(id=ID(stored=True, unique=True), title=TEXT, grams=TEXT(analyzer=BigramTokenizer(), phrase=True))


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    ix = write_in_segments(tmp_path_factory.mktemp("ix"), SCHEMA, lambda segment, n, a: [
        {"id": f"{segment}.{n}{copy}", "title": a.title, "grams": f"{a.title}\n{a.body}"} for copy in ("", ".again")
    ])
    writer = ix.writer(codec=PortalCodec())
    for n in range(0, 6, 2):
        writer.delete_by_term("id", f"1.{n}")
    writer.commit(merge=False)
    with ix.searcher(weighting=WEIGHTING) as searcher:
        yield searcher


def queries(searcher):
    rng = random.Random(1)
    grams = sorted(text.decode() for field, text in searcher.reader().all_terms() if field == "grams")
    picked = [grams[i] for i in rng.sample(range(len(grams)), 60)] + ["经济", "中国", "人民", "发展"]
    return (
        [wq.Term("grams", gram) for gram in picked]
        + [wq.Or([wq.Term("grams", a), wq.Term("grams", b), wq.Term("title", c)]) for a, b, c in zip(picked, picked[1:], picked[2:])]
        + [wq.AndMaybe(wq.Term("grams", a), wq.Term("grams", b)) for a, b in zip(picked, picked[3:])]
        + [wq.AndNot(wq.Term("grams", a), wq.Term("grams", b)) for a, b in zip(picked, picked[5:])]
    )


def test_the_matches_a_filter_allows_rank_as_with_whoosh_own_collectors(searcher):
    everything = set(range(searcher.doc_count_all()))
    deleted = {docnum for docnum in everything if searcher.reader().is_deleted(docnum)}
    half = set(random.Random(2).sample(sorted(everything), len(everything) // 2))
    compared = ties = 0
    for query in queries(searcher):
        for allowed in (everything, half):
            whoosh = FilterCollector(searcher.collector(limit=None), allow=allowed)
            searcher.search_with_collector(query, whoosh)
            ours = ScoredMatches(allowed)
            searcher.search_with_collector(query, ours)
            ranked = [(-score, docnum) for score, docnum in sorted(ours.scored)]
            assert ranked == whoosh.results().top_n, query
            assert not deleted & {docnum for _, docnum in ranked}
            compared += bool(ranked)
            ties += any(a[0] == b[0] for a, b in zip(ranked, ranked[1:]))
    assert deleted and compared > 300 and ties > 100
