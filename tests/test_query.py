"""Parsing what a reader types: operators, phrases, and input that is not well formed."""
from search.budget import MAX_QUERY_CHARS
from search.query_parser import parse_query, rewritten


def shape(q):
    return [([u.text for u in c.alternatives], c.negated) for c in parse_query(q).clauses]


def test_words_are_anded():
    assert shape("车俊 萧山") == [(["车俊"], False), (["萧山"], False)]


def test_quoted_phrase_keeps_its_spaces_and_is_marked_quoted():
    clauses = parse_query('"重要 窗口" 杭州').clauses
    assert clauses[0].alternatives[0].text == "重要 窗口" and clauses[0].alternatives[0].quoted


def test_or_not_and_minus():
    assert shape("车俊 OR 易炼红 NOT 北京 -上海") == [(["车俊", "易炼红"], False), (["北京"], True), (["上海"], True)]


def test_chinese_quotes_are_read_as_quotes():
    assert parse_query("“重要窗口”").clauses[0].alternatives[0].quoted


def test_malformed_input_never_raises():
    assert shape('"unbalanced phrase') == [(["unbalanced phrase"], False)]
    assert parse_query("AND OR NOT").is_empty
    assert parse_query('"" - -- ***').is_empty
    assert shape("<script>alert(1)</script>") == [(["<script>alert(1)</script>"], False)]
    assert len(parse_query("词 " * 5000).clauses) <= MAX_QUERY_CHARS // 2


def test_a_rewritten_query_keeps_everything_but_the_replaced_words_as_typed():
    assert rewritten("车骏  萧山 OR “车骏”", {"车骏": "车俊"}) == '车俊  萧山 OR "车俊"'
    assert rewritten("AND 周江永 -杭州", {"周江永": "周江勇"}) == "AND 周江勇 -杭州"
    assert rewritten("车骏集团", {"车骏": "车俊"}) == "车骏集团"  # a word, not a part of one
