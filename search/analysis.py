"""The one text pipeline of the portal: index, query, highlighting and name linking.

Usable without a request or a database. Every text goes through ``normalize`` first:

* per character Unicode NFKC (full-width ``１９９８`` -> ``1998``),
* traditional to simplified, character by character from OpenCC's TSCharacters table,
* Latin letters lower-cased.

Each step maps one character to one character, so an offset into the normalized text is
an offset into the original: highlights are drawn on the original script.

Two token streams come out of a normalized text:

* words (``word_tokens``): jieba (its Rust port, rjieba), with the archive's names in its dictionary. Positions are
  word ordinals. At index time the dictionary sub-words of a long word (中华人民共和国 ->
  中华, 人民, 共和国…) are emitted at the position of the word they come from, so a
  search for a part finds the whole while phrases still line up; at query time only the
  precise words are used, so 中华人民共和国 does not match texts about 华人.
* character bigrams (``bigram_tokens``): every run of letters and digits cut into
  overlapping pairs. A phrase of bigrams is an exact substring match, so whatever a
  reader finds by eye is found, whatever jieba made of the text.
"""
import os
import re
import threading
import unicodedata
from functools import lru_cache

import opencc
import rjieba
from whoosh.analysis import Token, Tokenizer

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")
USER_DICT = os.path.join(DATA_DIR, "userdict.txt")
STOP_WORDS_FILE = os.path.join(DATA_DIR, "stopwords.txt")

# Frequency given to names and terms that jieba does not know: high enough that it keeps a
# name whole against the words around it (车俊在 -> 车俊 / 在), as suggest_freq would.
NAME_FREQ = 200_000


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


def normalize(text):
    """Simplified, half-width, lower-case text of exactly the same length as ``text``."""
    return text.translate(_TRANSLATION)


def is_word_char(ch):
    """Letters, digits and CJK ideographs: what a search term is made of."""
    return ch.isalnum()


def _load_stop_words():
    with open(STOP_WORDS_FILE, encoding="utf-8") as f:
        return frozenset(w for w in (line.strip() for line in f) if w and not w.startswith("#"))


STOP_WORDS = _load_stop_words()


class Segmenter:
    """jieba with the archive's dictionary: the shipped user terms plus names added at run time.

    The segmenter is rjieba, the Python binding of jieba-rs: the same dictionary and, on the
    whole 1998 corpus, the same words as jieba 0.42.1 (precise mode, no HMM), twelve times
    faster (0.65 s against 7.91 s for 19,484 paragraphs; bench/segmenter_speed.py).

    A name added here is never a stop word, and keeps its parts findable: the bigram
    stream does not depend on the dictionary at all.
    """

    def __init__(self):
        self._jieba = None
        self._lock = threading.Lock()
        self.protected = set()  # every name and term added: never stopped
        self.person_names = set()  # never emitted as a sub-word: 陈云 is not found in 陈云林
        self._removed = set()  # words taken out again (jieba-rs can only set their frequency to 0)

    def _dictionary(self):
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    segmenter = rjieba.Jieba()
                    with open(USER_DICT, encoding="utf-8") as f:
                        for word, freq, tag in (line.split() for line in f if line.strip()):
                            segmenter.add_word(word, int(freq), tag)
                    self._jieba = segmenter
        return self._jieba

    def add_words(self, words, people=False):
        """Put names and terms in the dictionary so that jieba keeps each one whole."""
        dictionary = self._dictionary()
        for word in words:
            word = normalize(word.strip())
            if len(word) < 2:
                continue
            if people:
                self.person_names.add(word)
            if word in self._removed or not dictionary.has_word(word):
                dictionary.add_word(word, NAME_FREQ, None)  # a word jieba knows keeps its own frequency
            self._removed.discard(word)
            self.protected.add(word)

    def remove_words(self, words):
        dictionary = self._dictionary()
        for word in words:
            word = normalize(word.strip())
            if word in self.protected:
                self.protected.discard(word)
                self.person_names.discard(word)
                self._removed.add(word)
                dictionary.add_word(word, 0, None)

    def words(self, normalized_text):
        """(word, start) pairs in precise mode, without the HMM guesser (the same cut everywhere)."""
        start = 0
        for word in self._dictionary().cut(normalized_text, False):
            yield word, start
            start += len(word)

    def sub_words(self, word):
        """The dictionary words of length 2 and 3 inside a longer word, as jieba's search mode
        finds them; never a person's name, which inside a longer word is someone else's."""
        has_word, people, removed = self._dictionary().has_word, self.person_names, self._removed
        for n in (2, 3):
            if len(word) > n:
                for i in range(len(word) - n + 1):
                    part = word[i : i + n]
                    if part not in people and part not in removed and has_word(part):
                        yield part, i

    def is_word(self, word):
        """Whether the dictionary holds ``word`` (normalized) as a word of the language or a name."""
        return word not in self._removed and self._dictionary().has_word(word)

    def word_starts(self, normalized_text):
        """The offsets at which the words of a text begin."""
        return {start for _, start in self.words(normalized_text)}

    def is_stop_word(self, word):
        return word in STOP_WORDS and word not in self.protected


segmenter = Segmenter()


def word_tokens(text, index=True):
    """(word, position, start, end) for the text, normalized; stop words leave a gap."""
    norm = normalize(text)
    pos = -1
    for word, start in segmenter.words(norm):
        if not is_word_char(word[0]):
            continue
        pos += 1
        if segmenter.is_stop_word(word):
            continue
        yield word, pos, start, start + len(word)
        if index:
            for part, offset in segmenter.sub_words(word):
                yield part, pos, start + offset, start + offset + len(part)


_RUN = re.compile(r"[^\W_]+")


def bigram_tokens(text, index=True):
    """(gram, position, start, end): overlapping character pairs of each run of word characters.

    At index time each run also ends with its last character alone, so that a one-character
    query (a prefix of the grams) finds characters at the end of a run. Positions continue
    across runs, so a phrase of grams is a substring match within one run.
    """
    norm = normalize(text)
    pos = -1
    for run in _RUN.finditer(norm):
        s, e = run.span()
        word = run.group()
        for i in range(len(word) - 1):
            pos += 1
            yield word[i : i + 2], pos, s + i, s + i + 2
        if index or len(word) == 1:
            pos += 1
            yield word[-1], pos, e - 1, e


class _StreamTokenizer(Tokenizer):
    """A Whoosh tokenizer over one of the streams above."""

    stream = None

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, start, end in type(self).stream(value, index=(mode != "query")):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class WordTokenizer(_StreamTokenizer):
    stream = staticmethod(word_tokens)


class BigramTokenizer(_StreamTokenizer):
    stream = staticmethod(bigram_tokens)


def word_analyzer():
    return WordTokenizer()


def bigram_analyzer():
    return BigramTokenizer()


@lru_cache(maxsize=4096)
def query_words(text):
    """The precise words of a query text: what the word field is searched for."""
    return tuple(w for w, *_ in word_tokens(text, index=False))


@lru_cache(maxsize=4096)
def query_bigrams(text):
    """One tuple of grams per run of word characters in a query: 中国经济 -> ((中国, 国经, 经济),).

    A run of one character stays a single character, which the query builder searches as a
    prefix of the grams.
    """
    runs = []
    for run in _RUN.finditer(normalize(text)):
        word = run.group()
        runs.append((word,) if len(word) == 1 else tuple(word[i : i + 2] for i in range(len(word) - 1)))
    return tuple(runs)
