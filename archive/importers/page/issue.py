"""A newspaper issue split into its articles, undoing the print layout."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from chinese.normalize import normalize, simplified

from ..records import ArticleRecord, derive_title
from .bylines import strip_dateline
from .captions import CaptionFilter, clean_body
from .lines import (
    DATELINE, SPEECH_VERB, Headings, Line, is_heading, join_broken_lines, script_of, squash,
)
from .web import parse_web_page

ISSUE = re.compile(r"^(?:第(?P<no>\d+)期)?\s*\(?(?:总第(?P<total>\d+)期)?\)?$")
PAGE_LABEL = re.compile(r"^第\s*(?P<page>\d+)\s*版")
LUNAR_DATE = re.compile(r"^[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年")   # 庚子年四月廿一
#: Header lines of a newspaper's front page, none of them part of an article.
MASTHEAD_LINES = (
    re.compile(r"^(?:第\d+期|总第\d+期)"),
    re.compile(r"^本期\d+版"),
    re.compile(r"热线\s*:"),                                                  # 新闻热线: 88259745
    re.compile(r"(?:主办|承办)$|主办\s"),                                      # publisher
    LUNAR_DATE,
    re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(?:\s*(?:星期|周)[一二三四五六日天])?$"),  # issue date
)
MASTHEAD_NAME = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


@dataclass
class _IssueArticle:
    """An article of a newspaper issue while the issue is being split."""

    headings: list[Line]
    body: list[Line]
    kicker: str = ""
    paragraphs: list[str] = field(default_factory=list)


def is_newspaper_issue(lines: list[Line]) -> bool:
    """Whether the page is a newspaper issue: a line states its issue number."""
    return any(_issue_match(line) for line in lines)


def _issue_match(line: Line) -> re.Match | None:
    match = ISSUE.match(line.key)
    return match if match and (match.group("no") or match.group("total")) else None


def parse_issue(lines: list[Line], published: datetime.datetime, name: str) -> list[ArticleRecord]:
    """The articles of a newspaper issue.

    Rules that undo the print layout:

    * an article starts at a dateline paragraph (本报讯…); the heading lines right above
      it are its headings, the lines down to the next article's headings its body;
    * a line between two articles that could be either's kicker (the first of several
      heading lines) goes to the one it shares the longest run of text with;
    * heading lines: one is the title, unless a space outside quotes joins the title and
      the subtitle the capture put on one line; two are title and subtitle (kicker and
      title when the first ends with a speech verb); three are kicker, title, subtitle;
    * lines the columns broke mid-sentence are joined (:func:`join_broken_lines`);
    * an article whose headline the capture lost gets one from its first sentence.

    Each article has the issue's date, number and page; the masthead is the source.
    """
    datelines = [i for i, line in enumerate(lines) if DATELINE.match(line.key)]
    if not datelines:
        return [parse_web_page(lines, published, name)]
    starts = [_heading_start(lines, i, floor) for i, floor in zip(datelines, [-1] + datelines)]
    ends = starts[1:] + [len(lines)]
    articles = [
        _IssueArticle(lines[start:dateline], lines[dateline:end])
        for start, dateline, end in zip(starts, datelines, ends)
    ]
    captions = CaptionFilter()
    for article in articles:
        article.paragraphs = join_broken_lines(clean_body(article.body, "", captions))
    _assign_kickers(articles)

    head = lines[:starts[0]]
    issue, page = issue_of(head), page_of(head)
    source = masthead(head)
    records = []
    for article in articles:
        byline, paragraphs = strip_dateline(article.paragraphs)
        body = "\n".join(paragraphs)
        headings = issue_headings([line.text for line in article.headings])
        title = headings.title or derive_title(body)
        records.append(ArticleRecord(
            source=source,
            title=title,
            kicker=article.kicker or headings.kicker,
            subtitle=headings.subtitle,
            body=body,
            published=published,
            author=byline,
            issue=issue,
            page=page,
            script=script_of(title + body),
            line=(article.headings or article.body)[0].number,
        ))
    return records


def _heading_start(lines: list[Line], dateline: int, floor: int) -> int:
    """Where the heading lines above ``dateline`` start (== ``dateline`` when it has none)."""
    start = dateline
    while start - 1 > floor:
        above = lines[start - 1]
        if not is_heading(above) or is_masthead_line(above):
            break
        start -= 1
    return start


def is_masthead_line(line: Line) -> bool:
    """Whether a line belongs to a front page's header (issue, date, hotline, publisher)."""
    return any(pattern.search(line.key) for pattern in MASTHEAD_LINES)


def _assign_kickers(articles: list[_IssueArticle]) -> None:
    """Give a kicker line between two articles to the one whose text it shares most with.

    The first of several heading lines may be the next article's kicker or a label of the
    article above, which the capture put after that article's text. Ties stay below.
    """
    for previous, article in zip(articles, articles[1:]):
        if len(article.headings) < 2:
            continue
        label = article.headings[0].text
        above = "".join(line.text for line in previous.headings) + "".join(previous.paragraphs)
        below = "".join(line.text for line in article.headings[1:]) + "".join(article.paragraphs)
        if longest_common_run(label, above) > longest_common_run(label, below):
            previous.kicker = label
            article.headings = article.headings[1:]


def longest_common_run(short: str, long: str) -> int:
    """Length of the longest run of characters of ``short`` (squashed) found in ``long``."""
    short, long = squash(short), squash(long)
    for size in range(len(short), 0, -1):
        if any(short[i:i + size] in long for i in range(len(short) - size + 1)):
            return size
    return 0


def issue_headings(lines: list[str]) -> Headings:
    """Kicker, title and subtitle from the heading lines of an article in an issue."""
    if not lines:
        return Headings()
    if len(lines) == 1:
        title, subtitle = split_merged_headline(lines[0])
        return Headings(title, subtitle=subtitle)
    if len(lines) == 2:
        if SPEECH_VERB.search(normalize(lines[0])):
            return Headings(lines[1], kicker=lines[0])
        return Headings(lines[0], subtitle=lines[1])
    return Headings(lines[1], kicker=lines[0], subtitle=" ".join(lines[2:]))


def split_merged_headline(text: str) -> tuple[str, str]:
    """(title, subtitle) of a headline line: split at the first space outside quotes."""
    depth = 0
    for i, char in enumerate(text):
        if char in "“「『":
            depth += 1
        elif char in "”」』":
            depth = max(depth - 1, 0)
        elif char == " " and depth == 0:
            return text[:i], text[i + 1:]
    return text, ""


def issue_of(head: list[Line]) -> str:
    """The issue as ``第23期（总第1079期）`` from the header lines ``第23期`` and ``总第1079期``."""
    number = total = None
    for line in head:
        match = _issue_match(line)
        if match:
            number = number or match.group("no")
            total = total or match.group("total")
    if number and total:
        return f"第{number}期（总第{total}期）"
    return f"第{number}期" if number else f"总第{total}期" if total else ""


def page_of(head: list[Line]) -> str:
    """The page: as labelled (第3版), else 1, as only the front page carries the masthead."""
    for line in head:
        match = PAGE_LABEL.match(line.key)
        if match:
            return match.group("page")
    return "1"


def masthead(head: list[Line]) -> str:
    """The newspaper's name: the last short all-Chinese header line that is not a date."""
    names = [
        line.text for line in head
        if MASTHEAD_NAME.match(line.key) and not LUNAR_DATE.match(line.key)
    ]
    return simplified(names[-1]) if names else ""
