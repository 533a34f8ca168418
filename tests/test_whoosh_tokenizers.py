"""The text layer's token streams in a real Whoosh index: phrases, sub-words and substrings match."""
import pytest
from whoosh import query as wq
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from chinese.tokens import query_bigrams, query_words
from search.backends.whoosh import BigramTokenizer, WordTokenizer


@pytest.fixture
def ram_index():
    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=WordTokenizer(), phrase=True),
                    grams=TEXT(analyzer=BigramTokenizer(), phrase=True))
    ix = RamStorage().create_index(schema)
    with ix.writer() as w:
        w.add_document(id="1", text="坚决落实巡视整改任务，中国农业发展银行支持", grams="坚决落实巡视整改任务，中国农业发展银行支持")
        w.add_document(id="2", text="海外华人华侨代表", grams="海外华人华侨代表")
    return ix


def found(ix, q):
    with ix.searcher() as s:
        return sorted(hit["id"] for hit in s.search(q, limit=None))


def test_phrase_query_matches_with_ordinal_positions(ram_index):
    # jieba's stock analyzer numbers tokens by character offset, so this phrase found nothing.
    assert found(ram_index, wq.Phrase("text", list(query_words("巡视整改")))) == ["1"]


def test_part_of_a_long_word_is_found_and_the_whole_does_not_match_its_parts(ram_index):
    assert found(ram_index, wq.Term("text", "农业")) == ["1"]
    assert found(ram_index, wq.Term("text", query_words("中华人民共和国")[0])) == []


def test_bigram_phrase_is_a_substring_match(ram_index):
    (run,) = query_bigrams("农业发展银")
    assert found(ram_index, wq.Phrase("grams", list(run))) == ["1"]
    (run,) = query_bigrams("华人华侨")
    assert found(ram_index, wq.Phrase("grams", list(run))) == ["2"]
