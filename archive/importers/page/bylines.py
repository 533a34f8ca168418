"""Who wrote, edited and published a page: labels, date lines, breadcrumbs, datelines."""
from __future__ import annotations

import re
from dataclasses import dataclass

from chinese.normalize import normalize, simplified

from .dates import find_date
from .lines import DATELINE, Line

#: Lines signing an article: author, editor, source.
SIGNATURE = re.compile(r"^\(?(?:作者|编辑|责任编辑|来源|稿源|审核):")
#: Labelled fields of a date line or signature: 作者:记者徐可编辑:徐洁.
LABEL = re.compile(r"(责任编辑|编辑|作者|内容来源|来源|稿源|审核|浏览|点击|阅读|更新时间|发布时间|时间)\s*:")
AUTHOR_LABELS = frozenset({"作者"})
EDITOR_LABELS = frozenset({"责任编辑", "编辑"})
SOURCE_LABELS = frozenset({"来源", "稿源"})
#: Words that mark an unlabelled byline: 浙江日报记者 王国锋 余勤.
BYLINE_WORD = re.compile(r"记者|通讯员|作者")
#: A breadcrumb trail: 您的位置:蕭山網 > 新聞中心 > 正文.
BREADCRUMB = re.compile(r"^(?:您的|你的|当前|所在)位置:\s*(?P<trail>.+)$")
BREADCRUMB_SEPARATOR = re.compile(r"\s*[>›»/]\s*")
HOME_CRUMBS = frozenset({"首页", "网站首页", "home"})
#: A source name written right before the date: 新京报2023-04-15 15:32.
NAME_BEFORE_DATE = re.compile(r"^[\u4e00-\u9fff]{2,10}\s*$")


@dataclass
class Signature:
    """Author, editor and source as a page states them."""

    author: str = ""
    editor: str = ""
    source: str = ""

    def update(self, other: Signature) -> None:
        """Take every field ``other`` states."""
        self.author = other.author or self.author
        self.editor = other.editor or self.editor
        self.source = other.source or self.source


def read_labels(text: str) -> tuple[str, dict[str, str]]:
    """Unlabelled text before the first label, and each label's value (as written)."""
    key = normalize(text)
    matches = list(LABEL.finditer(key))
    if not matches:
        return text.strip(), {}
    values = {}
    for match, following in zip(matches, matches[1:] + [None]):
        end = following.start() if following else len(text)
        values.setdefault(match.group(1), text[match.end():end].strip())
    return text[:matches[0].start()].strip(), values


def read_signature(text: str) -> Signature:
    """Author, editor and source stated in a date line or signature line."""
    unlabelled, values = read_labels(text.strip("()（）"))
    signature = Signature()
    for label, value in values.items():
        if label in AUTHOR_LABELS:
            signature.author = signature.author or value
        elif label in EDITOR_LABELS:
            signature.editor = signature.editor or value
        elif label in SOURCE_LABELS:
            signature.source = signature.source or simplified(value)
    if not signature.author and BYLINE_WORD.search(normalize(unlabelled)):
        signature.author = unlabelled
    return signature


def read_date_line(line: Line) -> Signature:
    """Source, author and editor on the line that carries the date.

    A short name right before the date is the source (``新京报2023-04-15 15:32``).
    """
    found = find_date(line.text)
    before, after = line.text[:found[2].start()], line.text[found[2].end():]
    signature = read_signature(after)
    signature.update(read_signature(before))
    name = NAME_BEFORE_DATE.match(normalize(before))
    if name and not signature.source:
        signature.source = simplified(before.strip())
    return signature


def breadcrumb_source(lines: list[Line]) -> str:
    """The site named first in a breadcrumb trail, skipping a plain "home" crumb."""
    for line in lines:
        match = BREADCRUMB.match(line.key)
        if match:
            crumbs = BREADCRUMB_SEPARATOR.split(line.text[match.start("trail"):])
            for crumb in crumbs:
                if crumb and normalize(crumb) not in HOME_CRUMBS:
                    return simplified(crumb)
    return ""


def strip_dateline(paragraphs: list[str]) -> tuple[str, list[str]]:
    """(byline, paragraphs) with the dateline (本报讯(记者 …)) taken off the first paragraph."""
    match = DATELINE.match(normalize(paragraphs[0])) if paragraphs else None
    if not match:
        return "", paragraphs
    first = paragraphs[0]
    byline = first[match.start("byline"):match.end("byline")] if match.group("byline") else ""
    rest = first[match.end():].strip()
    return byline.strip(), ([rest] if rest else []) + paragraphs[1:]
