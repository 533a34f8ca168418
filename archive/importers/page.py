"""Parser for captured news pages: a web article, or a newspaper issue holding several.

:func:`parse_page` takes a page as plain text (as captured from the browser) or as HTML,
and returns one :class:`ArticleRecord` per article. No Django is needed.

How a page is read:

* **Lines.** HTML is first reduced to text, one line per block element, without
  ``head``, ``script``, ``style``, ``nav`` and ``footer``. Every line loses pinyin readings
  (``網(wǎng)`` -> ``網``), its indentation and repeated spaces. Patterns are matched on
  :func:`search.analysis.normalize` of a line (simplified, half-width), which has the
  same length as the line, so one simplified pattern reads traditional pages too and
  whatever is cut out is cut from the line as written.
* **Clutter** is dropped wherever it stands: counters, UI words, video and app prompts
  (with the video's own title above a prompt), continuation markers (``下转2版``) and a
  newspaper's contents box (``导读`` ... ``详见 3 版``). Breadcrumbs, the date line and
  everything else above the headline never reach a body; a breadcrumb names the source.
* **Source**, in order of preference: a ``来源:`` label (in traditional or simplified),
  a name right before the date (``新京报2023-04-15``), the first crumb of a breadcrumb
  trail, a newspaper's masthead; always in simplified characters, as sources are stored.
* **Author and editor** come from ``作者:``/``编辑:``/``责任编辑:`` labels, an unlabelled
  byline on the date line (``浙江日报记者 王国锋 …``) or a dateline (``本报讯(记者 …)``);
  the signature after the article wins over the date line (which may show a CMS login).
* **Date.** The first date with a time of day, else the first date (``2020-07-03 10:14:23``,
  ``2023-04-15 15:32``, ``2020年6月12日``), in Asia/Shanghai; a date alone is midnight.
* **Web page.** The article's date line is the last line carrying that date before the end
  of the article; the title is the line above it. Heading lines between the date line and
  the first paragraph are the print headline: lines that repeat the title are dropped,
  a line before them is the kicker (引题), a line after them the subtitle (副题). The body
  runs from the first paragraph to the first signature line (``作者:``, ``编辑:``,
  ``来源:``, ``责任编辑:``) or the first line of the page's tail (hot links, comments,
  disclaimers).
* **Newspaper issue** (the page states an issue number, ``第23期``): every article starts
  with a dateline paragraph (``本报讯(记者 … 通讯员 …)``); the heading lines right above
  it are its kicker, title and subtitle. The masthead names the source. See
  :func:`parse_issue` for the rules that undo the print layout.
* **Photos.** A caption written twice (an image's alt text and caption) is dropped; a
  photo credit (``全媒体记者 高洁 摄``) is cut off its caption, and a caption that is
  only a credit, or repeats a caption shown before, is dropped.
* **Script.** ``traditional`` when at least :data:`TRADITIONAL_SHARE` of the Chinese
  characters change under the traditional -> simplified table.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from archive.cleaning import squash_whitespace, strip_pinyin_annotations
from search.analysis import normalize

from .pku1998 import derive_title
from .records import ArticleRecord

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: Longest line still read as a heading; a newspaper headline merged with its subtitle
#: by the capture is up to 50 characters.
MAX_HEADING_CHARS = 64

#: Share of Chinese characters that change under traditional -> simplified above which a
#: text is traditional. Traditional news text scores about 0.3; simplified text about 0.
TRADITIONAL_SHARE = 0.1

#: Shortest caption text that another caption may repeat as its beginning.
MIN_REPEATED_CAPTION = 10

# --- HTML ---------------------------------------------------------------------------------

#: Elements whose text is not part of the page's content.
SKIPPED_ELEMENTS = frozenset({"head", "script", "style", "nav", "footer", "noscript", "template"})
#: Elements that start a new line.
BLOCK_ELEMENTS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
})
_HTML_TAG = re.compile(
    r"<\s*(?:html|body|div|p|br|h[1-6]|article|section|table|span)\b[^>]*>", re.IGNORECASE
)
_HTML_SPACE = re.compile(r"[ \t\r\n]+")

# --- Lines --------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff]")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

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
#: First lines of what follows an article on a web page: link lists, comments, disclaimers.
TAIL_START = re.compile(
    r"^[•·●▪■\-\s]*(?:热门评论|热门推荐|热点推荐|评论列表|网友评论|发表评论|相关阅读|相关新闻"
    r"|相关文章|推荐阅读|猜你喜欢|上周热点|声明:|免责声明|版权所有|copyright|注:本站)"
)
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

DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)"
    r"\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
)

#: A sentence ends with one of these, maybe inside closing quotes or brackets.
SENTENCE_END = re.compile(r"[。!?…][”’」』)\]]*$")
#: Punctuation inside a paragraph; a heading has none of it.
PARAGRAPH_MARK = re.compile(r"[。!?]")
#: A line that ends with these continues on the next line.
OPEN_END = re.compile(r"[,、;:]$")
#: A kicker ends with the verb of the speech its headline reports: …上强调.
SPEECH_VERB = re.compile(r"(?:强调|指出|表示|要求|提出|说)$")

PHOTO_CREDIT = re.compile(
    r"[^\s。,;!?]*(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff·]{2,4}(?:[\s、]+[\u4e00-\u9fff·]{2,4})*\s*摄$"
)
DOUBLED = re.compile(r"^(?P<once>.{4,}?)\s+(?P=once)$")

# --- Newspaper issues ---------------------------------------------------------------------

ISSUE = re.compile(r"^(?:第(?P<no>\d+)期)?\s*\(?(?:总第(?P<total>\d+)期)?\)?$")
PAGE_LABEL = re.compile(r"^第\s*(?P<page>\d+)\s*版")
#: A paragraph opening with a dateline and maybe a byline: 本报讯(记者 梦诗三祝 通讯员 金佩华).
DATELINE = re.compile(
    r"^(?:本报[^\s,。()]{0,10}讯|据?新华社[^\s,。()]{0,20}电)\s*(?:\((?P<byline>[^()]*)\))?"
)
LUNAR_DATE = re.compile(r"^[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年")   # 庚子年四月廿一
#: Header lines of a newspaper's front page, none of them part of an article.
MASTHEAD_LINES = (
    re.compile(r"^(?:第\d+期|总第\d+期)"),
    re.compile(r"^本期\d+版"),
    re.compile(r"热线\s*:"),                                                  # 新闻热线: 88259745
    re.compile(r"(?:主办|承办)$|主办\s"),                                      # publisher
    LUNAR_DATE,
    re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(?:\s*(?:星期|周)[一二三四五六日天])?$"),  # issue date
)
MASTHEAD_NAME = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
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


@dataclass
class _IssueArticle:
    """An article of a newspaper issue while the issue is being split."""

    headings: list[Line]
    body: list[Line]
    kicker: str = ""
    paragraphs: list[str] = field(default_factory=list)


# --- Entry point --------------------------------------------------------------------------


def parse_page(text: str, filename: str = "") -> list[ArticleRecord]:
    """The articles of a captured news page (plain text or HTML), in page order.

    Raises ``ValueError`` naming what is missing when the page is empty or has no date,
    no title or no article text.
    """
    name = filename or "page"
    if _HTML_TAG.search(text):
        text = html_to_text(text)
    lines = page_lines(text)
    if not lines:
        raise ValueError(f"{name}: the page is empty")
    published = page_date(lines, name)
    if is_newspaper_issue(lines):
        return parse_issue(lines, published, name)
    return [parse_web_page(lines, published, name)]


# --- Text and lines -----------------------------------------------------------------------


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML page, a newline at every block element's edges."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self._skipping.clear()  # an unclosed <head> ends where the body starts
        elif tag in SKIPPED_ELEMENTS:
            self._skipping.append(tag)
        if tag in BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
        if tag in BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(_HTML_SPACE.sub(" ", data))


def html_to_text(html: str) -> str:
    """The visible text of ``html``: one line per block, without head, scripts, nav, footer."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return "".join(extractor.parts)


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


