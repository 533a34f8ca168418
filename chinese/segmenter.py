"""jieba with the archive's dictionary: the shipped user terms plus names added at run time.

The segmenter is rjieba, the Python binding of jieba-rs: the same dictionary and, on the
whole 1998 corpus, the same words as jieba 0.42.1 (precise mode, no HMM), twelve times
faster (0.65 s against 7.91 s for 19,484 paragraphs; bench/segmenter_speed.py).
"""
import itertools
import os
import threading
from itertools import accumulate

import rjieba

from .normalize import normalize

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")
USER_DICT = os.path.join(DATA_DIR, "userdict.txt")
STOP_WORDS_FILE = os.path.join(DATA_DIR, "stopwords.txt")

# Frequency given to names and terms that jieba does not know: high enough that it keeps a
# name whole against the words around it (车俊在 -> 车俊 / 在), as suggest_freq would.
NAME_FREQ = 200_000

_versions = itertools.count()


def _load_stop_words():
    with open(STOP_WORDS_FILE, encoding="utf-8") as f:
        return frozenset(w for w in (line.strip() for line in f) if w and not w.startswith("#"))


STOP_WORDS = _load_stop_words()


class Segmenter:
    """Cuts normalized text into words, keeping the archive's names whole.

    A name added here is never a stop word, and keeps its parts findable: the bigram
    stream (chinese.tokens) does not depend on the dictionary at all.
    """

    def __init__(self):
        self._jieba = None
        self._lock = threading.Lock()
        self.protected = set()  # every name and term added: never stopped
        self.person_names = set()  # never emitted as a sub-word: 陈云 is not found in 陈云林
        self._removed = set()  # words taken out again (jieba-rs can only set their frequency to 0)
        # changes whenever the dictionary does: what was cut with an older one is stale
        self.version = next(_versions)

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
            if len(word) < 2 or (word in self.protected and (not people or word in self.person_names)):
                continue
            if people:
                self.person_names.add(word)
            if word in self._removed or not dictionary.has_word(word):
                dictionary.add_word(word, NAME_FREQ, None)  # a word jieba knows keeps its own frequency
            self._removed.discard(word)
            self.protected.add(word)
            self.version = next(_versions)

    def remove_words(self, words):
        dictionary = self._dictionary()
        for word in words:
            word = normalize(word.strip())
            if word in self.protected:
                self.protected.discard(word)
                self.person_names.discard(word)
                self._removed.add(word)
                dictionary.add_word(word, 0, None)
                self.version = next(_versions)

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
        """The offsets at which the words of a text begin, in order."""
        return list(accumulate(map(len, self._dictionary().cut(normalized_text, False)), initial=0))[:-1]

    def is_stop_word(self, word):
        return word in STOP_WORDS and word not in self.protected


#: The process's segmenter: every layer cuts text with the same dictionary.
segmenter = Segmenter()
