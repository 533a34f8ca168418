"""Names as they sound: which known name a reader meant who typed one by its pinyin.

Chinese is typed through pinyin input methods, so the commonest slip in a name is a
homophone: 车骏 or 車駿 for 车俊, 周江永 for 周江勇; or one wrong character picked from the
list, 钱其深 for 钱其琛. A word is compared by its pinyin with tones, then without, then
(for a name of three characters or more) character by character with one allowed to differ,
if it sounds half the same (its initial or its final: shen for chen, not tan for lai, so that
碳中和 is not taken for 赖中和); a two-character name one character off would be half another.

Readings are pypinyin's for the word as a whole (its phrase dictionary reads 单 in 单位 as
dan), the same way for the names and for what was typed, so that the same characters always
sound the same.

A name typed in Latin letters and misspelled (``che jn``, ``chejunn``) is compared by its
letters (chinese.romanize.latin_key) with the names in Latin letters, one letter off (two for
a key of eight letters or more), a swap of two letters counting as one (rapidfuzz's OSA).
"""
from pypinyin import Style, pinyin
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .normalize import CJK_CHAR, normalize
from .romanize import latin_key

SLIP_MIN_LENGTH = 3
# Keys of fewer letters are too many names' (li, wang): none is taken for a misspelling.
LATIN_MIN_KEY = 4
# How near a name sounds, best first.
SAME_TONES, SAME_SYLLABLES, ONE_CHARACTER_OFF = range(3)


def syllables(text, style=Style.TONE3):
    """One reading per character of a text of Chinese characters (车俊 -> che1 jun4)."""
    return tuple(s[0] for s in pinyin(text, style=style, strict=False, neutral_tone_with_five=True))


def is_chinese(text):
    return bool(text) and all(CJK_CHAR.match(ch) for ch in text)


def _slips(word):
    """The word with each of its characters in turn left open: 钱其深 -> ?其深, 钱?深, 钱其?."""
    return [word[:i] + "?" + word[i + 1 :] for i in range(len(word))] if len(word) >= SLIP_MIN_LENGTH else []


class SoundIndex:
    """Known names by how they sound and by their characters with one left open."""

    def __init__(self, names):
        """``names``: {normalized name: weight}; of several names equally near, the heaviest wins."""
        self.names = names
        self._tables = ({}, {}, {})  # one per nearness: key -> names
        for name in names:
            if is_chinese(name):
                for table, keys in zip(self._tables, _keys(name)):
                    for key in keys:
                        table.setdefault(key, []).append(name)

    def like(self, word):
        """The known name that ``word`` (Chinese characters, either script) most likely meant,
        or None: the nearest (see the module), then the heaviest, then the first in order."""
        word = normalize(word.strip())
        if not is_chinese(word) or word in self.names:
            return None
        for nearness, (table, keys) in enumerate(zip(self._tables, _keys(word))):
            found = {name for key in keys for name in table.get(key, ())}
            if nearness == ONE_CHARACTER_OFF:
                found = {name for name in found if _half_alike(*next((a, b) for a, b in zip(word, name) if a != b))}
            if found:
                return min(found, key=lambda name: (-self.names[name], name))
        return None


def _half_alike(a, b):
    """Whether two characters share the initial or the final of their pinyin."""
    return any(
        x and x == y for x, y in (syllables(a + b, style=style) for style in (Style.INITIALS, Style.FINALS))
    )


def _keys(name):
    """The keys of a name by nearness: its syllables with tones, without, its slips."""
    toned = syllables(name)
    # the tone is the last digit of each syllable (neutral 5 too): pypinyin's own reading
    # without tones, at half the cost of asking it again (a worker reads every name at start)
    return [toned], [tuple(s.rstrip("012345") for s in toned)], _slips(name)


class LatinSpellings:
    """Names in Latin letters by their key, to find the one that a misspelling meant."""

    def __init__(self, spellings):
        """``spellings``: {key: (the name in Latin letters as shown, weight)}."""
        self.spellings = spellings
        self._keys = list(spellings)

    def like(self, text):
        """The name in Latin letters that ``text`` most likely meant, or None: the fewest letters
        off, then the heaviest, then the first in order."""
        key = latin_key(text)
        if len(key) < LATIN_MIN_KEY or key in self.spellings:
            return None
        found = process.extract(key, self._keys, scorer=OSA.distance, score_cutoff=1 if len(key) < 8 else 2, limit=None)
        if not found:
            return None
        _, _, best = min(found, key=lambda f: (f[1], -self.spellings[f[0]][1], f[0]))
        return self.spellings[self._keys[best]][0]