def to_simplified(name: str) -> str:
    """``name`` with its Chinese characters simplified; other characters as written."""
    simplified = normalize(name)
    return "".join(s if _CJK_CHAR.match(c) else c for c, s in zip(name, simplified))


def script_of(text: str) -> str:
    """``traditional`` or ``simplified``: see :data:`TRADITIONAL_SHARE`."""
    chars = _CJK_CHAR.findall(text)
    changed = sum(normalize(c) != c for c in chars)
    return "traditional" if chars and changed / len(chars) >= TRADITIONAL_SHARE else "simplified"


# --- Dates --------------------------------------------------------------------------------


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


def _has_date(line: Line, published: datetime.datetime) -> bool:
    """Whether ``line`` carries the publication date (and time) itself."""
    found = find_date(line.text)
    return bool(found) and found[0] == published


# --- Signatures ---------------------------------------------------------------------------


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
            signature.source = signature.source or to_simplified(value)
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
        signature.source = to_simplified(before.strip())
    return signature


def breadcrumb_source(lines: list[Line]) -> str:
    """The site named first in a breadcrumb trail, skipping a plain "home" crumb."""
    for line in lines:
        match = BREADCRUMB.match(line.key)
        if match:
            crumbs = BREADCRUMB_SEPARATOR.split(line.text[match.start("trail"):])
            for crumb in crumbs:
                if crumb and normalize(crumb) not in HOME_CRUMBS:
                    return to_simplified(crumb)
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


