"""The publication date a page states: ``2020-07-03 10:14:23``, ``2023-04-15 15:32``, ``2020年6月12日``."""
from __future__ import annotations

import datetime
import re

from chinese.normalize import normalize

from ..records import SHANGHAI
from .lines import Line

DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)"
    r"\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
)


def find_date(text: str) -> tuple[datetime.datetime, bool, re.Match] | None:
    """The first valid date in ``text``: (datetime, whether it has a time, match on the key)."""
    for match in DATE.finditer(normalize(text)):
        parts = match.groupdict()
        try:
            value = datetime.datetime(
                int(parts["y"]), int(parts["m"]), int(parts["d"]),
                int(parts["H"] or 0), int(parts["M"] or 0), int(parts["S"] or 0), tzinfo=SHANGHAI,
            )
        except ValueError:
            continue
        return value, parts["H"] is not None, match
    return None


def page_date(lines: list[Line], name: str) -> datetime.datetime:
    """The publication date: the first date with a time, else the first date."""
    dates = [found for found in (find_date(line.text) for line in lines) if found]
    if not dates:
        raise ValueError(
            f"{name}: no publication date found (looked for a date such as "
            f"2020-07-03 10:14:23 or 2020年6月12日)"
        )
    timed = [value for value, has_time, _ in dates if has_time]
    return timed[0] if timed else dates[0][0]


def has_date(line: Line, published: datetime.datetime) -> bool:
    """Whether ``line`` carries the publication date (and time) itself."""
    found = find_date(line.text)
    return bool(found) and found[0] == published
