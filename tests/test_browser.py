"""A reader's walk through the portal in headless Chromium (Debian's chromium, driven by Playwright).

The portal runs in pytest-django's live_server, whose tests commit (tests.helpers.COMMITS):
the seed archive is loaded back at the start of each. Screenshots go to test-artifacts/
(git-ignored); the main pages at 1280 and 390 pixels, in either language, are taken by
test_the_main_pages_at_1280_and_390_pixels.

Playwright's sync API runs an event loop, inside which Django refuses database calls: what a
test needs from the database is read by a fixture listed before ``browser``.
"""
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect, sync_playwright

from archive.models import Article, Event, Person

from .helpers import COMMITS

pytestmark = COMMITS

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def browser():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium fonts-wqy-microhei (make test does)"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield chromium
        chromium.close()


def shot(page, name):
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def watched(browser, language="zh-hans", **options):
    """A page in a new context, recording what went missing while loading: every response of
    404, and every console error that names a 404 (an icon, a stylesheet)."""
    context = browser.new_context(locale="zh-CN", **options)
    if language != "zh-hans":
        context.add_cookies([{"name": "django_language", "value": language, "url": "http://localhost"}])
    page = context.new_page()
    page.not_found = []
    page.on("response", lambda r: page.not_found.append(r.url) if r.status == 404 else None)
    page.on("console", lambda m: page.not_found.append(m.text) if m.type == "error" and "404" in m.text else None)
    return page


def header_share(page):
    """The share of the screen's height that the site header takes."""
    return page.evaluate("document.querySelector('header.site').getBoundingClientRect().height / innerHeight")


def broken_dates(page):
    """The dates shown over more than one line."""
    return page.evaluate("[...document.querySelectorAll('time')].filter(t => t.getClientRects().length > 1).map(t => t.textContent)")


def labels_parted_from_values(page):
    """The labels of facts (作者, 编辑…) that stand on another line than the start of their value."""
    return page.evaluate("""[...document.querySelectorAll('dl.facts dt')].filter(dt => {
        const value = dt.nextElementSibling.getClientRects()[0];
        return Math.abs(dt.getBoundingClientRect().top - value.top) > 4;
    }).map(dt => dt.textContent)""")


def test_search_read_follow_an_official_narrow_and_switch_language(browser, live_server):
    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_have_text("检索政务新闻档案")
    shot(page, "01-home")

    page.get_by_label("检索", exact=True).first.fill("车俊")
    page.keyboard.press("Enter")
    expect(page.locator("#results-heading")).to_have_text("共 2 篇文章")
    shot(page, "02-search")

    page.get_by_role("link", name="車俊在杭州蕭山調研省委全會精神貫徹落實情況").click()
    expect(page.locator("h1")).to_contain_text("車俊在杭州蕭山")
    expect(page.locator(".side")).to_contain_text("佟桂莉")
    shot(page, "03-article")

    page.locator(".body a.person", has_text="車俊").first.click()
    expect(page.locator("h1")).to_have_text("车俊")
    expect(page.locator("ol.timeline li").first).to_be_visible()
    expect(page.locator(".co-appearing li").first).to_be_visible()
    expect(page.locator(".chart-svg svg rect.bar").first).to_be_attached()
    shot(page, "04-person")

    page.locator("#site-q").fill('"重要窗口"')
    page.locator("#site-q").press("Enter")
    heading = page.locator("#results-heading")
    everything = heading.inner_text()
    page.locator(".facet", has_text="来源").get_by_role("link", name="萧山网").click()
    expect(page.locator(".chips")).to_contain_text("萧山网")
    expect(heading).to_have_text("共 1 篇文章")
    shot(page, "05-search-narrowed")
    page.locator(".chips a").click()
    expect(page.locator(".chips")).to_have_count(0)
    expect(heading).to_have_text(everything)

    page.locator("#lang-select").select_option("en")
    page.get_by_role("button", name="切换").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="Sections")).to_contain_text("People")
    expect(page.locator(".exports")).to_contain_text("Export all results (CSV)")
    shot(page, "06-search-english")