# --- Bodies -------------------------------------------------------------------------------


class CaptionFilter:
    """Decides which photo captions stay in a body; remembers the captions seen on the page."""

    def __init__(self):
        self.seen: list[str] = []

    def clean(self, text: str) -> str | None:
        """``text`` without a photo credit; ``None`` when the line is to be dropped.

        Dropped: a caption written twice (alt text and caption), a line that only credits
        a photo, and a caption that repeats one seen before (the same photo shown again).
        """
        key = normalize(text)
        if DOUBLED.match(key):
            return None
        if not PHOTO_CREDIT.search(key):
            return text
        caption = remove_matches(PHOTO_CREDIT, text)
        if not caption or self._repeats(caption):
            return None
        self.seen.append(caption)
        return caption

    def remember(self, text: str) -> None:
        """Note a caption shown outside the body (above the headline)."""
        key = normalize(text)
        if PHOTO_CREDIT.search(key):
            caption = remove_matches(PHOTO_CREDIT, text)
            if caption:
                self.seen.append(caption)

    def _repeats(self, caption: str) -> bool:
        """Whether ``caption`` and a caption seen before begin the same way."""
        new = _caption_key(caption)
        for old in map(_caption_key, self.seen):
            shorter, longer = sorted((new, old), key=len)
            if len(shorter) >= MIN_REPEATED_CAPTION and longer.startswith(shorter):
                return True
        return False


def _caption_key(caption: str) -> str:
    """A caption squashed, without its closing punctuation."""
    return squash(caption).rstrip("。.!?")


def is_caption(text: str) -> bool:
    """Whether a line is a photo caption: written twice, or ending with a photo credit."""
    key = normalize(text)
    return bool(DOUBLED.match(key) or PHOTO_CREDIT.search(key))


def clean_body(lines: list[Line], title: str, captions: CaptionFilter) -> list[str]:
    """The paragraphs of a body: no continuation markers, no repeated title, captions filtered."""
    paragraphs = []
    for line in lines:
        text = remove_matches(CONTINUATION, line.text)
        if not text or squash(text) == squash(title):
            continue
        text = captions.clean(text)
        if text:
            paragraphs.append(text)
    return paragraphs


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


# --- Web pages ----------------------------------------------------------------------------


def parse_web_page(lines: list[Line], published: datetime.datetime, name: str) -> ArticleRecord:
    """The one article of a web page; see the module docstring for the layout read."""
    first_dated = next(i for i, line in enumerate(lines) if _has_date(line, published))
    tail = next(
        (i for i in range(first_dated, len(lines)) if TAIL_START.search(lines[i].key)), len(lines)
    )
    date_index = max(i for i in range(first_dated, tail) if _has_date(lines[i], published))
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


# --- Newspaper issues ---------------------------------------------------------------------


def is_newspaper_issue(lines: list[Line]) -> bool:
    """Whether the page is a newspaper issue: a line states its issue number."""
    return any(_issue_match(line) for line in lines)


def _issue_match(line: Line) -> re.Match | None:
    match = ISSUE.match(line.key)
    return match if match and (match.group("no") or match.group("total")) else None


def parse_issue(lines: list[Line], published: datetime.datetime, name: str) -> list[ArticleRecord]:
    """The articles of a newspaper issue.

    Rules that undo the print layout:

    * an article starts at a dateline paragraph (本报讯…); the heading lines right above
      it are its headings, the lines down to the next article's headings its body;
    * a line between two articles that could be either's kicker (the first of several
      heading lines) goes to the one it shares the longest run of text with;
    * heading lines: one is the title, unless a space outside quotes joins the title and
      the subtitle the capture put on one line; two are title and subtitle (kicker and
      title when the first ends with a speech verb); three are kicker, title, subtitle;
    * lines the columns broke mid-sentence are joined (:func:`join_broken_lines`);
    * an article whose headline the capture lost gets one from its first sentence.

    Each article has the issue's date, number and page; the masthead is the source.
    """
    datelines = [i for i, line in enumerate(lines) if DATELINE.match(line.key)]
    if not datelines:
        return [parse_web_page(lines, published, name)]
    starts = [_heading_start(lines, i, floor) for i, floor in zip(datelines, [-1] + datelines)]
    ends = starts[1:] + [len(lines)]
    articles = [
        _IssueArticle(lines[start:dateline], lines[dateline:end])
        for start, dateline, end in zip(starts, datelines, ends)
    ]
    captions = CaptionFilter()
    for article in articles:
        article.paragraphs = join_broken_lines(clean_body(article.body, "", captions))
    _assign_kickers(articles)

    head = lines[:starts[0]]
    issue, page = issue_of(head), page_of(head)
    source = masthead(head)
    records = []
    for article in articles:
        byline, paragraphs = strip_dateline(article.paragraphs)
        body = "\n".join(paragraphs)
        headings = issue_headings([line.text for line in article.headings])
        title = headings.title or derive_title(body)
        records.append(ArticleRecord(
            source=source,
            title=title,
            kicker=article.kicker or headings.kicker,
            subtitle=headings.subtitle,
            body=body,
            published=published,
            author=byline,
            issue=issue,
            page=page,
            script=script_of(title + body),
            line=(article.headings or article.body)[0].number,
        ))
    return records


