"""Search on the seed archive through the view, as a reader or a researcher uses it.

The behaviour is written once (SearchBehaviour) and run against every engine: the embedded
Whoosh index always, an Elasticsearch server when one answers at TEST_ELASTICSEARCH_URL.
"""
import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from archive.models import Article, Event, Person, Source
from search import indexing

from .helpers import portal, result_ids, search_json, titles

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XIAOSHAN = "車俊在杭州蕭山調研省委全會精神貫徹落實情況 佟桂莉陪同"


def article_id(title_start):
    return Article.objects.get(title__startswith=title_start).pk


def result_ids_in_order(data):
    return [r["id"] for r in data["results"]]


def ids_containing(*needles):
    """Articles whose text shows every needle to a reader (simplified text only)."""
    return sorted(a.pk for a in Article.objects.all() if all(n in a.title + a.body for n in needles))


class SearchBehaviour:
    """What a reader finds, whatever the engine behind the search; subclasses choose it."""

    def test_che_jun_in_either_script_finds_exactly_the_xiaoshan_and_shaoxing_articles(self):
        expected = sorted([article_id("車俊在杭州蕭山"), article_id("车俊:系统性重构")])
        assert result_ids(search_json(q="车俊")) == expected
        assert result_ids(search_json(q="車俊")) == expected

    def test_quoted_phrase_finds_every_article_that_contains_it(self):
        found = result_ids(search_json(q='"重要窗口"'))
        assert found == ids_containing("重要窗口")  # the four characters read the same in both scripts
        assert article_id("車俊在杭州蕭山") in found and len(found) == 6

    def test_a_quoted_phrase_matches_its_words_in_order_with_only_spaces_or_punctuation_between(self):
        in_order = sorted(a.pk for a in Article.objects.all() if re.search(r"战疫情[\W_]*促发展", a.title + a.body))
        assert len(in_order) >= 2 and any("战疫情、促发展" in a.body for a in Article.objects.filter(pk__in=in_order))
        assert result_ids(search_json(q='"战疫情 促发展"')) == in_order
        assert result_ids(search_json(q='"戰疫情 促發展"')) == in_order  # either script
        assert result_ids(search_json(q='"战疫情、促发展"')) == in_order  # punctuation typed between is the same
        assert result_ids(search_json(q='"促发展 战疫情"')) == []  # never in that order
        assert result_ids(search_json(q="促发展 战疫情")) == ids_containing("促发展", "战疫情")  # unquoted: anywhere

    def test_a_quoted_phrase_is_marked_whole_in_the_snippet(self):
        snippets = [r["snippet"] for r in search_json(q='"战疫情 促发展"')["results"]]
        assert any("<mark>战疫情 促发展</mark>" in s for s in snippets)
        assert any("<mark>战疫情、促发展</mark>" in s for s in snippets)

    def test_simplified_query_finds_traditional_text(self):
        assert XIAOSHAN in titles(search_json(q="萧山"))
        assert XIAOSHAN in titles(search_json(q="亚运"))
        assert XIAOSHAN in titles(search_json(q="蕭山"))

    def test_yi_lianhong_finds_the_study_tour_and_marks_his_name_whole(self):
        data = search_json(q="易炼红")
        assert titles(data) == ["考察结束,省委书记在返程火车上召开交流总结会"]
        snippet = data["results"][0]["snippet"]
        assert "<mark>易炼红</mark>" in snippet
        assert "<mark>易炼</mark>" not in snippet

    def test_snippet_is_in_the_articles_own_script_with_everything_else_escaped(self):
        data = search_json(q="车俊")
        xiaoshan = next(r for r in data["results"] if r["title"] == XIAOSHAN)
        assert "<mark>車俊</mark>" in xiaoshan["snippet"]
        assert "<" not in xiaoshan["snippet"].replace("<mark>", "").replace("</mark>", "")

    def test_person_filter_gives_exactly_the_articles_that_name_him_and_facet_counts_agree(self):
        data = search_json(person="周江勇")
        expected = sorted(a.pk for a in Article.objects.filter(mentions__person__name="周江勇"))
        assert result_ids(data) == expected and len(expected) == 3
        assert {"value": "周江勇", "count": len(expected), "romanized": "Zhou Jiangyong"} in data["facets"]["person"]
        for facet in data["facets"]["person"]:
            assert facet["count"] == sum(facet["value"] in r["people"] for r in data["results"])

    def test_full_width_and_ascii_digits_match_each_other(self):
        assert result_ids(search_json(q="２０２０")) == result_ids(search_json(q="2020")) != []

    def test_part_of_a_shipped_term_still_finds_it(self):
        assert titles(search_json(q="亲清")) == titles(search_json(q="亲清在线")) != []

    def test_json_has_every_key_in_the_documented_shape(self):
        data = search_json(q="车俊")
        assert list(data) == ["query", "total", "page", "page_size", "pages", "suggestion", "results", "facets"]
        assert data["query"] == "车俊" and data["total"] == 2 and data["pages"] == 1 and data["suggestion"] is None
        result = data["results"][0]
        assert list(result) == ["id", "external_id", "title", "url", "published", "source", "people", "people_romanized", "snippet"]
        assert result["url"] == f"/articles/{result['id']}/"
        assert list(data["facets"]) == ["source", "person", "place", "year", "kind"]
        counts = [f["count"] for f in data["facets"]["person"]]
        assert counts == sorted(counts, reverse=True)

    def test_published_is_an_iso_date_and_people_are_canonical(self):
        xiaoshan = next(r for r in search_json(q="車俊")["results"] if r["title"] == XIAOSHAN)
        assert xiaoshan["published"] == "2020-07-03"
        assert "车俊" in xiaoshan["people"] and "車俊" not in xiaoshan["people"]

    def test_operators(self):
        che = set(result_ids(search_json(q="车俊")))
        yi = set(result_ids(search_json(q="易炼红")))
        assert set(result_ids(search_json(q="车俊 OR 易炼红"))) == che | yi
        assert set(result_ids(search_json(q="车俊 -蕭山"))) == che - {article_id("車俊在杭州蕭山")}
        assert set(result_ids(search_json(q="车俊 NOT 萧山"))) == che - {article_id("車俊在杭州蕭山")}
        assert set(result_ids(search_json(q="车俊 AND 萧山"))) == {article_id("車俊在杭州蕭山")}

    def test_empty_query_with_filters_lists_the_filtered_articles_newest_first(self):
        data = search_json(source="今日拱墅")
        assert data["total"] == Article.objects.filter(source__name="今日拱墅").count() == 7
        published = [r["published"] for r in data["results"]]
        assert published == sorted(published, reverse=True)

    def test_place_filter_includes_the_places_within(self):
        in_hangzhou = search_json(place="杭州市")["total"]
        in_gongshu = search_json(place="拱墅区")["total"]
        assert in_hangzhou > in_gongshu > 0

    def test_date_filters_and_sort(self):
        data = search_json(date_from="2023-01-01", date_to="2023-12-31")
        assert titles(data) == ["考察结束,省委书记在返程火车上召开交流总结会"]
        oldest = search_json(q="重要窗口", sort="oldest")["results"]
        assert [r["published"] for r in oldest] == sorted(r["published"] for r in oldest)

    @pytest.mark.parametrize("params", [{"person": "无此人"}, {"q": "车俊", "source": "无此来源"}, {"place": "无此地"}])
    def test_a_filter_that_matches_nothing_gives_nothing(self, params):
        data = search_json(**params)
        assert data["total"] == 0 and data["results"] == []
        assert all(values == [] for values in data["facets"].values())

    @pytest.mark.parametrize("kind", ["inspection", "conference"])
    def test_kind_filter_gives_exactly_the_articles_reporting_an_event_of_that_kind(self, kind):
        reported = Event.objects.public().filter(kind=kind).values_list("articles", flat=True)
        expected = sorted(set(reported) - {None})
        assert 0 < len(expected) < Article.objects.count()
        data = search_json(kind=kind)
        assert result_ids(data) == expected
        assert {"value": kind, "count": len(expected)} in data["facets"]["kind"]

    def test_a_headline_match_ranks_above_a_match_in_the_body_only(self):
        # 考察 stands in the headline of the Guizhou article (and once in its body), four times
        # in the body of the Shaoxing one
        found = result_ids_in_order(search_json(q="考察"))
        guizhou, shaoxing = article_id("朱建明率队赴贵州省"), article_id("车俊:系统性重构")
        assert found.index(guizhou) < found.index(shaoxing)

    def test_newest_first_when_asked_and_by_relevance_otherwise(self):
        relevance = search_json(q="考察")["results"]
        newest = search_json(q="考察", sort="newest")["results"]
        assert sorted(r["id"] for r in newest) == sorted(r["id"] for r in relevance)
        published = [r["published"] for r in newest]
        assert published == sorted(published, reverse=True)
        assert [r["published"] for r in relevance] != published

    def test_paging_and_a_page_past_the_end(self):
        first = search_json(q="", page_size=3)
        assert first["pages"] == 4 and len(first["results"]) == 3  # 11 articles
        past = search_json(q="", page_size=3, page=99)
        assert past["results"] == [] and past["total"] == 11

    @pytest.mark.parametrize(
        "params",
        [{"page": "x"}, {"page": "0"}, {"page_size": "1000"}, {"date_from": "2020-13-45"}, {"sort": "random"},
         {"kind": "party"}, {"date_from": "2021-01-01", "date_to": "2020-01-01"}],
    )
    def test_invalid_parameters_give_400_with_a_message(self, params):
        response = portal().get("/search/", {**params, "format": "json"})
        assert response.status_code == 400
        assert response.json()["error"]
        html = portal().get("/search/", params)
        assert html.status_code == 400 and "检索条件有误" in html.content.decode()

    @pytest.mark.parametrize(
        "q", ['"unbalanced', "AND", "OR NOT", "-", "<script>alert(1)</script>", "' OR 1=1; --", "车" * 500, "(((", "*?~"]
    )
    def test_any_query_text_is_harmless(self, q):
        assert portal().get("/search/", {"q": q, "format": "json"}).status_code == 200
        page = portal().get("/search/", {"q": q})
        assert page.status_code == 200
        assert "<script>alert" not in page.content.decode()  # escaped in the page

    def test_search_page_shows_count_snippets_facets_chips_and_the_officials_card(self):
        html = portal().get("/search/", {"q": "車俊", "person": "周江勇"}).content.decode()
        assert "共 2 篇文章" in html
        assert "<mark>車俊</mark>" in html
        assert 'class="card person-card"' in html and 'href="/people/che-jun/"' in html
        assert "人物: 周江勇" in html  # the active filter as a chip
        assert "萧山网" in html  # source facet

    def test_no_match_gives_a_helpful_message(self):
        html = portal().get("/search/", {"q": "量子计算机"}).content.decode()
        assert "没有找到" in html and "共 0 篇文章" in html

    def test_a_search_also_finds_the_events(self):
        html = portal().get("/search/", {"q": "萧山"}).content.decode()
        assert "相关活动" in html


