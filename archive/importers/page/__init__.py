"""Parser for captured news pages: a web article, or a newspaper issue holding several.

:func:`parse_page` takes a page as plain text (as captured from the browser) or as HTML,
and returns one :class:`ArticleRecord` per article. No Django is needed. One module per
job: ``html`` (HTML to text), ``lines`` and ``cleaning`` (line clean-up, headings and
paragraphs), ``dates``, ``bylines`` and ``captions`` (what a page states besides its text),
``web`` (a web page's layout) and ``issue`` (a newspaper issue split into articles).

How a page is read:

* **Lines.** HTML is first reduced to text, one line per block element, without
  ``head``, ``script``, ``style``, ``nav`` and ``footer`` (``html``). Every line loses
  pinyin readings (``網(wǎng)`` -> ``網``), its indentation and repeated spaces (``lines``).
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

from ..records import ArticleRecord
from .dates import page_date
from .html import html_to_text, looks_like_html
from .issue import is_newspaper_issue, parse_issue
from .lines import page_lines
from .web import parse_web_page

__all__ = ["parse_page"]


def parse_page(text: str, filename: str = "") -> list[ArticleRecord]:
    """The articles of a captured news page (plain text or HTML), in page order.

    Raises ``ValueError`` naming what is missing when the page is empty or has no date,
    no title or no article text.
    """
    name = filename or "page"
    if looks_like_html(text):
        text = html_to_text(text)
    lines = page_lines(text)
    if not lines:
        raise ValueError(f"{name}: the page is empty")
    published = page_date(lines, name)
    if is_newspaper_issue(lines):
        return parse_issue(lines, published, name)
    return [parse_web_page(lines, published, name)]