def test_a_name_typed_by_sound_finds_the_official_under_a_note(browser, live_server):
    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("检索", exact=True).first.fill("車駿")
    page.keyboard.press("Enter")
    expect(page.locator(".suggestion")).to_have_text("没有找到“車駿”，以下是“车俊”的结果。")
    expect(page.locator("#results-heading")).to_have_text("共 2 篇文章")
    expect(page.locator(".exports a").first).to_have_attribute("href", re.compile(r"q=%E8%BD%A6%E4%BF%8A"))  # 车俊
    shot(page, "10-search-corrected")

    page.get_by_label("检索", exact=True).first.fill("车骏 OR 易炼红")
    page.keyboard.press("Enter")
    expect(page.locator("#results-heading")).to_have_text("共 1 篇文章")  # 易炼红's
    page.locator(".suggestion").get_by_role("link", name="车俊 OR 易炼红").click()
    expect(page.locator("#results-heading")).to_have_text("共 3 篇文章")


def test_pages_fit_a_phone_and_the_keyboard_reaches_the_content(browser, live_server):
    page = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800}, is_mobile=True).new_page()
    for name, path in [("07-phone-home", "/"), ("08-phone-person", "/people/che-jun/"), ("09-phone-404", "/people/nobody/")]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        shot(page, name)
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()


@pytest.fixture
def editor_account(fresh_index):
    """An editor, and how many articles name 周江勇: made before the browser starts (Playwright's
    sync API runs an event loop, inside which Django refuses database calls)."""
    editor = User.objects.create_user("editor", password="pw-editor-2026", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return Article.objects.filter(mentions__person__name="周江勇").count()


def test_an_editor_logs_in_and_renames_an_official(editor_account, live_server, browser):
    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/admin/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("pw-editor-2026")
    page.locator("#id_password").press("Enter")
    page.goto(live_server.url + "/admin/archive/person/?q=周江勇")
    page.get_by_role("link", name="周江勇").first.click()
    page.locator("#id_name").fill("周江永")  # a fictitious correction
    shot(page, "10-admin-rename")
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist")).to_contain_text("成功")
    expect(page.locator(".messagelist")).to_contain_text("原名“周江勇”已保留为周江永的曾用名")
    page.goto(live_server.url + "/search/?person=周江永")
    expect(page.locator("#results-heading")).to_have_text(f"共 {editor_account} 篇文章")
    shot(page, "11-search-renamed")
    page.goto(live_server.url + "/search/?person=周江勇")  # a bookmark from before
    expect(page.locator("#results-heading")).to_have_text(f"共 {editor_account} 篇文章")


@pytest.fixture
def extracted_career(fresh_index):
    """An official whose career only the articles tell: two reports, extracted on save."""
    from django.utils import timezone

    from archive.models import Person, Source

    Person.objects.create(name="钱其琛")
    Person.objects.create(name="恩佐")
    source = Source.objects.create(name="测试日报", slug="ceshi-ribao", kind="newspaper")
    for day, text in (
        (5, "新华社北京1月5日电 国务院副总理兼外交部长钱其琛今天在北京会见了南非外交部长恩佐。"),
        (20, "新华社北京1月20日电 国务院副总理钱其琛今天出席了会议。"),
    ):
        Article.objects.create(source=source, title=f"钱其琛 1月{day}日", body=text,
                               published=timezone.make_aware(timezone.datetime(1998, 1, day)))
    return Person.objects.get(name="钱其琛").get_absolute_url()


def test_a_reader_sees_a_career_read_from_the_articles_with_its_evidence(extracted_career, live_server, browser):
    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + extracted_career)

    def post_of(label):
        return page.locator("ol.timeline > li").filter(has=page.locator(".what").get_by_text(label, exact=True))

    post = post_of("国务院副总理")
    expect(post.locator(".when")).to_have_text("见报 1998-01-05 – 1998-01-20")
    expect(post.locator(".badge")).to_have_text("机器抽取")
    expect(post.locator("ul.evidence li")).to_have_count(2)
    expect(post_of("外交部长").locator(".when")).to_have_text("见报 1998-01-05")
    expect(page.locator(".appearances")).to_contain_text("主方")
    expect(page.locator(".met-with")).to_contain_text("恩佐")
    shot(page, "12-extracted-career")
    post.locator("ul.evidence a").first.click()
    expect(page.locator("h1")).to_contain_text("钱其琛 1月5日")


