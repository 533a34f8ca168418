"""One form of every text for matching: simplified, half-width, lower case, same length.

Every step maps one character to one character (per character Unicode NFKC, so ``１９９８``
is ``1998``; traditional to simplified from OpenCC's TSCharacters table; Latin letters
lower-cased), so an offset into the normalized text is an offset into the original: a
match found in ``normalize(text)`` is drawn on the text as written.
"""
import functools
import os
import re
import unicodedata

import opencc

#: A run of letters, digits or ideographs: what a search term is made of.
WORD_RUN = re.compile(r"[^\W_]+")
CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Control characters other than tab and line breaks, lone surrogates and the two non-characters
# that XML 1.0 refuses: nothing a reader can see, and a feed cannot carry them.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _t2s_table():
    """Traditional -> simplified, one character to one (the first of OpenCC's candidates)."""
    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt")
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            trad, _, simp = line.rstrip("\n").partition("\t")
            simp = simp.split(" ")[0]
            if len(trad) == 1 and len(simp) == 1 and trad != simp:
                table[trad] = simp
    return table


def _build_translation():
    t2s = _t2s_table()
    table = {}
    for code in range(0x20, 0x10000):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        out = unicodedata.normalize("NFKC", ch)
        if len(out) != 1:
            out = ch
        out = t2s.get(out, out).lower()
        if len(out) == 1 and out != ch:
            table[code] = out
    for trad, simp in t2s.items():  # characters beyond the BMP
        table.setdefault(ord(trad), simp)
    return table


_TRANSLATION = _build_translation()


def _traditional_forms():
    """Simplified character -> the traditional characters that normalize to it (丰 -> 豐)."""
    forms = {}
    for trad, simp in _t2s_table().items():
        forms.setdefault(simp, []).append(trad)
    return forms


_TRADITIONAL_FORMS = _traditional_forms()


def normalize(text):
    """Simplified, half-width, lower-case text of exactly the same length as ``text``."""
    return text.translate(_TRANSLATION)


@functools.cache
def _written_forms():
    """Normalized character -> the other characters that normalize to it (泽: 澤; 1: １, ①...)."""
    forms = {}
    for code, out in _TRANSLATION.items():
        forms.setdefault(out, []).append(chr(code))
    return forms


@functools.lru_cache(maxsize=4096)
def finder(normalized):
    """A compiled pattern that finds ``normalized`` in a text as written: every place whose
    normalized form it is (泽民 finds 泽民 and 澤民), at the same offsets as ``str.find`` in
    ``normalize(text)``, without normalizing the text (a regular expression scans a text several
    times faster than ``str.translate`` maps it)."""
    forms, parts = _written_forms(), []
    for ch in normalized:
        # the characters that normalize to ch: itself unless it changes (薴 is 苧, 苧 is 苎), and its other forms
        written = ([] if ord(ch) in _TRANSLATION else [ch]) + forms.get(ch, [])
        if not written:  # no text holds it once normalized
            return re.compile("(?!)")
        parts.append(f"[{''.join(map(re.escape, written))}]" if len(written) > 1 else re.escape(written[0]))
    return re.compile("".join(parts))


def spellings(text, limit=16):
    """The ways of writing ``text`` in either script (兆丰: 兆丰, 兆豐), for finding it in stored
    text with a plain substring search.

    When a text has more than ``limit`` spellings, those of its longest prefix that has at
    most ``limit`` are given instead: every text that holds ``text`` holds one of them.
    """
    found = [""]
    for ch in normalize(text):
        forms = [ch, *_TRADITIONAL_FORMS.get(ch, ())]
        if len(found) * len(forms) > limit:
            break
        found = [start + form for start in found for form in forms]
    return found if text else []


def simplified(text):
    """``text`` with its Chinese characters simplified, everything else as written (車俊，１月 -> 车俊，１月)."""
    return "".join(s if CJK_CHAR.match(c) else c for c, s in zip(text, normalize(text)))


def strip_controls(text):
    """``text`` without control characters (tab, newline and carriage return stay)."""
    return _CONTROLS.sub("", text)


def is_word_char(ch):
    """Letters, digits and CJK ideographs: what a search term is made of."""
    return ch.isalnum()


def word_runs(normalized_text):
    """The runs of word characters of a (normalized) text, as regex matches."""
    return WORD_RUN.finditer(normalized_text)
