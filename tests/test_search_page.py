"""The search page as a reader meets it: its form, a bad parameter, paging past the end, a
search that finds nothing, the events beside the results, the chart, and its feed."""
import re
import xml.etree.ElementTree as ET
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import names
from archive.models import Article, Event, Source
from chinese.normalize import normalize

from .helpers import portal, result_ids, search_json

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def names_loaded():
    names.invalidate()
    names.current()


def html(response):
    return response.content.decode()


def get(**params):
    response = portal().get("/search/", params)
    assert response.status_code == 200, response.content[:300]
    return html(response)


def field(page, name):
    """The form's control named ``name`` (input or select), as HTML."""
    found = re.search(rf'<(input|select)[^>]*name="{name}"[^>]*>(.*?</select>)?', page, re.S)
    assert found, name
    return found.group(0)


def events_in_box(page):
    box = re.search(r'class="card events-card">(.*?)</div>', page, re.S)
    return [int(pk) for pk in re.findall(r'href="/events/(\d+)/"', box.group(1))] if box else []


# The form


def test_the_search_page_has_fields_for_dates_source_event_kind_and_titles_only():
    page = get(q="车俊", person="周江勇")
    assert 'type="date"' in field(page, "date_from") and 'type="date"' in field(page, "date_to")
    sources = field(page, "source")
    assert all(f'<option value="{name}">' in sources for name in Source.objects.values_list("name", flat=True))
    assert '<option value="conference">会议</option>' in field(page, "kind")
    assert 'type="checkbox"' in field(page, "title_only")
    assert 'value="车俊"' in field(page, "q")
    assert '<input type="hidden" name="person" value="周江勇">' in page  # a facet's choice travels with the form
    assert 'id="refine-toggle"' in page and 'for="refine-toggle"' in page  # the phone's one toggle


def test_in_titles_only_finds_the_articles_whose_headline_holds_the_words():
    found = set(result_ids(search_json(q="杭州", title_only="1")))
    headlines = {a.pk for a in Article.objects.all() if "杭州" in normalize(f"{a.kicker}{a.title}{a.subtitle}")}
    assert found == headlines and found < set(result_ids(search_json(q="杭州")))
    assert search_json(q="周江勇", title_only="1")["total"] == 0 < search_json(q="周江勇")["total"]  # named in bodies only


def test_a_bad_date_shows_the_form_with_the_message_beside_the_field_and_keeps_the_rest():
    response = portal().get("/search/", {"q": "浙江", "date_from": "2020-13-01", "source": "萧山网", "kind": "meeting"})
    assert response.status_code == 400
    page = html(response)
    date_from = field(page, "date_from")
    assert 'aria-invalid="true"' in date_from and 'aria-describedby="id_date_from_error"' in date_from
    message = re.search(r'<p class="field-error" id="id_date_from_error">(.*?)</p>', page).group(1)
    assert "2020-13-01" in message and "YYYY-MM-DD" in message
    assert page.index('name="date_from"') < page.index('id="id_date_from_error"') < page.index('name="date_to"')
    assert 'value="浙江"' in field(page, "q")
    assert '<option value="萧山网" selected>' in field(page, "source")
    assert '<option value="meeting" selected>' in field(page, "kind")
    assert 'id="refine-toggle" class="refine-toggle" aria-controls="refine" checked' in page  # open on a phone
    assert "检索条件有误" in page and 'class="hits"' not in page


def test_dates_in_the_wrong_order_are_marked_on_the_second_date():
    response = portal().get("/search/", {"date_from": "2021-01-01", "date_to": "2020-01-01"})
    assert response.status_code == 400
    assert "起始日期不能晚于截止日期" in re.search(r'id="id_date_to_error">(.*?)</p>', html(response)).group(1)


def test_a_bad_parameter_without_a_field_is_named_above_the_form_and_dropped_from_it():
    response = portal().get("/search/", {"q": "车俊", "page_size": "1000"})
    assert response.status_code == 400
    page = html(response)
    assert re.search(r'<ul class="error" role="alert"><li>每页篇数: [^<]*100', page)
    assert 'name="page_size"' not in page  # searching again from the form works


# Pages


def test_a_page_past_the_last_goes_to_the_last_page():
    assert search_json(q="浙江")["total"] == 7
    response = portal().get("/search/", {"q": "浙江", "page": "3", "page_size": "5"})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == "/search/" and parse_qs(target.query) == {"q": ["浙江"], "page": ["2"], "page_size": ["5"]}
    last = html(portal().get(response["Location"]))
    assert "第 2 / 2 页" in last and last.count('class="hit"') == 2


def test_a_page_past_the_end_of_nothing_goes_to_the_first():
    response = portal().get("/search/", {"q": "量子计算机", "page": "4"})
    assert response.status_code == 302 and parse_qs(urlsplit(response["Location"]).query) == {"q": ["量子计算机"]}


# Nothing found


