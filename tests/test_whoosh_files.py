"""search.backends.whoosh_files reads an index as Whoosh's own storage does: every term, every
posting with its weight and positions, every stored field, every score, and a segment cut short
is an error, never a crash. On the corpus excerpt written in three segments."""
import os

import pytest
from whoosh import query as wq
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import FileStorage

from search.backends.whoosh import BigramTokenizer
from search.backends.whoosh_files import IndexStorage

from .whoosh_excerpt import write_in_segments

SCHEMA = Schema(id=ID(stored=True, unique=True), title=TEXT(stored=True), grams=TEXT(analyzer=BigramTokenizer(), phrase=True))


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    path = tmp_path_factory.mktemp("ix")
    write_in_segments(path, SCHEMA, lambda segment, n, a: [
        {"id": f"{segment}.{n}", "title": a.title, "grams": f"{a.title}\n{a.body}"}
    ])
    return path


def whoosh_storage(path):
    return FileStorage(str(path), supports_mmap=False)  # as Whoosh reads without memory maps


def everything(storage):
    """Every term's postings (document, weight, positions), every stored document, and the
    scored hits of a few searches, as read through ``storage``."""
    ix = storage.open_index()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(reader.leaf_readers()) == 3
        postings = {
            (field, text): list(reader.postings(field, text).items_as("positions") if field == "grams"
                                else reader.postings(field, text).all_ids())
            for field, text in reader.all_terms()
        }
        stored = list(reader.iter_docs())
        searches = [
            [(hit["id"], hit.score) for hit in searcher.search(q, limit=None)]
            for q in (wq.Term("grams", "经济"), wq.Phrase("grams", ["中国", "国人"]), wq.Or([wq.Term("grams", "改革"), wq.Term("title", "人民")]))
        ]
    return postings, stored, searches


def test_every_term_posting_stored_field_and_score_reads_as_with_whoosh_own_storage(path):
    ours, whoosh = everything(IndexStorage(str(path))), everything(whoosh_storage(path))
    postings, stored, searches = ours
    assert len(postings) > 1000 and len(stored) > 10 and all(searches)
    assert ours == whoosh


def test_a_segment_cut_short_is_an_error_as_with_whoosh_own_storage(path, tmp_path):
    for name in os.listdir(path):
        (tmp_path / name).write_bytes((path / name).read_bytes())
    segment = max(tmp_path.glob("*.seg"), key=lambda p: p.stat().st_size)
    os.truncate(segment, segment.stat().st_size // 2)
    for storage in (IndexStorage(str(tmp_path)), whoosh_storage(tmp_path)):
        with pytest.raises(Exception):  # noqa: B017 - whatever a short read makes of it
            everything(storage)
