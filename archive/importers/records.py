"""The plain record every importer produces, before it becomes an Article, and what all importers share."""
from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from chinese.normalize import strip_controls

#: The archive's wall time: a date without a zone or time of day is read here.
SHANGHAI = ZoneInfo("Asia/Shanghai")
#: The longest body an article may have: far above the longest real one (11,357 characters in
#: the 1998 corpus; a law runs to a few hundred thousand), far below what would stall a worker.
MAX_BODY_CHARS = 1_000_000

_DATELINE = re.compile(
    r"^(?:据?新华社[^，。（]{0,20}?电|本报[^，。（]{0,12}?讯|据本报[^，。（]{0,12}?电)"
    r"(?:（[^）]{0,20}）)?"
)
_SENTENCE_END = re.compile(r"[。！？]")


@dataclass
class ArticleRecord:
    """One article as read from a file: the fields of archive.models.Article, plus hints.

    ``published`` is a timezone-aware datetime (naive ones are read as Asia/Shanghai by the
    caller). ``path`` and ``line`` are where the record starts, for error reports.
    """

    source: str
    title: str
    body: str
    published: datetime.datetime
    kicker: str = ""
    subtitle: str = ""
    url: str = ""
    author: str = ""
    editor: str = ""
    issue: str = ""
    page: str = ""
    script: str = "simplified"
    external_id: str | None = None
    people: list[str] = field(default_factory=list)  # names the file marks as people
    places: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    line: int = 0
    path: str = ""


def cleaned(record: ArticleRecord) -> ArticleRecord:
    """The record without control characters in its text: they mean nothing in news, a
    database may refuse them (NUL) and a feed cannot carry them."""
    changes = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str) and f.name != "path":
            changes[f.name] = strip_controls(value)
        elif isinstance(value, list):
            changes[f.name] = [strip_controls(v) for v in value]
    return dataclasses.replace(record, **changes)


def derive_title(body: str, max_chars: int = 30) -> str:
    """Make a title for an article without a headline from the first sentence of its body.

    A leading dateline (本报讯, 新华社北京１月１０日电（记者某某）...) is skipped; a sentence
    longer than ``max_chars`` is cut and ends with "…".
    """
    first_line = body.strip().split("\n", 1)[0]
    text = _DATELINE.sub("", first_line) or first_line
    sentence = _SENTENCE_END.split(text, 1)[0] or text
    if len(sentence) > max_chars:
        return sentence[: max_chars - 1] + "…"
    return sentence
