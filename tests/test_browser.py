"""A reader's walk through the portal in headless Chromium (Debian's chromium, driven by Playwright).

The portal runs in pytest-django's live_server, whose tests are transactional: the database is
flushed after each. The seed archive is loaded once for the session (conftest), so this module
snapshots it into the connection's serialized contents, and serialized_rollback puts it back at
the start of each test here. pytest-django runs transactional tests last, so the flush after
them reaches no other test. Screenshots go to test-artifacts/ (git-ignored).
"""
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from playwright.sync_api import expect, sync_playwright

from archive.models import Article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module", autouse=True)
def seed_snapshot(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()


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
    expect(page.locator(".chart-svg svg rect").first).to_be_attached()
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

    page.locator("#site-q").fill("车骏 OR 易炼红")
    page.locator("#site-q").press("Enter")
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
    page.locator("#id_name").fill("周江永")  # a fictitious correction; the old spelling stays an alias
    page.get_by_text("添加另一个 别名").click()
    page.locator('input[name="aliases-0-name"]').fill("周江勇")
    shot(page, "10-admin-rename")
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist")).to_contain_text("成功")
    page.goto(live_server.url + "/search/?person=周江永")
    expect(page.locator("#results-heading")).to_have_text(f"共 {editor_account} 篇文章")
    shot(page, "11-search-renamed")


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
