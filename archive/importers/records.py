"""The plain record every importer produces, before it becomes an Article."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass
class ArticleRecord:
    """One article as read from a file: the fields of archive.models.Article, plus hints.

    ``published`` is a timezone-aware datetime (naive ones are read as Asia/Shanghai by the
    caller). ``line`` is where the record starts in its file, for error reports.
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
