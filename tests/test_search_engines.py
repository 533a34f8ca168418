"""Choosing the search engine, and what the Elasticsearch engine is sent.

The search behaviour itself runs against every reachable engine in test_search.py; no
Elasticsearch server runs here, so these tests check what can be checked without one.
"""
import pytest
from django.core.exceptions import ImproperlyConfigured

from chinese.tokens import bigram_tokens, word_tokens
from portal.settings import search_connection
from search.backends.elasticsearch import GAP, SAME_POSITION, token_text

from .helpers import portal


def test_no_search_url_means_the_embedded_whoosh_index():
    assert search_connection("")["ENGINE"] == "search.backends.whoosh.ChineseWhooshEngine"


def test_search_url_selects_an_elasticsearch_server_and_index():
    connection = search_connection("https://reader:secret@search.example.org:9200/archive")
    assert connection["ENGINE"] == "search.backends.elasticsearch.ChineseElasticsearchEngine"
    assert connection["URL"] == "https://reader:secret@search.example.org:9200"
    assert connection["INDEX_NAME"] == "archive"


@pytest.mark.parametrize("url", ["search.example.org:9200", "ftp://search.example.org/archive", "http:///archive"])
def test_a_search_url_that_is_not_http_is_refused_with_a_message(url):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL must look like"):
        search_connection(url)


def test_index_writer_processes_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("INDEX_WRITER_PROCESSES", raising=False)
    assert search_connection("")["WRITER_PROCESSES"] == 0
    monkeypatch.setenv("INDEX_WRITER_PROCESSES", "2")
    assert search_connection("")["WRITER_PROCESSES"] == 2


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_index_writer_processes_that_are_no_count_are_refused_with_a_message(monkeypatch, value):
    """A negative count made a parallel writer that started no process: its documents were lost."""
    monkeypatch.setenv("INDEX_WRITER_PROCESSES", value)
    with pytest.raises(ImproperlyConfigured, match="INDEX_WRITER_PROCESSES must be a whole number"):
        search_connection("")


def read_back(text):
    """What the index's analyzer makes of a token text: whitespace, '|' in place, '_' a gap."""
    return [
        (token, pos)
        for pos, slot in enumerate(text.split(" "))
        if slot != GAP
        for token in slot.split(SAME_POSITION)
    ]


@pytest.mark.parametrize("stream", [word_tokens, bigram_tokens])
def test_elasticsearch_receives_every_token_at_the_position_whoosh_gives_it(stream):
    text = "中华人民共和国的省委书记車俊在杭州蕭山调研,看望了１９９８年的老党员。"
    tokens = [(token, pos) for token, pos, *_ in stream(text)]
    assert read_back(token_text(stream(text))) == tokens
    if stream is word_tokens:  # sub-words share their word's position; a stop word leaves a gap
        assert ("中华", 0) in tokens and 1 not in {pos for _, pos in tokens}  # 的


@pytest.fixture
def unreachable_search_server(settings):
    """The portal configured for an Elasticsearch server that does not answer (a closed port)."""
    from haystack import connections

    seed = settings.HAYSTACK_CONNECTIONS["default"]
    settings.HAYSTACK_CONNECTIONS["default"] = {**search_connection("http://127.0.0.1:9/portal"), "TIMEOUT": 1}
    connections.reload("default")
    yield
    settings.HAYSTACK_CONNECTIONS["default"] = seed
    connections.reload("default")


@pytest.mark.django_db
def test_a_search_server_that_does_not_answer_gives_503_with_a_message_and_the_pages_stay(unreachable_search_server):
    json_response = portal().get("/search/", {"q": "车俊", "format": "json"})
    assert json_response.status_code == 503 and "检索服务暂时无法使用" in json_response.json()["error"]
    page = portal().get("/search/", {"q": "车俊"})
    assert page.status_code == 503 and "检索服务暂时无法使用" in page.content.decode()
    assert portal().get("/articles/1/").status_code == 200
    health = portal().get("/healthz")
    assert health.status_code == 503 and list(health.json()["failed"]) == ["index"]


def test_elasticsearch_is_sent_a_quoted_phrase_as_its_grams_in_order_with_what_may_join_its_words():
    """What can be checked without a server: the span query the compiler sends for a phrase."""
    from chinese.names import NameIndex
    from search.backends.elasticsearch import ElasticsearchQueryCompiler
    from search.query_parser import parse_query

    def spans(q):
        query = ElasticsearchQueryCompiler({}).build(parse_query(q), NameIndex())
        near = query["bool"]["must"][0]["bool"]["must"][0]  # the unit, scored by the title's words
        assert near["span_near"]["in_order"] and near["span_near"]["slop"] == 0
        return [
            [t["span_term"]["text"] for t in c["span_or"]["clauses"]] if "span_or" in c else c["span_multi"]["match"]["prefix"]
            for c in near["span_near"]["clauses"]
        ]

    assert spans('"國有企業 改革"') == [["国有"], ["有企"], ["企业"], ["业改", "业"], ["改革"]]
    assert spans('"new york"') == [["ne"], ["ew"], ["wy", "w"], ["yo"], ["or"], ["rk"]]
    assert spans('"车俊 在"') == [["车俊"], ["俊在", "俊"], {"text": {"value": "在"}}]