def _heading_start(lines: list[Line], dateline: int, floor: int) -> int:
    """Where the heading lines above ``dateline`` start (== ``dateline`` when it has none)."""
    start = dateline
    while start - 1 > floor:
        above = lines[start - 1]
        if not is_heading(above) or is_masthead_line(above):
            break
        start -= 1
    return start


def is_masthead_line(line: Line) -> bool:
    """Whether a line belongs to a front page's header (issue, date, hotline, publisher)."""
    return any(pattern.search(line.key) for pattern in MASTHEAD_LINES)


def _assign_kickers(articles: list[_IssueArticle]) -> None:
    """Give a kicker line between two articles to the one whose text it shares most with.

    The first of several heading lines may be the next article's kicker or a label of the
    article above, which the capture put after that article's text. Ties stay below.
    """
    for previous, article in zip(articles, articles[1:]):
        if len(article.headings) < 2:
            continue
        label = article.headings[0].text
        above = "".join(line.text for line in previous.headings) + "".join(previous.paragraphs)
        below = "".join(line.text for line in article.headings[1:]) + "".join(article.paragraphs)
        if longest_common_run(label, above) > longest_common_run(label, below):
            previous.kicker = label
            article.headings = article.headings[1:]


def longest_common_run(short: str, long: str) -> int:
    """Length of the longest run of characters of ``short`` (squashed) found in ``long``."""
    short, long = squash(short), squash(long)
    for size in range(len(short), 0, -1):
        if any(short[i:i + size] in long for i in range(len(short) - size + 1)):
            return size
    return 0


def issue_headings(lines: list[str]) -> Headings:
    """Kicker, title and subtitle from the heading lines of an article in an issue."""
    if not lines:
        return Headings()
    if len(lines) == 1:
        title, subtitle = split_merged_headline(lines[0])
        return Headings(title, subtitle=subtitle)
    if len(lines) == 2:
        if SPEECH_VERB.search(normalize(lines[0])):
            return Headings(lines[1], kicker=lines[0])
        return Headings(lines[0], subtitle=lines[1])
    return Headings(lines[1], kicker=lines[0], subtitle=" ".join(lines[2:]))


def split_merged_headline(text: str) -> tuple[str, str]:
    """(title, subtitle) of a headline line: split at the first space outside quotes."""
    depth = 0
    for i, char in enumerate(text):
        if char in "“「『":
            depth += 1
        elif char in "”」』":
            depth = max(depth - 1, 0)
        elif char == " " and depth == 0:
            return text[:i], text[i + 1:]
    return text, ""


def issue_of(head: list[Line]) -> str:
    """The issue as ``第23期（总第1079期）`` from the header lines ``第23期`` and ``总第1079期``."""
    number = total = None
    for line in head:
        match = _issue_match(line)
        if match:
            number = number or match.group("no")
            total = total or match.group("total")
    if number and total:
        return f"第{number}期（总第{total}期）"
    return f"第{number}期" if number else f"总第{total}期" if total else ""


def page_of(head: list[Line]) -> str:
    """The page: as labelled (第3版), else 1, as only the front page carries the masthead."""
    for line in head:
        match = PAGE_LABEL.match(line.key)
        if match:
            return match.group("page")
    return "1"


def masthead(head: list[Line]) -> str:
    """The newspaper's name: the last short all-Chinese header line that is not a date."""
    names = [
        line.text for line in head
        if MASTHEAD_NAME.match(line.key) and not LUNAR_DATE.match(line.key)
    ]
    return to_simplified(names[-1]) if names else ""
