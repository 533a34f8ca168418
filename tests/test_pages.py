"""The browsing pages on the seed archive: what each shows, its empty and edge states, its 404s, its query count."""
import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import set_script_prefix
from django.utils import timezone, translation

from archive import names
from archive.browsing import co_appearing, most_mentioned
from archive.charts import time_series
from archive.models import Article, Event, Mention, Participation, Person, Place, Source
from archive.views import PAGE_SIZE

from .helpers import english_portal, portal, search_json

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# Each page runs a fixed number of queries whatever the archive's size (4 of them when the name index rechecks the database).
MAX_QUERIES = 12
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def names_loaded():
    """The archive's names as a running worker holds them (tests/conftest.py's fresh_names has
    dropped them): loading them is no page's cost."""
    names.current()


@pytest.fixture
def client():
    return portal()


def xiaoshan():
    return Article.objects.get(title__startswith="車俊在杭州蕭山")


def che_jun():
    return Person.objects.get(name="车俊")


def get(client, url, **params):
    """GET ``url``, which must succeed."""
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response


def html(response):
    return response.content.decode()


# Home


def test_home_shows_search_first_latest_articles_top_officials_events_and_holdings(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        page = html(get(client, "/"))
    assert page.index('id="home-q"') < page.index("最新文章")
    assert Article.objects.first().title in page
    assert most_mentioned(1)[0].name in page
    assert Event.objects.first().title in page
    assert f"{Article.objects.count()} 篇文章" in page and f"{Person.objects.count()} 位人物" in page
    assert "2020-05-09" in page and "2023-04-15" in page  # the dates covered


def test_home_keeps_its_rankings_and_totals_between_requests(client):
    with CaptureQueriesContext(connection) as first:
        before = html(get(client, "/"))
    with CaptureQueriesContext(connection) as second:
        after = html(get(client, "/"))
    masked = [re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", page) for page in (before, after)]
    assert masked[0] == masked[1]
    assert len(second) <= len(first) - 5  # the ranking query and the four totals


def test_most_mentioned_officials_is_one_query_ranked_by_mention_totals(django_assert_num_queries):
    with django_assert_num_queries(1):
        top = most_mentioned(5)
    totals = [sum(m.count for m in Mention.objects.filter(person=p)) for p in top]
    assert totals == sorted(totals, reverse=True) and totals == [p.mention_count for p in top]


def test_home_on_an_empty_archive_says_so(client):
    Article.objects.all().delete()
    Event.objects.all().delete()
    page = html(client.get("/"))
    assert "暂无文章。" in page and "暂无活动。" in page and "暂无人物。" in page


# Article


def test_article_page_shows_its_facts_body_links_side_panel_and_citation(client, django_assert_max_num_queries):
    article = xiaoshan()
    with django_assert_max_num_queries(MAX_QUERIES):
        page = html(get(client, article.get_absolute_url()))
    assert "萧山网" in page and "2020-07-03" in page and "樓晶伊" in page
    assert '<a class="person" href="/people/che-jun/">車俊</a>' in page
    assert page.count("<p>") >= len(article.paragraphs())
    assert 'aria-label="相关信息"' in page and "/people/tong-gui-li/" in page
    assert f"{settings.SITE_URL}/articles/{article.pk}/" in page  # permalink in the citation
    assert "以简体阅读" in page


def test_names_are_linked_and_everything_else_escaped():
    from archive.reading import link_names

    person = che_jun()
    html_text = link_names("<b>车俊</b> & 陈云林", {person.pk: person}, names.current())
    assert html_text == '&lt;b&gt;<a class="person" href="/people/che-jun/">车俊</a>&lt;/b&gt; &amp; 陈云林'


def test_traditional_article_reads_in_simplified_on_request(client):
    article = xiaoshan()
    page = html(get(client, article.get_absolute_url(), script="simplified"))
    assert "车俊在杭州萧山调研" in page and '<a class="person" href="/people/che-jun/">车俊</a>' in page
    assert "阅读繁体原文" in page


def test_simplified_article_has_no_script_switch(client):
    article = Article.objects.get(title__startswith="车俊:系统性重构")
    page = html(get(client, article.get_absolute_url(), script="simplified"))
    assert "以简体阅读" not in page and "阅读繁体原文" not in page


def test_article_page_offers_related_articles_and_neighbours_from_the_same_source(client):
    articles = list(Article.objects.filter(source__name="今日拱墅").order_by("published", "pk"))
    middle = articles[3]
    page = html(get(client, middle.get_absolute_url()))
    assert f'rel="prev" href="/articles/{articles[2].pk}/"' in page
    assert f'rel="next" href="/articles/{articles[4].pk}/"' in page
    assert "相关文章" in page
    first = html(get(client, articles[0].get_absolute_url()))
    assert 'rel="prev"' not in first.split('class="prev-next"')[1]


def test_neighbours_within_one_issue_go_by_order_then_cross_to_the_next_day(client):
    # a day's newspaper issue: every article of it published at the same time
    source = Source.objects.create(name="测试日报", slug="ce-shi-ri-bao")
    day = datetime(1998, 1, 5, tzinfo=timezone.get_current_timezone())
    before = Article.objects.create(source=source, title="前一天", body="正文。", published=day - timedelta(days=1))
    issue = [Article.objects.create(source=source, title=f"第{n}版", body="正文。", published=day) for n in "一二三"]
    after = Article.objects.create(source=source, title="后一天", body="正文。", published=day + timedelta(days=1))
    order = [before, *issue, after]
    for previous, article, following in zip(order, order[1:], order[2:]):
        page = html(get(client, article.get_absolute_url())).split('class="prev-next"')[1]
        assert f'rel="prev" href="{previous.get_absolute_url()}"' in page, article.title
        assert f'rel="next" href="{following.get_absolute_url()}"' in page, article.title


def test_unknown_ids_and_slugs_give_the_404_page(client):
    for url in ["/articles/999999/", "/people/no-such-person/", "/events/999999/", "/sources/nowhere/",
                "/places/nowhere/", "/people/no-such-person/feed/", "/articles/abc/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "找不到页面" in response.content.decode()


# Lists


def test_articles_list_is_newest_first_and_narrowed_by_source_and_date(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        page = html(get(client, "/articles/"))
    assert page.index("考察结束") < page.index("车俊:系统性重构")
    page = html(get(client, "/articles/", source="xiao-shan-wang"))
    assert "車俊在杭州蕭山" in page and "考察结束" not in page
    page = html(get(client, "/articles/", date_from="2023-01-01"))
    assert "考察结束" in page and "車俊在杭州蕭山" not in page


def test_articles_list_with_bad_filters_says_why(client):
    response = client.get("/articles/", {"date_from": "2023-01-01", "date_to": "2020-01-01"})
    assert response.status_code == 400 and "起始日期不能晚于截止日期" in response.content.decode()
    assert client.get("/articles/", {"source": "nowhere"}).status_code == 400


def test_articles_list_paginates_and_keeps_its_filters(client, monkeypatch):
    monkeypatch.setattr("archive.views.PAGE_SIZE", 3)
    page = html(get(client, "/articles/", source="jin-ri-gong-shu"))
    assert "第 1 / 3 页" in page and 'href="?source=jin-ri-gong-shu&amp;page=2"' in page
    last = html(get(client, "/articles/", source="jin-ri-gong-shu", page=99))
    assert "第 3 / 3 页" in last


def test_empty_filter_result_says_so(client):
    page = html(get(client, "/articles/", date_from="2030-01-01"))
    assert "暂无文章。" in page


def test_people_list_counts_mentions_and_narrows_by_level_region_and_name(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        page = html(get(client, "/people/"))
    total = sum(m.count for m in Mention.objects.filter(person=che_jun()))
    assert re.search(rf'<a href="/people/che-jun/">车俊</a>\s*</td>\s*<td class="num">{total}</td>', page)
    for name in ("车俊", "車俊", "车"):
        assert "/people/che-jun/" in html(get(client, "/people/", q=name))
    assert "/people/che-jun/" in html(get(client, "/people/", level="province"))
    district = html(get(client, "/people/", level="district"))
    assert "/people/che-jun/" not in district
    zhejiang = html(get(client, "/people/", region="zhe-jiang-sheng"))
    assert "/people/che-jun/" in zhejiang  # provincial posts, and those within the province
    assert "没有符合条件的人物" in html(get(client, "/people/", q="无此人"))


def test_events_list_by_date_narrowed_by_kind_and_place(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        page = html(get(client, "/events/"))
    newest_first = Event.objects.public()[:PAGE_SIZE]  # the model orders them newest first
    shown = [page.index(f'href="{e.get_absolute_url()}"') for e in newest_first]
    assert shown == sorted(shown)  # the page lists them newest first
    meeting = Event.objects.filter(kind="conference").first()
    narrowed = html(get(client, "/events/", kind="conference"))
    assert meeting.title in narrowed
    assert all(e.title not in narrowed for e in Event.objects.exclude(kind="conference") if e.title != meeting.title)
    place = Event.objects.exclude(place=None).first().place
    assert Event.objects.exclude(place=None).first().title in html(get(client, "/events/", place=place.slug))
    assert client.get("/events/", {"kind": "party"}).status_code == 400


# Person


def test_person_page_shows_names_timeline_articles_events_co_appearing_and_chart(client, django_assert_max_num_queries):
    person = che_jun()
    with django_assert_max_num_queries(MAX_QUERIES):
        page = html(get(client, person.get_absolute_url()))
    assert "車俊" in page  # alias
    assert 'class="timeline"' in page and person.positions.first().title in page
    for article in person.articles.all():
        assert article.get_absolute_url() in page
    for part in person.participations.select_related("event"):
        assert part.event.get_absolute_url() in page
    others = co_appearing(person)
    assert others and all(other.get_absolute_url() in page for other, _ in others)
    assert 'role="img" aria-labelledby="mentions-chart-title"' in page and 'class="bar"' in page
    assert 'name="person" value="车俊"' in page  # the search box within his articles
    assert f'href="/people/{person.slug}/feed/"' in page


def test_co_appearing_officials_share_articles_or_events():
    person = che_jun()
    articles = set(person.articles.values_list("pk", flat=True))
    events = set(person.events.values_list("pk", flat=True))
    for other, n in co_appearing(person):
        shared = len(articles & set(other.articles.values_list("pk", flat=True)))
        shared += len(events & set(other.events.values_list("pk", flat=True)))
        assert n == shared > 0
    counts = [n for _, n in co_appearing(person)]
    assert counts == sorted(counts, reverse=True)


def test_person_without_articles_events_or_positions(client):
    lonely = Person.objects.create(name="无名氏", slug="wu-ming-shi")
    page = html(get(client, lonely.get_absolute_url()))
    assert "暂无职务记录" in page and "暂无活动记录" in page and "暂无文章。" in page and "<svg" not in page


def test_time_series_fills_empty_months_and_goes_yearly_from_two_years():
    from datetime import date

    def labelled(counts):
        return [(period.label, n) for period, n in time_series(counts)]

    assert labelled({date(2020, 11, 1): 2, date(2021, 2, 1): 1}) == [
        ("2020-11", 2), ("2020-12", 0), ("2021-01", 0), ("2021-02", 1)]
    assert len(labelled({date(2020, 1, 1): 1, date(2021, 11, 1): 1})) == 23  # 23 months
    assert labelled({date(2020, 1, 1): 1, date(2021, 12, 1): 1}) == [("2020", 1), ("2021", 1)]  # two years
    assert labelled({date(1998, 1, 1): 3, date(2020, 5, 1): 1})[:2] == [("1998", 3), ("1999", 0)]
    assert time_series({}) == []


# Event, source, place


def test_event_page_lists_participants_by_role_and_lists_reports(client, django_assert_max_num_queries):
    event = max(Event.objects.all(), key=lambda e: e.participations.values("role").distinct().count())
    with django_assert_max_num_queries(MAX_QUERIES):
        page = html(get(client, event.get_absolute_url()))
    order = list(Participation.Role.values)
    first_role = {}
    for part in event.participations.select_related("person"):
        first_role[part.person] = min(first_role.get(part.person, len(order)), order.index(part.role))
    people = sorted(first_role, key=lambda person: page.index(person.get_absolute_url()))
    assert [first_role[p] for p in people] == sorted(first_role.values())  # presiding before attending
    listed = page[page.index('class="participants"'):]
    for person in people:  # each once, with all their roles
        assert listed.count(person.get_absolute_url()) == 1
    for part in event.participations.all():
        assert part.get_role_display() in listed
    for article in event.articles.all():
        assert article.get_absolute_url() in page


def test_a_participant_s_roles_read_as_a_list_in_the_reader_s_language(client):
    part = max(Participation.objects.select_related("event", "person"),
               key=lambda p: p.event.participations.filter(person=p.person).count())
    roles = [p.role for p in Participation.objects.filter(event=part.event, person=part.person)]
    assert len(roles) >= 2
    url = part.event.get_absolute_url()
    chinese = html(get(client, url))
    english = html(get(english_portal(), url))
    with translation.override("zh-hans"):
        assert "、".join(str(Participation.Role(r).label) for r in roles) in chinese
    with translation.override("en"):
        labels = [str(Participation.Role(r).label) for r in roles]
    assert ", ".join(labels) in english and "、".join(labels) not in english


def test_source_and_place_pages_list_articles_with_counts_over_time(client, django_assert_max_num_queries):
    source = Source.objects.get(name="今日拱墅")
    with django_assert_max_num_queries(MAX_QUERIES):
        page = html(get(client, source.get_absolute_url()))
    assert all(a.get_absolute_url() in page for a in source.articles.all())
    assert "<title>2020-06: 7</title>" in page
    place = Place.objects.get(name="浙江省")
    with django_assert_max_num_queries(MAX_QUERIES):
        page = html(get(client, place.get_absolute_url()))
    assert "/places/hang-zhou-shi/" in page and "<svg" in page
    assert html(get(client, "/sources/")).count("/sources/") >= Source.objects.count()


def test_source_without_articles(client):
    empty = Source.objects.create(name="空来源", slug="kong", kind="newspaper")
    page = html(get(client, empty.get_absolute_url()))
    assert "暂无文章。" in page and "<svg" not in page


# Search: same layout, feed, CSV


def test_search_page_links_its_feed_and_export(client):
    page = html(get(client, "/search/", q="车俊"))
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/search/feed/?q=%E8%BD%A6%E4%BF%8A"' in page and 'href="/search/export.csv?q=%E8%BD%A6%E4%BF%8A"' in page
    assert 'class="site-nav"' in page


def test_search_feed_is_atom_of_the_same_search_newest_first(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = get(client, "/search/feed/", q="车俊")
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    expected = sorted(Article.objects.filter(pk__in=[r["id"] for r in search_json(q="车俊")["results"]]),
                      key=lambda a: a.published, reverse=True)
    assert [e.find(f"{ATOM}title").text for e in entries] == [a.title for a in expected]
    assert client.get("/search/feed/", {"date_from": "nonsense"}).status_code == 400


def test_person_feed_lists_his_articles(client):
    response = get(client, "/people/che-jun/feed/")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert len(entries) == che_jun().articles.count() == 2


def test_csv_export_has_every_result_not_one_page(client, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr("search.exports.EXPORT_BATCH", 2)
    expected = search_json(q="", page_size=100)
    with django_assert_max_num_queries(MAX_QUERIES * 3):
        response = client.get("/search/export.csv", {"page_size": 3, "page": 2})
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == expected["total"] == Article.objects.count()
    assert sorted(int(r["id"]) for r in rows) == sorted(Article.objects.values_list("pk", flat=True))
    assert 'attachment; filename="search-results.csv"' == response["Content-Disposition"]
    one = list(csv.DictReader(io.StringIO(b"".join(client.get("/search/export.csv", {"q": "易炼红"}).streaming_content).decode("utf-8-sig"))))
    assert [r["title"] for r in one] == ["考察结束,省委书记在返程火车上召开交流总结会"]
    assert "易炼红" in one[0]["people"] and one[0]["permalink"].startswith(f"{settings.SITE_URL}/articles/")
    assert client.get("/search/export.csv", {"sort": "sideways"}).status_code == 400


# Language


def test_english_interface_is_complete_on_every_page(client):
    client.get("/language/", {"language": "en", "next": "/"})
    urls = ["/", "/articles/", "/people/", "/events/", "/sources/", xiaoshan().get_absolute_url(),
            che_jun().get_absolute_url(), Event.objects.first().get_absolute_url(), "/search/?q=车俊",
            Source.objects.first().get_absolute_url(), "/places/zhe-jiang-sheng/"]
    for url in urls:
        page = html(get(client, url))
        assert '<html lang="en">' in page and ">Articles</a>" in page, url
        # the header and footer, without the language names and the query typed
        chrome = re.sub(r'<select.*?</select>|value="[^"]*"', "", page.split("<main")[0].split("<body>")[1], flags=re.S)
        chrome += page.split("</main>")[1]
        assert not CJK.search(chrome), (url, CJK.findall(chrome))
    with translation.override("en"):
        assert "Page not found" in html(client.get("/people/nobody/"))


def test_english_catalog_is_complete_and_compiled():
    import gettext
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES"
    po = (folder / "django.po").read_text(encoding="utf-8")
    assert not re.search(r'^msgstr(\[\d\])? ""\n(?!")', po, re.M), "an untranslated string"
    assert "#, fuzzy" not in po
    with open(folder / "django.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    entries = [e for e in po.split("\n\n") if "msgctxt" not in e and "msgid_plural" not in e]
    singles = [m.groups() for e in entries for m in re.finditer(r'^msgid "(.+)"\nmsgstr "(.+)"$', e, re.M)]
    assert len(singles) > 150
    for msgid, msgstr in singles:
        assert catalog.gettext(msgid.replace('\\"', '"')) == msgstr.replace('\\"', '"'), msgid


def test_placeholder_with_quotes_is_escaped(client):
    assert 'placeholder="关键词、人名或 &quot;短语&quot;"' in html(get(client, "/"))


# Pages that never contradict themselves


def test_the_english_home_counts_its_sources_as_sources():
    page = html(get(english_portal(), "/"))
    assert f"{Source.objects.count()} sources" in page and ">Source<" not in page


def test_the_language_menu_names_each_language_in_itself():
    option = r'<option value="en" lang="en"[^>]*>English</option>'
    assert re.search(option, html(get(portal(), "/"))) and re.search(option, html(get(english_portal(), "/")))
    assert re.search(r'<option value="zh-hans" lang="zh-Hans"[^>]*>简体中文</option>', html(get(english_portal(), "/")))


def test_english_text_has_no_full_width_colon():
    client = english_portal()
    for url in ["/people/che-jun/", "/places/zhe-jiang-sheng/", xiaoshan().get_absolute_url(), "/", "/search/?q=车俊"]:
        text = re.sub(r"<[^>]+>", "", html(get(client, url)))
        assert not re.search(r"[A-Za-z]\s*：", text), (url, re.findall(r".{20}[A-Za-z]\s*：", text))


def test_every_page_names_its_icon_and_favicon_ico_leads_to_it(client):
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html(get(client, "/"))).group(1)
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == icon
    assert client.get(icon).status_code == 200


def test_citations_exports_and_feeds_use_the_public_address_not_the_requests_host(client, settings):
    settings.SITE_URL = "https://archive.example.org"
    article = xiaoshan()
    page = html(get(client, article.get_absolute_url()))
    assert f"https://archive.example.org/articles/{article.pk}/" in page.split('class="citation"')[1]
    assert f'<link rel="canonical" href="https://archive.example.org/articles/{article.pk}/">' in page
    body = b"".join(client.get("/search/export.csv", {"q": "车俊"}).streaming_content).decode("utf-8-sig")
    assert "https://archive.example.org/articles/" in body and "127.0.0.1" not in body
    feed = ET.fromstring(get(client, "/people/che-jun/feed/").content)
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert links and all(link.startswith("https://archive.example.org/") for link in links)


def test_the_original_address_is_shown_when_an_article_has_one(client):
    article = xiaoshan()
    Article.objects.filter(pk=article.pk).update(url="https://www.xsnet.cn/news/2020/07/03/example.html")
    page = html(get(client, article.get_absolute_url()))
    facts, citation = page.split('class="citation"')
    assert ">https://www.xsnet.cn/news/2020/07/03/example.html</a>" in facts
    assert "https://www.xsnet.cn/news/2020/07/03/example.html" in citation


def test_links_follow_where_the_portal_is_mounted(client):
    """Behind a proxy that serves it under /archive/, every link carries the prefix; served at
    the root again, none does: a path remembered under one prefix is never given under another."""
    try:
        for prefix in ["/archive", "", "/archive"]:
            set_script_prefix(prefix + "/")  # what the WSGI handler does with each request's SCRIPT_NAME
            hits = search_json(client, q="车俊")["results"]
            assert hits and all(hit["url"] == f"{prefix}/articles/{hit['id']}/" for hit in hits)
            assert f'href="{prefix}/people/che-jun/"' in client.get("/search/", {"q": "车俊"}).content.decode()
    finally:
        set_script_prefix("/")
