"""Small text-cleaning helpers for captured news pages."""
import re

# Vowels carrying a pinyin tone mark (plus ü, which pinyin writes with or without one).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ"
_PINYIN_LETTER = f"[a-zü{_TONED}]"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# A CJK character followed by "(pinyin)" or "（pinyin）": one or more syllables of
# lowercase pinyin letters separated by spaces, at least one of them tone-marked.
# Only the parenthesised part is matched; the character before it stays.
_PINYIN_ANNOTATION = re.compile(
    rf"(?<=[{_CJK}])[(（]\s*"
    rf"(?=[^)）]*[{_TONED}])"
    rf"{_PINYIN_LETTER}+(?:\s+{_PINYIN_LETTER}+)*"
    rf"\s*[)）]"
)

_WHITESPACE = re.compile(r"\s+")


def strip_pinyin_annotations(text):
    """Remove pinyin readings left after characters: ``網(wǎng)`` -> ``網``.

    An annotation is a pair of ASCII or full-width parentheses right after a CJK
    character, holding one or more pinyin syllables in lowercase with at least one
    tone mark (``(diào)``, ``（xiàn zài）``). Ordinary parentheses are left alone:
    ``（记者 张三）``, ``(2020)``, ``(园区)``, ``(App)``, and readings written without
    any tone mark, which cannot be told apart from Latin words.
    """
    return _PINYIN_ANNOTATION.sub("", text)


def squash_whitespace(text):
    """``text`` with all whitespace (spaces, full-width spaces, newlines) removed.

    Chinese text needs no spaces between words, so comparing squashed strings
    tells whether a cleaned paragraph came from a capture regardless of how the
    capture indented or wrapped it.
    """
    return _WHITESPACE.sub("", text)
