"""A web page's one article: the title above the date line, headings, body and signature."""
from __future__ import annotations

import datetime
import re

from chinese.normalize import normalize

from ..records import ArticleRecord
from .bylines import BREADCRUMB, SIGNATURE, Signature, breadcrumb_source, read_date_line, read_signature, strip_dateline
from .captions import CaptionFilter, clean_body, is_caption
from .dates import has_date
from .lines import MAX_HEADING_CHARS, SPEECH_VERB, Headings, Line, is_paragraph, script_of, squash

#: First lines of what follows an article on a web page: link lists, comments, disclaimers.
TAIL_START = re.compile(
    r"^[•·●▪■\-\s]*(?:热门评论|热门推荐|热点推荐|评论列表|网友评论|发表评论|相关阅读|相关新闻"
    r"|相关文章|推荐阅读|猜你喜欢|上周热点|声明:|免责声明|版权所有|copyright|注:本站)"
)


def parse_web_page(lines: list[Line], published: datetime.datetime, name: str) -> ArticleRecord:
    """The one article of a web page; see the module docstring for the layout read."""
    first_dated = next(i for i, line in enumerate(lines) if has_date(line, published))
    tail = next(
        (i for i in range(first_dated, len(lines)) if TAIL_START.search(lines[i].key)), len(lines)
    )
    date_index = max(i for i in range(first_dated, tail) if has_date(lines[i], published))
    title_index = _title_index(lines, date_index, name)
    title = lines[title_index].text
    heading_lines, start = _heading_zone(lines, date_index + 1, tail)
    end = next((i for i in range(start, tail) if SIGNATURE.match(lines[i].key)), tail)
    captions = CaptionFilter()
    for line in lines[:start]:
        captions.remember(line.text)

    signature = Signature(source=breadcrumb_source(lines[:start]))
    signature.update(read_date_line(lines[date_index]))
    for line in lines[end:tail]:
        signature.update(read_signature(line.text))
    byline, paragraphs = strip_dateline(clean_body(lines[start:end], title, captions))
    if not paragraphs:
        raise ValueError(f"{name}: no article text found after the date line")
    headings = web_headings(heading_lines, title)
    body = "\n".join(paragraphs)
    return ArticleRecord(
        source=signature.source,
        title=title,
        kicker=headings.kicker,
        subtitle=headings.subtitle,
        body=body,
        published=published,
        author=signature.author or byline,
        editor=signature.editor,
        script=script_of(title + body),
        line=lines[title_index].number,
    )


def _title_index(lines: list[Line], date_index: int, name: str) -> int:
    """The index of the title: the line right above the date line, breadcrumbs aside."""
    above = [i for i in range(date_index) if not BREADCRUMB.match(lines[i].key)]
    if not above or len(lines[above[-1]].text) > MAX_HEADING_CHARS:
        raise ValueError(f"{name}: no title found above the publication date")
    return above[-1]


def _heading_zone(lines: list[Line], begin: int, tail: int) -> tuple[list[str], int]:
    """The heading lines from ``begin`` on, and the index of the first paragraph.

    Photo captions there (above the headline) are neither headings nor body.
    """
    headings = []
    for i in range(begin, tail):
        text = lines[i].text
        if is_caption(text):
            continue
        if is_paragraph(text):
            return headings, i
        headings.append(text)
    return headings, tail


def web_headings(lines: list[str], title: str) -> Headings:
    """Kicker and subtitle among the heading lines under a web page's date line.

    Lines repeating (part of) the title are the print headline; a line above them is the
    kicker, a line below them the subtitle. Without such lines, two or more lines are a
    kicker and a subtitle, and a single line is the kicker when it ends with the verb of a
    speech (:data:`SPEECH_VERB`), else the subtitle.
    """
    title_key = squash(title)
    parts = [i for i, text in enumerate(lines) if squash(text) in title_key]
    if parts:
        return Headings(
            title, kicker=" ".join(lines[:parts[0]]), subtitle=" ".join(lines[parts[-1] + 1:])
        )
    if len(lines) >= 2:
        return Headings(title, kicker=lines[0], subtitle=" ".join(lines[1:]))
    if lines and SPEECH_VERB.search(normalize(lines[0])):
        return Headings(title, kicker=lines[0])
    return Headings(title, subtitle=lines[0] if lines else "")
