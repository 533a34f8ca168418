"""The lines of a captured page: cleaned, clutter dropped, and read as headings or paragraphs.

Patterns are matched on :func:`chinese.normalize.normalize` of a line (simplified,
half-width), which has the same length as the line, so one simplified pattern reads
traditional pages too and whatever is cut out is cut from the line as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cleaning import squash_whitespace, strip_pinyin_annotations
from chinese.normalize import CJK_CHAR, normalize

#: Longest line still read as a heading; a newspaper headline merged with its subtitle
#: by the capture is up to 50 characters.
MAX_HEADING_CHARS = 64

#: Share of Chinese characters that change under traditional -> simplified above which a
#: text is traditional. Traditional news text scores about 0.3; simplified text about 0.
TRADITIONAL_SHARE = 0.1

_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff]")

# Patterns below are matched on normalize(line): simplified characters, half-width
# punctuation (，：（） become ,:()), lower-case Latin letters.

#: A prompt to play a video; the line above it is the video's title.
VIDEO_PROMPT = re.compile(r"点击(?:观看|播放).{0,10}视频")
#: A continuation marker, on a line of its own or ending one: 加强应对重大(下转2版).
CONTINUATION = re.compile(r"\(?(?:上接|下转)第?\s*\d+\s*版\)?")
#: Lines that are never content.
CLUTTER_LINES = (
    re.compile(r"^[\[【][^\]】]{1,8}[\]】]$"),                                # [打印] [关闭]
    re.compile(r"^[\d\s]+$"),                                               # counters: 581, 0000
    re.compile(r"^(?:(?:登录|登陆|注册|联系我们|返回顶部|返回首页|打印本页|关闭窗口|收藏本文|分享到)\s*)+$"),
    VIDEO_PROMPT,
    re.compile(r"打开.{0,12}(?:查看|阅读)|下载.{0,12}(?:app|客户端)|立即下载|没看够|扫码|扫一扫"),
    re.compile(rf"^{CONTINUATION.pattern}$"),
)
#: A sentence ends with one of these, maybe inside closing quotes or brackets.
SENTENCE_END = re.compile(r"[。!?…][”’」』)\]]*$")
#: Punctuation inside a paragraph; a heading has none of it.
PARAGRAPH_MARK = re.compile(r"[。!?]")
#: A line that ends with these continues on the next line.
OPEN_END = re.compile(r"[,、;:]$")
#: A kicker ends with the verb of the speech its headline reports: …上强调.
SPEECH_VERB = re.compile(r"(?:强调|指出|表示|要求|提出|说)$")
#: A paragraph opening with a dateline and maybe a byline: 本报讯(记者 梦诗三祝 通讯员 金佩华).
DATELINE = re.compile(
    r"^(?:本报[^\s,。()]{0,10}讯|据?新华社[^\s,。()]{0,20}电)\s*(?:\((?P<byline>[^()]*)\))?"
)
CONTENTS_START = re.compile(r"^(?:本期)?导读$")
CONTENTS_POINTER = re.compile(r"详见\s*\d+\s*版")


@dataclass
class Line:
    """One non-clutter line of a page: its 1-based number and its cleaned text."""

    number: int
    text: str

    @property
    def key(self) -> str:
        """The text simplified and half-width, for matching; same length as ``text``."""
        return normalize(self.text)


@dataclass
class Headings:
    """The heading lines of one article."""

    title: str = ""
    kicker: str = ""
    subtitle: str = ""


def clean_line(raw: str) -> str:
    """``raw`` without pinyin readings, invisible characters, indentation and repeated spaces."""
    text = _INVISIBLE.sub("", strip_pinyin_annotations(raw))
    return _SPACES.sub(" ", text).strip()


def page_lines(text: str) -> list[Line]:
    """The non-blank, non-clutter lines of a page, cleaned.

    Drops :data:`CLUTTER_LINES`, the title of a video above its prompt, and a newspaper's
    contents box.
    """
    lines = [Line(n, clean_line(raw)) for n, raw in enumerate(text.splitlines(), start=1)]
    lines = [line for line in lines if line.text]
    lines = _drop_contents_box(lines)
    kept: list[Line] = []
    for line in lines:
        key = line.key
        if VIDEO_PROMPT.search(key) and kept and not is_paragraph(kept[-1].text):
            kept.pop()  # the video's title
        if not any(pattern.search(key) for pattern in CLUTTER_LINES):
            kept.append(line)
    return kept


def _drop_contents_box(lines: list[Line]) -> list[Line]:
    """``lines`` without a contents box: from ``导读`` to its last ``详见 N 版`` pointer."""
    start = next((i for i, line in enumerate(lines) if CONTENTS_START.match(line.key)), None)
    if start is None:
        return lines
    end = start
    for i in range(start + 1, len(lines)):
        if DATELINE.match(lines[i].key):
            break
        if CONTENTS_POINTER.search(lines[i].key):
            end = i
    return lines[:start] + lines[end + 1:]


def remove_matches(pattern: re.Pattern, text: str) -> str:
    """``text`` without the spans where ``pattern`` matches its normalized form."""
    key = normalize(text)
    kept, last = [], 0
    for match in pattern.finditer(key):
        kept.append(text[last:match.start()])
        last = match.end()
    kept.append(text[last:])
    return "".join(kept).strip()


def is_paragraph(text: str) -> bool:
    """Whether a line reads as running text rather than a heading."""
    key = normalize(text)
    return bool(PARAGRAPH_MARK.search(key) or OPEN_END.search(key)) or len(text) > MAX_HEADING_CHARS


def is_heading(line: Line) -> bool:
    """Whether a line may be a heading: short, no sentence in it, no dateline or marker."""
    key = line.key
    return not (is_paragraph(line.text) or DATELINE.match(key) or CONTINUATION.search(key))


def squash(text: str) -> str:
    """``text`` normalized and without whitespace, for comparing two renderings."""
    return normalize(squash_whitespace(text))


def script_of(text: str) -> str:
    """``traditional`` or ``simplified``: see :data:`TRADITIONAL_SHARE`."""
    chars = CJK_CHAR.findall(text)
    changed = sum(normalize(c) != c for c in chars)
    return "traditional" if chars and changed / len(chars) >= TRADITIONAL_SHARE else "simplified"


def join_broken_lines(paragraphs: list[str]) -> list[str]:
    """Rejoin paragraphs that print columns broke mid-sentence.

    A line that does not end a sentence (:data:`SENTENCE_END`) continues on the next line.
    """
    joined: list[str] = []
    for text in paragraphs:
        if joined and not SENTENCE_END.search(normalize(joined[-1])):
            joined[-1] += text
        else:
            joined.append(text)
    return joined
