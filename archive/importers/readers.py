"""Reading import files into ArticleRecords, reporting what cannot be read and where.

Each reader yields ArticleRecord or Problem items, so one bad line or article is reported
and skipped while the rest of the file goes on.
"""
from __future__ import annotations

import codecs
import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import pku1998
from .page import parse_page
from .records import MAX_BODY_CHARS, SHANGHAI, ArticleRecord, derive_title

PEOPLES_DAILY = "人民日报"
# A line longer than this is refused unread (and so is its record): an article at its longest,
# with every character written as a \uXXXX escape, and room for the other fields.
MAX_LINE_CHARS = 6 * MAX_BODY_CHARS + 100_000
# A captured page longer than this is refused unread: a newspaper issue of several articles at
# their longest. Cleaning a page costs time and memory in proportion to its length.
MAX_PAGE_CHARS = 4 * MAX_BODY_CHARS
_OTHER_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@dataclass
class Problem:
    path: str
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class UnreadableFile(ValueError):
    pass


def decode(data: bytes):
    """The text of a file, and {line number: reason} for the lines that could not be read.

    The encoding is decided on evidence: UTF-8 (with or without BOM), unless most lines that
    are not plain ASCII fail as UTF-8, as every line of Chinese in a GBK file does; then
    GB18030 (a superset of GBK). A line that fails in the chosen encoding is in the text with
    U+FFFD for what failed, and in the reasons: the readers leave out what it belongs to and
    read the rest, so one damaged character, or a file cut in the middle of one, costs a
    record, not the file. Binary data is refused.
    """
    if not data.strip():
        raise UnreadableFile("the file is empty")
    if b"\x00" in data[:4096]:
        raise UnreadableFile("the file is binary, not text")
    lines = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
    not_ascii = [line for line in lines if not line.isascii()]
    failing = sum(1 for line in not_ascii if not _decodes(line, "utf-8"))
    encoding = "gb18030" if 2 * failing > len(not_ascii) else "utf-8"
    texts, unreadable = [], {}
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode(encoding)
        except UnicodeDecodeError as error:
            label = "UTF-8" if encoding == "utf-8" else "GBK"
            unreadable[number] = f"not {label} text at byte {error.start + 1} of line {number}"
            text = line.decode(encoding, errors="replace")
        # other line breaks would shift the readers' line numbers (str.splitlines)
        texts.append(_OTHER_LINE_BREAKS.sub(" ", text.removesuffix("\r")))
    if len(unreadable) == sum(1 for line in lines if line.strip()):
        raise UnreadableFile("neither UTF-8 nor GBK text")
    return "\n".join(texts), unreadable


def _too_long(line):
    return f"the line has {len(line):,} characters, more than a record may have ({MAX_LINE_CHARS:,})"


def _decodes(line, encoding):
    try:
        line.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def detect_format(path: Path, text: str) -> str:
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return "jsonl"
    first = next((line for line in text.splitlines() if line.strip()), "")
    if pku1998.opens_paragraph(first):
        return "pku1998"
    return "page"


def read_pku1998(path: str, text: str, source: str | None = None, unreadable=None):
    """Records of the People's Daily corpus, read an article at a time: the tagged words of a
    paragraph take ten times the memory of its text, so a whole file's would not fit.

    An article with a malformed or unreadable line is reported and left out whole (a line
    without an id belongs to the article before it), so no article is imported half.
    """
    unreadable = unreadable or {}
    for article_id, lines in _article_lines(text):
        paragraphs, bad = [], None
        for number, line in lines:
            if number in unreadable:
                bad = (number, unreadable[number])
            elif len(line) > MAX_LINE_CHARS:
                bad = (number, _too_long(line))
            else:
                try:
                    paragraphs.append(pku1998.parse_line(line, number))
                except ValueError as error:
                    bad = (number, str(error))
            if bad:
                break
        if bad:
            yield Problem(path, bad[0], f"article {article_id or '?'} left out: {bad[1]}")
            continue
        for article in pku1998.articles_of(paragraphs):
            yield ArticleRecord(
                source=source or PEOPLES_DAILY,
                title=article.title or derive_title(article.body),
                body=article.body,
                published=datetime.datetime.combine(article.date, datetime.time(), tzinfo=SHANGHAI),
                author="、".join(article.authors),
                page=str(article.page),
                external_id=article.external_id,
                people=sorted({hit.name for hit in article.people}),
                places=article.places,
                organizations=article.organizations,
                line=lines[0][0],
            )


def _article_lines(text):
    """(article id, [(line number, line)]) for each run of lines of one article, in order."""
    current, lines = None, []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if pku1998.opens_paragraph(line) and pku1998.article_id_of(line) != current:
            if lines:
                yield current, lines
            current, lines = pku1998.article_id_of(line), []
        lines.append((number, line))
    if lines:
        yield current, lines


JSONL_FIELDS = ("title", "body", "published", "source")


def read_jsonl(path: str, text: str, default_source: str | None = None, unreadable=None):
    """One JSON object per line: title, body, published (ISO 8601), source, url, author, external_id."""
    unreadable = unreadable or {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if number in unreadable:
            yield Problem(path, number, f"{unreadable[number]}: line left out")
            continue
        if len(line) > MAX_LINE_CHARS:
            yield Problem(path, number, _too_long(line))
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not a JSON object")
            item.setdefault("source", default_source)
            missing = [f for f in JSONL_FIELDS if not item.get(f)]
            if missing:
                raise ValueError("missing " + ", ".join(missing))
            published = datetime.datetime.fromisoformat(str(item["published"]))
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            yield Problem(path, number, str(error))
            continue
        if published.tzinfo is None:
            published = published.replace(tzinfo=SHANGHAI)
        try:
            published.astimezone(datetime.timezone.utc)  # what the database stores
        except OverflowError:
            yield Problem(path, number, f"published: {item['published']} is out of range")
            continue
        yield ArticleRecord(
            source=str(item["source"]),
            title=str(item["title"]).strip(),
            body=str(item["body"]).strip(),
            published=published,
            url=str(item.get("url") or ""),
            author=str(item.get("author") or ""),
            external_id=str(item["external_id"]) if item.get("external_id") else None,
            line=number,
        )


def read_page(path: str, text: str, default_source: str | None = None, unreadable=None):
    if unreadable:  # a page is one document: never imported with a hole in it
        for number, reason in unreadable.items():
            yield Problem(path, number, f"{reason}: the page is left out")
        return
    if len(text) > MAX_PAGE_CHARS:
        yield Problem(path, 0, f"the page has {len(text):,} characters, more than a page may have ({MAX_PAGE_CHARS:,})")
        return
    try:
        records = parse_page(text, filename=path)
    except ValueError as error:
        yield Problem(path, 0, str(error))
        return
    for record in records:
        if default_source:
            record.source = default_source
        yield record


def read_file(path: Path, fmt: str = "auto", source: str | None = None):
    """ArticleRecords and Problems from one file."""
    try:
        text, unreadable = decode(path.read_bytes())
    except (OSError, UnreadableFile) as error:
        yield Problem(str(path), 0, str(error))
        return
    fmt = detect_format(path, text) if fmt == "auto" else fmt
    reader = {"pku1998": read_pku1998, "jsonl": read_jsonl}.get(fmt, read_page)
    for item in reader(str(path), text, source, unreadable):
        if isinstance(item, ArticleRecord):
            item.path = str(path)
        yield item
