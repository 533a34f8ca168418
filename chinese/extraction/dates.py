"""When a report says a thing happened: its dateline, and the dates a sentence gives.

``新华社北京1月5日电``, ``本报北京十二月三十一日讯``: the place and date of the report; a
sentence may say otherwise (``本月20日``, ``昨天``, ``今天``, ``5日``). Texts are normalized
(chinese.normalize), so full-width digits are ASCII already.
"""
import datetime
import re
from dataclasses import dataclass

_NUMBER = r"[0-9〇零一二三四五六七八九十]{1,3}"
DATELINE = re.compile(
    r"(?:据)?(?:新华社|本报|中新社|人民日报)(?:驻[^\s,。()]{1,8}?记者)?(?P<place>[\u4e00-\u9fff]{2,8}?)"
    rf"(?P<month>{_NUMBER})月(?P<day>{_NUMBER})日(?:专?电|讯)"
)
#: Where a dateline may stand: at the start of one of the first paragraphs.
DATELINE_PARAGRAPHS = 4
_EXPLICIT = re.compile(rf"(?:(?P<year>(?:19|20)\d\d)年)?(?:(?P<this_month>本月)|(?P<month>{_NUMBER})月)?(?P<day>{_NUMBER})日")
_RELATIVE = {"今天": 0, "今日": 0, "当天": 0, "当日": 0, "同日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1}
_RELATIVE_WORD = re.compile("|".join(_RELATIVE))
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DIGITS.update({str(d): d for d in range(10)})


def number(text):
    """The value of a small number written in digits or Chinese numerals: 12, 十二, 三十一."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(units, 0) if units else 0)
    value = 0
    for ch in text:
        value = value * 10 + _DIGITS[ch]
    return value


@dataclass(frozen=True)
class Dateline:
    place: str
    date: datetime.date
    start: int
    end: int


def _date_near(reference, month, day):
    """The date with this month and day closest before or at ``reference`` (a report from
    January speaks of December of the year before)."""
    for year in (reference.year, reference.year - 1, reference.year + 1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            continue
        if candidate <= reference + datetime.timedelta(days=31):
            return candidate
    return None


def find_dateline(text, published):
    """The report's dateline in the first paragraphs of ``text`` (normalized), or None."""
    offset = 0
    for paragraph in text.split("\n")[:DATELINE_PARAGRAPHS]:
        match = DATELINE.search(paragraph[:80])
        if match:
            date = _date_near(published, number(match["month"]), number(match["day"]))
            if date is not None:
                return Dateline(match["place"], date, offset + match.start(), offset + match.end())
        offset += len(paragraph) + 1
    return None


def sentence_date(sentence, reference):
    """The date a sentence gives for what it tells, relative to ``reference`` (the dateline's
    date, else the publication date); None when it gives none."""
    relative = _RELATIVE_WORD.search(sentence)
    explicit = _EXPLICIT.search(sentence)
    if explicit and (relative is None or explicit.start() < relative.start()):
        day = number(explicit["day"])
        if explicit["month"]:
            month = number(explicit["month"])
        else:
            month = reference.month
        if explicit["year"]:
            try:
                return datetime.date(int(explicit["year"]), month, day)
            except ValueError:
                return None
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if not explicit["month"] and not explicit["this_month"] and day > reference.day:
            month = 12 if reference.month == 1 else reference.month - 1  # "28日" in an early-month report
        return _date_near(reference, month, day)
    if relative:
        return reference + datetime.timedelta(days=_RELATIVE[relative.group()])
    return None
