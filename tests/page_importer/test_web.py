"""A web page's layout on the four web seeds: title above the date line, headings, body, signature."""
import pytest

from archive.importers.page.dates import page_date
from archive.importers.page.web import parse_web_page, web_headings

from .seeds import FIXTURE_ARTICLES, HANGZHOU, KEQIAO, SEED_ARTICLES, XIAOSHAN, XINJINGBAO, seed_lines


@pytest.mark.parametrize("seed", [XIAOSHAN, KEQIAO, HANGZHOU, XINJINGBAO])
def test_title_headings_and_body_of_each_web_seed(seed):
    lines = seed_lines(seed)
    record = parse_web_page(lines, page_date(lines, seed), seed)
    fixture = FIXTURE_ARTICLES[SEED_ARTICLES[seed][0]]
    assert (record.title, record.kicker, record.subtitle) == (fixture["title"], fixture["kicker"], fixture["subtitle"])
    assert record.body == fixture["body"]


def test_lines_repeating_the_title_are_the_print_headline_between_kicker_and_subtitle():
    headings = web_headings(["车俊在全省开发区(园区)改革提升推进会上强调", "系统性重构 创新性变革", "建设高水平现代化平台体系",
                             "袁家军主持 郑栅洁出席"], "车俊:系统性重构 创新性变革 建设高水平现代化平台体系")
    assert headings.kicker == "车俊在全省开发区(园区)改革提升推进会上强调"
    assert headings.subtitle == "袁家军主持 郑栅洁出席"


def test_a_single_line_is_a_kicker_when_it_ends_with_a_speech_verb():
    assert web_headings(["车俊在杭州萧山调研时强调"], "标题").kicker == "车俊在杭州萧山调研时强调"
    assert web_headings(["佟桂莉陪同"], "标题").subtitle == "佟桂莉陪同"


def test_a_page_without_a_title_above_its_date_is_refused():
    lines = seed_lines(KEQIAO)[1:]
    with pytest.raises(ValueError, match="no title"):
        parse_web_page(lines, page_date(lines, "x"), "x")
