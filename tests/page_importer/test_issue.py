"""A newspaper issue (seed 004, 今日拱墅 No. 23) split into its seven articles."""
from archive.importers.page.dates import page_date
from archive.importers.page.issue import is_newspaper_issue, issue_headings, issue_of, masthead, page_of, parse_issue

from .seeds import FIXTURE_ARTICLES, GONGSHU, KEQIAO, SEED_ARTICLES, seed_lines


def test_an_issue_is_told_from_a_web_page_by_its_number():
    assert is_newspaper_issue(seed_lines(GONGSHU))
    assert not is_newspaper_issue(seed_lines(KEQIAO))


def test_the_masthead_gives_issue_page_and_source():
    head = seed_lines(GONGSHU)[:9]
    assert issue_of(head) == "第23期（总第1079期）"
    assert page_of(head) == "1"
    assert masthead(head) == "今日拱墅"


def test_each_article_starts_at_its_dateline_with_the_headings_above():
    lines = seed_lines(GONGSHU)
    records = parse_issue(lines, page_date(lines, GONGSHU), GONGSHU)
    assert len(records) == len(SEED_ARTICLES[GONGSHU])
    for record, pk in zip(records, SEED_ARTICLES[GONGSHU]):
        assert record.body == FIXTURE_ARTICLES[pk]["body"]
        assert record.author == FIXTURE_ARTICLES[pk]["author"]


def test_heading_lines_read_as_kicker_title_and_subtitle():
    assert issue_headings(["大比武活动举行 打好指标追赶战进位战"]).subtitle == "打好指标追赶战进位战"
    assert issue_headings(["“赛举措 展作风”活动举行"]).title == "“赛举措 展作风”活动举行"  # a space inside quotes
    three = issue_headings(["引题", "标题", "副题"])
    assert (three.kicker, three.title, three.subtitle) == ("引题", "标题", "副题")
    assert issue_headings(["朱建明强调", "标题"]).kicker == "朱建明强调"