def test_nothing_found_offers_to_drop_each_filter_with_what_it_would_give_and_no_exports():
    params = {"q": "车俊", "source": "萧山网", "date_from": "2020-06-01", "date_to": "2020-06-30"}
    page = get(**params)
    assert "共 0 篇文章" in page
    offers = re.search(r'<ul class="relax">(.*?)</ul>', page, re.S).group(1)
    without_source = search_json(q="车俊", date_from="2020-06-01", date_to="2020-06-30")["total"]
    without_dates = search_json(q="车俊", source="萧山网")["total"]
    assert (without_source, without_dates) == (0, 1)
    assert re.search(rf'去掉“来源: 萧山网”</a> <span class="count">可得 {without_source} 篇', offers)
    assert re.search(rf'去掉“日期: 2020-06-01 – 2020-06-30”</a> <span class="count">可得 {without_dates} 篇', offers)
    assert "export.csv" not in page and "search/feed" not in page


# The events beside the results


def test_the_events_beside_the_results_obey_the_date_filter():
    everything = events_in_box(get(q="拱墅"))
    two_days = events_in_box(get(q="拱墅", date_from="2020-06-09", date_to="2020-06-10"))
    assert two_days and set(two_days) != set(everything)
    assert all(date(2020, 6, 9) <= Event.objects.get(pk=pk).start_date <= date(2020, 6, 10) for pk in two_days)


@pytest.mark.parametrize(
    "params, holds",
    [
        ({"q": "车俊", "source": "萧山网"}, lambda e: e.articles.filter(source__name="萧山网").exists()),
        ({"q": "拱墅", "person": "朱建明"}, lambda e: e.participants.filter(name="朱建明").exists()),
        ({"q": "会议", "kind": "conference"}, lambda e: e.kind == "conference"),
        ({"q": "浙江", "place": "江苏省"}, lambda e: e.place is not None and e.place.name == "江苏省"),
        ({"q": "会议", "title_only": "1"}, lambda e: "会议" in e.title),
    ],
    ids=["source", "person", "kind", "place", "title"],
)
def test_the_events_beside_the_results_obey_every_other_filter(params, holds):
    shown = events_in_box(get(**params))
    unfiltered = events_in_box(get(q=params["q"]))
    assert shown and set(shown) != set(unfiltered)
    assert all(holds(Event.objects.get(pk=pk)) for pk in shown)


# The chart


def chart_bars(page):
    """(label, count, link) of each bar of the chart beside the results."""
    chart = re.search(r'<svg[^>]*aria-labelledby="results-chart-title">(.*?)</svg>', page, re.S).group(1)
    bars = []
    for group in re.finditer(r'(<a href="([^"]*)"[^>]*>)?<g><title>([^<]*): (\d+)</title>', chart):
        bars.append((group.group(3), int(group.group(4)), group.group(2)))
    return bars


def test_the_chart_has_a_slot_for_every_year_and_links_each_year_with_results():
    bars = chart_bars(get(q='"重要窗口"'))
    assert [label for label, _, _ in bars] == ["2020", "2021", "2022", "2023"]
    counts = {label: n for label, n, _ in bars}
    assert counts["2021"] == counts["2022"] == 0 and counts["2020"] + counts["2023"] == search_json(q='"重要窗口"')["total"]
    links = {label: link for label, _, link in bars}
    assert links["2021"] is None and "date_from=2020-01-01&amp;date_to=2020-12-31" in links["2020"]


def test_the_chart_goes_month_by_month_under_two_years_with_empty_months_as_gaps():
    bars = chart_bars(get(q="车俊"))
    assert [(label, n) for label, n, _ in bars] == [("2020-05", 1), ("2020-06", 0), ("2020-07", 1)]
    page = get(q="车俊")
    table = re.search(r'<details><summary>数据</summary>(.*?)</details>', page, re.S).group(1)
    assert "<td>2020-06</td><td>0</td>" in table  # the same counts for a screen reader


# The feed


def test_the_feeds_own_address_keeps_the_search_and_the_public_address():
    response = portal().get("/search/feed/", {"q": "车俊", "source": "萧山网"})
    feed = ET.fromstring(response.content)
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    target = urlsplit(self_link.get("href"))
    assert f"{target.scheme}://{target.netloc}" == settings.SITE_URL and target.path == "/search/feed/"
    assert parse_qs(target.query) == {"q": ["车俊"], "source": ["萧山网"]}


# Its cost


@pytest.mark.parametrize("wants", [{}, {"format": "json"}], ids=["page", "json"])
def test_a_page_of_results_asks_the_database_as_often_for_twenty_articles_as_for_two(wants):
    """What a result shows of each article is read with the page's articles, in one query:
    nothing shown is left to be read article by article."""
    asked = {}
    for size in (20, 2, 20):  # (the first loads what the process keeps between searches)
        with CaptureQueriesContext(connection) as queries:
            response = portal().get("/search/", {"q": "", "sort": "newest", "page_size": size, **wants})
        assert response.status_code == 200
        asked[size] = len(queries)
    assert Article.objects.count() > 2
    assert asked[20] == asked[2]