class TestWhoosh(SearchBehaviour):
    """The embedded engine, on the session's seed index (tests/conftest.py)."""


@pytest.mark.usefixtures("elasticsearch_index")
class TestElasticsearch(SearchBehaviour):
    """Elasticsearch 7 (search.backends.elasticsearch); skipped, with the reason, when no server answers."""


def test_a_name_is_found_inside_words_but_not_inside_longer_names_and_linked_only_where_a_word_begins(fresh_index):
    for name in ("雷锋", "罗斯", "索罗斯", "陈云", "陈云林"):
        Person.objects.create(name=name)
    texts = {
        "lei_feng": "各地开展学雷锋志愿服务活动。",
        "russia": "俄罗斯代表团今天抵达北京。",
        "soros": "索罗斯基金会发表声明。",
        "chen_yunlin": "陈云林会见了台湾客人。",
    }
    ids = {
        key: Article.objects.create(
            source=Source.objects.first(), title=f"测试稿件{key}", body=body, published=timezone.now()
        ).pk
        for key, body in texts.items()
    }
    indexing.rebuild()
    assert ids["lei_feng"] in result_ids(search_json(q="雷锋"))  # what a reader sees in 学雷锋
    ross = result_ids(search_json(q="罗斯"))
    assert ids["russia"] in ross  # 罗斯 in 俄罗斯, as a reader sees it
    assert ids["soros"] not in ross  # only inside the longer name 索罗斯
    assert ids["russia"] not in result_ids(search_json(person="罗斯"))  # 俄罗斯 does not name Mr Ross
    assert ids["chen_yunlin"] in result_ids(search_json(q="陈云林"))
    assert ids["chen_yunlin"] not in result_ids(search_json(q="陈云"))


