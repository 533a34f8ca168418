"""Photo captions in a body, and the body's paragraphs cleaned of them and of print markers."""
from __future__ import annotations

import re

from chinese.normalize import normalize

from .lines import CONTINUATION, Line, remove_matches, squash

#: Shortest caption text that another caption may repeat as its beginning.
MIN_REPEATED_CAPTION = 10

PHOTO_CREDIT = re.compile(
    r"[^\s。,;!?]*(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff·]{2,4}(?:[\s、]+[\u4e00-\u9fff·]{2,4})*\s*摄$"
)
DOUBLED = re.compile(r"^(?P<once>.{4,}?)\s+(?P=once)$")


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