@pytest.fixture
def main_pages(django_db_setup):
    """(name, path) of the main pages, read before the browser starts."""
    article = Article.objects.get(title__startswith="車俊在杭州蕭山")
    event = max(Event.objects.all(), key=lambda e: e.participations.count())
    return [
        ("home", "/"), ("search", "/search/?q=车俊"), ("article", article.get_absolute_url()),
        ("person", "/people/che-jun/"), ("people", "/people/"), ("events", "/events/"), ("event", event.get_absolute_url()),
        ("sources", "/sources/"), ("source", "/sources/jin-ri-gong-shu/"), ("place", "/places/hang-zhou-shi/"),
        ("articles", "/articles/"), ("search-nothing", "/search/?q=车俊&source=萧山网&date_from=2020-06-01&date_to=2020-06-30"),
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_main_pages_at_1280_and_390_pixels(main_pages, browser, live_server, language):
    """Each main page on a desktop and on a phone: nothing missing, nothing wider than the
    screen, no date broken over two lines, no label parted from its value, and on a phone a
    header within a fifth of the screen. A screenshot of each is kept."""
    for width, options in ((1280, DESKTOP), (390, PHONE)):
        page = watched(browser, language, **options)
        for name, path in main_pages:
            page.goto(live_server.url + path)
            shot(page, f"main-{language}-{width}-{name}")
            assert page.not_found == [], (path, page.not_found)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            assert broken_dates(page) == [], path
            assert labels_parted_from_values(page) == [], path
            if width == 390:
                assert header_share(page) <= 0.2, (path, header_share(page))
        page.context.close()


def test_a_name_in_latin_letters_finds_the_official(browser, live_server):
    page = watched(browser, **DESKTOP)
    page.goto(live_server.url + "/")
    page.locator("#home-q").fill("Che Jun")
    page.locator("#home-q").press("Enter")
    expect(page.locator("#results-heading")).to_have_text("共 2 篇文章")
    expect(page.locator(".person-card h2")).to_have_text("车俊")
    expect(page.locator(".hit mark", has_text="車俊").first).to_be_visible()  # marked in the article's own script
    shot(page, "romanized-search")
    page.goto(live_server.url + "/people/?q=chejun")
    expect(page.locator("table.listing tbody tr")).to_have_count(1)
    expect(page.locator("table.listing tbody")).to_contain_text("车俊")


def test_a_bad_date_is_marked_beside_its_field_and_everything_else_is_kept(browser, live_server):
    page = watched(browser, **DESKTOP)
    response = page.goto(live_server.url + "/search/?q=浙江&date_from=2020-13-01&source=萧山网")
    assert response.status == 400
    message = page.locator("#id_date_from_error")
    expect(message).to_contain_text("2020-13-01")
    box, text = page.locator("#id_date_from").bounding_box(), message.bounding_box()
    assert abs(text["x"] - box["x"]) < 30 and 0 <= text["y"] - (box["y"] + box["height"]) < 30  # right under it
    expect(page.locator("#id_q")).to_have_value("浙江")
    expect(page.locator("#id_source")).to_have_value("萧山网")
    shot(page, "bad-date")
    page.locator("#id_date_from").fill("2020-06-01")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator(".chips")).to_contain_text("来源: 萧山网")
    expect(page.locator(".chips")).to_contain_text("日期: 2020-06-01")
    assert page.not_found == []


def test_a_page_past_the_last_shows_the_last(browser, live_server):
    page = watched(browser, **DESKTOP)
    page.goto(live_server.url + "/search/?q=浙江&page=3&page_size=5")
    assert "page=2" in page.url
    expect(page.locator(".pagination")).to_contain_text("第 2 / 2 页")
    expect(page.locator(".hit")).to_have_count(2)
    expect(page.locator(".no-results")).to_have_count(0)


@pytest.fixture
def events_by_source(django_db_setup):
    """The titles of the events that 萧山网 reported, and of those only other sources reported."""
    reported = set(Event.objects.filter(articles__source__name="萧山网").values_list("title", flat=True))
    return reported, set(Event.objects.values_list("title", flat=True)) - reported


def test_the_events_beside_a_filtered_search_obey_its_filter(events_by_source, browser, live_server):
    reported, others = events_by_source
    page = watched(browser, **DESKTOP)
    page.goto(live_server.url + "/search/?q=车俊")
    assert set(page.locator(".events-card li a").all_inner_texts()) & others  # 柯桥传媒集团's event
    page.locator(".facet", has_text="来源").get_by_role("link", name="萧山网").click()
    expect(page.locator(".chips")).to_contain_text("萧山网")
    shown = set(page.locator(".events-card li a").all_inner_texts())
    assert shown and shown <= reported
    shot(page, "events-filtered")


