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


class TextLines:
    """The lines of a text file, read from it as they are asked for: (line number, text, why it
    could not be read or None). Memory does not grow with the file's size.

    The encoding is decided on evidence, in a first pass over the file: UTF-8 (with or without
    BOM), unless most lines that are not plain ASCII fail as UTF-8, as every line of Chinese in
    a GBK file does; then GB18030 (a superset of GBK). A line that fails in the chosen encoding
    comes with U+FFFD for what failed, and a reason: the readers leave out what it belongs to
    and read the rest, so one damaged character, or a file cut in the middle of one, costs a
    record, not the file. An empty or binary file, or one that neither encoding reads, is
    refused (UnreadableFile) when the TextLines is made.
    """

    def __init__(self, path: Path):
        self.path = path
        with open(path, "rb") as f:
            if b"\x00" in f.read(4096):
                raise UnreadableFile("the file is binary, not text")
        not_ascii = failing_utf8 = failing_gbk = filled = 0
        for _, line in self._raw():
            filled += bool(line.strip())
            if not line.isascii():
                not_ascii += 1
                failing_utf8 += not _decodes(line, "utf-8")
                failing_gbk += not _decodes(line, "gb18030")
        if not filled:
            raise UnreadableFile("the file is empty")
        self.encoding = "gb18030" if 2 * failing_utf8 > not_ascii else "utf-8"
        if (failing_gbk if self.encoding == "gb18030" else failing_utf8) == filled:
            raise UnreadableFile("neither UTF-8 nor GBK text")
        self.first = next((text for _, text, _ in self if text.strip()), "")  # the first line not blank

    def _raw(self):
        """(number, bytes) of each line, as ``bytes.split(b"\\n")`` numbers them."""
        number, read = 0, b"\n"
        with open(self.path, "rb") as f:
            for number, read in enumerate(f, start=1):
                line = read.removesuffix(b"\n")
                yield number, line.removeprefix(codecs.BOM_UTF8) if number == 1 else line
        if read.endswith(b"\n"):  # the empty line after the last line break
            yield number + 1, b""

    def __iter__(self):
        label = "UTF-8" if self.encoding == "utf-8" else "GBK"
        for number, line in self._raw():
            reason = None
            try:
                text = line.decode(self.encoding)
            except UnicodeDecodeError as error:
                reason = f"not {label} text at byte {error.start + 1} of line {number}"
                text = line.decode(self.encoding, errors="replace")
            yield number, _clean(text), reason


def _clean(line):
    # other line breaks would split the line in two for str.splitlines (a page's parser)
    return _OTHER_LINE_BREAKS.sub(" ", line.removesuffix("\r"))


def _too_long(line):
    return f"the line has {len(line):,} characters, more than a record may have ({MAX_LINE_CHARS:,})"


def _decodes(line, encoding):
    try:
        line.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def detect_format(path: Path, first_line: str) -> str:
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return "jsonl"
    if pku1998.opens_paragraph(first_line):
        return "pku1998"
    return "page"


def read_pku1998(path: str, lines, source: str | None = None):
    """Records of the People's Daily corpus, read an article at a time: the tagged words of a
    paragraph take ten times the memory of its text, so a whole file's would not fit.

    An article with a malformed or unreadable line is reported and left out whole (a line
    without an id belongs to the article before it), so no article is imported half.
    """
    seen, left_out = set(), set()  # the ids of the articles read, and of those left out
    for article_id, numbered in _article_lines(lines):
        if article_id in left_out:  # more of an article left out (its lines are apart): no half
            continue
        paragraphs, bad = [], None
        for number, line, unreadable in numbered:
            if unreadable:
                bad = (number, unreadable)
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
            left_out.add(article_id)
            imported = " (the part of it earlier in the file was read)" if article_id in seen else ""
            yield Problem(path, bad[0], f"article {article_id or '?'} left out{imported}: {bad[1]}")
            continue
        seen.add(article_id)
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
                line=numbered[0][0],
            )


def _article_lines(lines):
    """(article id, [(line number, line, why unreadable)]) for each run of lines of one article."""
    current, numbered = None, []
    for number, line, unreadable in lines:
        if not line.strip():
            continue
        if pku1998.opens_paragraph(line) and pku1998.article_id_of(line) != current:
            if numbered:
                yield current, numbered
            current, numbered = pku1998.article_id_of(line), []
        numbered.append((number, line, unreadable))
    if numbered:
        yield current, numbered


JSONL_FIELDS = ("title", "body", "published", "source")


def read_jsonl(path: str, lines, default_source: str | None = None):
    """One JSON object per line: title, body, published (ISO 8601), source, url, author, external_id."""
    for number, line, unreadable in lines:
        if not line.strip():
            continue
        if unreadable:
            yield Problem(path, number, f"{unreadable}: line left out")
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


def read_page(path: str, lines, default_source: str | None = None):
    kept, length, unreadable = [], -1, []
    for number, line, reason in lines:
        if reason:
            unreadable.append((number, reason))
        length += len(line) + 1
        if length <= MAX_PAGE_CHARS:  # beyond it, only counted
            kept.append(line)
    if unreadable:  # a page is one document: never imported with a hole in it
        for number, reason in unreadable:
            yield Problem(path, number, f"{reason}: the page is left out")
        return
    if length > MAX_PAGE_CHARS:
        yield Problem(path, 0, f"the page has {length:,} characters, more than a page may have ({MAX_PAGE_CHARS:,})")
        return
    try:
        records = parse_page("\n".join(kept), filename=path)
    except ValueError as error:
        yield Problem(path, 0, str(error))
        return
    for record in records:
        if default_source:
            record.source = default_source
        yield record


def read_file(path: Path, fmt: str = "auto", source: str | None = None):
    """ArticleRecords and Problems from one file, read a line at a time (TextLines)."""
    try:
        lines = TextLines(path)
    except (OSError, UnreadableFile) as error:
        yield Problem(str(path), 0, str(error))
        return
    fmt = detect_format(path, lines.first) if fmt == "auto" else fmt
    reader = {"pku1998": read_pku1998, "jsonl": read_jsonl}.get(fmt, read_page)
    try:
        for item in reader(str(path), lines, source):
            if isinstance(item, ArticleRecord):
                item.path = str(path)
            yield item
    except OSError as error:  # the file went away or failed while it was read
        yield Problem(str(path), 0, str(error))
