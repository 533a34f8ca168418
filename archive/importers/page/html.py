"""Captured HTML to text: one line per block element, without the page's head, scripts,
navigation and footer. Nothing else of the page importer needs to know it was HTML."""
from __future__ import annotations

import re
from html.parser import HTMLParser

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


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML rather than text captured from a browser."""
    return bool(_HTML_TAG.search(text))


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