def test_the_feed_and_the_csv_apply_the_filters_as_the_search_does():
    expected = sorted(Article.objects.filter(mentions__person__name="周江勇").values_list("pk", flat=True))
    assert result_ids(search_json(person="周江勇")) == expected and len(expected) < Article.objects.count()
    body = b"".join(portal().get("/search/export.csv", {"person": "周江勇"}).streaming_content)
    assert sorted(int(r["id"]) for r in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))) == expected
    feed = ET.fromstring(portal().get("/search/feed/", {"person": "周江勇"}).content)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert sorted(int(link.rstrip("/").rsplit("/", 1)[1]) for link in links) == expected


def searching_articles_of(texts):
    """found(q): the keys of ``texts`` ({key: body}) whose articles, made and indexed now, a
    search for q finds."""
    ids = {
        key: Article.objects.create(source=Source.objects.first(), title="短讯", body=body, published=timezone.now()).pk
        for key, body in texts.items()
    }
    indexing.rebuild()
    return lambda q: {key for key, pk in ids.items() if pk in result_ids(search_json(q=q))}


def test_quoted_words_match_in_order_in_either_script_and_across_punctuation(fresh_index):
    texts = {
        "new york": "Flights to New York were cancelled.",
        "new-york": "A new-york style of cooking.",
        "york is new": "York is new here, and so is everything.",
        "joined": "深化国有企业改革，搞好国有大中型企业。",
        "comma": "抓好国有企业，改革要有突破。",
        "reversed": "改革国有企业的经营机制。",
        "between": "国有企业的改革是重点。",
    }
    found = searching_articles_of(texts)

    assert found('"new york"') == {"new york", "new-york"}
    assert found("new york") == {"new york", "new-york", "york is new"}  # unquoted: all words, anywhere
    assert found('"国有企业 改革"') == found('"國有企業 改革"') == {"joined", "comma"}
    assert found("国有企业 改革") == {"joined", "comma", "reversed", "between"}
    assert found('"国有企业，改革"') == {"joined", "comma"}


def test_a_quoted_phrase_of_one_figure_runs_finds_exactly_the_texts_that_show_it(fresh_index):
    """Dates quoted: each run of one figure is matched at its own position, where Whoosh's span
    union joined neighbouring ones, found 1998.1.2 in 1998.1.12 and missed 11.1."""
    texts = {
        "dotted": "本条例自1998.1.1起施行。",
        "longer": "名单于1998.1.12公布。",
        "full width": "本办法自１９９８．１．１起施行。",
        "other month": "名单于1998.11.1公布。",
        "spaced": "名单于1998.1 .2公布，1998.1.2 也是。",
        "november": "名单于11.1公布。",
    }
    found = searching_articles_of(texts)

    # punctuation between the runs may be left out, as 1998.11.1 does
    assert found('"1998.1.1"') == {"dotted", "longer", "full width", "other month"}
    assert found('"１９９８．１．１"') == {"dotted", "longer", "full width", "other month"}
    assert found('"1998.1.2"') == {"spaced"}
    assert found('"11.1"') == {"november", "other month"}
