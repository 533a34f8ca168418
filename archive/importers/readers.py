"""Reading import files into ArticleRecords, reporting what cannot be read and where.

Each reader yields ArticleRecord or Problem items, so one bad line or article is reported
and skipped while the rest of the file goes on.
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from . import pku1998
from .page import parse_page
from .records import SHANGHAI, ArticleRecord, derive_title

PEOPLES_DAILY = "人民日报"


@dataclass
class Problem:
    path: str
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class UnreadableFile(ValueError):
    pass


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK); binary data is refused."""
    if not data.strip():
        raise UnreadableFile("the file is empty")
    if b"\x00" in data[:4096]:
        raise UnreadableFile("the file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise UnreadableFile(
                f"neither UTF-8 nor GBK text (byte {utf8_error.start} is not UTF-8)"
            ) from None


def detect_format(path: Path, text: str) -> str:
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return "jsonl"
    first = next((line for line in text.splitlines() if line.strip()), "")
    if pku1998.opens_paragraph(first):
        return "pku1998"
    return "page"


def read_pku1998(path: str, text: str, source: str | None = None):
    """Records of the People's Daily corpus.

    An article with a malformed line is reported and left out whole (a line without an id
    belongs to the article before it), so no article is imported half.
    """
    parsed, bad, current = [], {}, None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if pku1998.opens_paragraph(line):
            current = pku1998.article_id_of(line)
        try:
            parsed.append((number, pku1998.parse_line(line, number)))
        except ValueError as error:
            bad.setdefault(current, (number, str(error)))
    for article_id, (number, error) in bad.items():
        yield Problem(path, number, f"article {article_id or '?'} left out: {error}")
    good = [(number, p) for number, p in parsed if p.article_id not in bad]
    first_line = {}
    for number, paragraph in good:
        first_line.setdefault(paragraph.article_id, number)
    for article in pku1998.articles_of(p for _, p in good):
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
            line=first_line.get(article.external_id, 0),
        )


JSONL_FIELDS = ("title", "body", "published", "source")


def read_jsonl(path: str, text: str, default_source: str | None = None):
    """One JSON object per line: title, body, published (ISO 8601), source, url, author, external_id."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
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


def read_page(path: str, text: str, default_source: str | None = None):
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
        text = decode(path.read_bytes())
    except (OSError, UnreadableFile) as error:
        yield Problem(str(path), 0, str(error))
        return
    fmt = detect_format(path, text) if fmt == "auto" else fmt
    if fmt == "pku1998":
        yield from read_pku1998(str(path), text, source)
    elif fmt == "jsonl":
        yield from read_jsonl(str(path), text, source)
    else:
        yield from read_page(str(path), text, source)