def test_the_chart_leaves_a_gap_for_years_without_results(browser, live_server):
    page = watched(browser, **DESKTOP)
    page.goto(live_server.url + '/search/?q="重要窗口"')
    chart = page.locator("figure.chart-svg")
    expect(chart.locator("text.tick:not(.wide-only)")).to_have_text(["2020", "2021", "2022", "2023"])
    heights = chart.locator("rect.bar").evaluate_all("bars => bars.map(b => b.getBoundingClientRect().height)")
    assert heights[0] > 0 and heights[1] == heights[2] == 0 and heights[3] > 0
    sizes = chart.locator("text").evaluate_all("texts => texts.map(t => t.getBoundingClientRect().height)")
    assert min(sizes) >= 11  # as drawn on the screen, whatever the chart's width
    expect(chart.locator("g title").first).to_have_text(re.compile(r"^2020: \d+$"))
    shot(page, "chart-gap-years")
    chart.locator("a").first.click()  # the year 2020: under two years, month by month
    expect(page.locator(".chips")).to_contain_text("2020-01-01 – 2020-12-31")
    expect(page.locator("figure.chart-svg text.tick").nth(1)).to_have_text(re.compile(r"^2020-\d\d$"))


def test_on_a_phone_the_filters_wait_above_the_results_behind_one_toggle(browser, live_server):
    page = watched(browser, **PHONE)
    page.goto(live_server.url + "/search/?q=车俊")
    assert header_share(page) <= 0.2
    expect(page.locator("#id_date_from")).to_be_hidden()
    toggle = page.locator("label[for=refine-toggle]")
    assert toggle.bounding_box()["y"] < page.locator("#results-heading").bounding_box()["y"]
    shot(page, "phone-search-closed")
    toggle.click()
    expect(page.locator("#id_date_from")).to_be_visible()
    assert page.locator("#id_kind").bounding_box()["y"] < page.locator("#results-heading").bounding_box()["y"]
    shot(page, "phone-search-open")
    page.locator("#id_source").select_option("萧山网")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("#results-heading")).to_have_text("共 1 篇文章")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_english_person_page(browser, live_server):
    for width, options in ((1280, DESKTOP), (390, PHONE)):
        page = watched(browser, "en", **options)
        page.goto(live_server.url + "/people/che-jun/")
        expect(page.locator("h1")).to_have_text("车俊 Che Jun")
        label = page.locator("dl.aliases dt")
        expect(label).to_have_text("Aliases")
        assert label.evaluate("dt => getComputedStyle(dt, '::after').content") == '": "'
        expect(page.locator("figcaption").first).to_contain_text("Mentions per month")
        expect(page.locator(".co-appearing li").first).to_contain_text(re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+"))
        shot(page, f"english-person-{width}")
        assert page.not_found == []
        page.context.close()


@pytest.fixture
def che_jun_in_admin(editor_account):
    return Person.objects.get(name="车俊").pk, Article.objects.get(title__startswith="区政协召开").pk


def test_the_admin_fits_1280_pixels_and_nags_about_no_time_zone(che_jun_in_admin, live_server, browser):
    person, article = che_jun_in_admin
    page = watched(browser, timezone_id="UTC", **DESKTOP)  # a browser eight hours behind the archive
    page.goto(live_server.url + "/admin/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("pw-editor-2026")
    page.locator("#id_password").press("Enter")
    expect(page.locator("#site-name")).to_have_text("政务新闻档案 管理")
    page.goto(live_server.url + f"/admin/archive/person/{person}/change/")
    expect(page.locator("#id_romanized")).to_have_value("Che Jun")
    expect(page.locator("#positions-group")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # the positions inline too
    shot(page, "admin-person-1280")
    page.goto(live_server.url + f"/admin/archive/article/{article}/change/")
    expect(page.locator(".timezonewarning")).to_have_count(1)  # Django still writes the notice…
    expect(page.locator(".timezonewarning")).to_be_hidden()  # …and nobody sees it
    expect(page.get_by_text("时区：Asia/Shanghai")).to_be_visible()
    shot(page, "admin-article-1280")
    assert page.not_found == []
