"""Names in Latin letters: pinyin the way names are written (车俊 -> Che Jun, 萧山区 -> Xiaoshan).

* ``person_pinyin``: surname first, given name joined (欧阳中石 -> Ouyang Zhongshi), a
  surname read as a surname (单 Shan, 曾 Zeng); "" for a foreign name transliterated into
  characters (克林顿, 马蒂厄·克雷库), whose Latin spelling only an editor can give.
* ``place_pinyin``: the name without its administrative suffix, when its reading is certain;
  "" when a character of it reads two ways in place names (朝阳 Chaoyang or Zhaoyang).
* ``latin_key``: what a name in Latin letters is compared by, so that ``Che Jun``,
  ``che jun``, ``chejun`` and ``Chē Jùn`` are the same name.

Plain Python (pypinyin), so that sound-alike suggestions can build on it later.
"""
import unicodedata

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT

from .normalize import normalize
from .surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES, SURNAME_READINGS

#: Characters that join the parts of a transliterated foreign name: 马蒂厄·克雷库.
NAME_DOTS = "·・•‧"
#: A Chinese name is at most a compound surname and two characters (or 陈方安生).
LONGEST_CHINESE_NAME = 4
#: Suffixes of administrative units, longest first; the place's own name is what precedes them
#: (杭州 keeps its 州: a suffix leaves at least two characters).
PLACE_SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "新区", "街道", "小镇", "省", "市", "区", "县", "州", "镇", "乡", "村", "盟", "旗",
)
#: A longer name is a description (萧山信息港小镇) rather than a place name with one reading.
LONGEST_PLACE_NAME = 4
#: Characters read two ways in place names (长 Chang/Zhang, 六 Liu/Lu, 番 Fan/Pan): a name
#: holding one gets no generated pinyin unless pypinyin knows the whole name (长沙, 六安).
AMBIGUOUS_IN_PLACES = frozenset("长厦重朝乐单区盛行藏六蚌曲都解会车番铅沈调便柏栎尉荥涡犍莘洞阿堡泊")
_TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}  # grave, acute, macron, caron; not ü's diaeresis
_SYLLABLE_SEPARATORS = "'’-"


def is_han(ch):
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")


def split_name(name):
    """(surname, given name) of a Chinese name, or None when it begins with no known surname."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    if len(name) >= 2 and name[0] in SINGLE_SURNAMES:
        return name[0], name[1:]
    return None


def is_foreign_name(name):
    """Whether ``name`` is a foreign (or minority) name written in characters, not a Chinese
    name: it has a name dot, other than Chinese characters, more than four characters, or no
    Chinese surname to begin with (克林顿)."""
    name = normalize(name.strip())
    return (
        any(dot in name for dot in NAME_DOTS)
        or not all(is_han(ch) for ch in name)
        or len(name) > LONGEST_CHINESE_NAME
        or split_name(name) is None
    )


def person_pinyin(name, tones=False):
    """The name in pinyin, surname first and given name joined: 车俊 -> Che Jun (Chē Jùn with
    ``tones``); a married name keeps both surnames (陈方安生 -> Chen Fang Ansheng); "" for a
    foreign name."""
    if is_foreign_name(name):
        return ""
    # the surname is looked up simplified (車 is 车); the rest is read as written (乾隆 is not 干隆)
    name = name.strip()
    surnames = [name[: len(split_name(normalize(name))[0])]]
    given = name[len(surnames[0]) :]
    if len(given) == 3 and normalize(given[0]) in SINGLE_SURNAMES:  # 陈方安生: her husband's surname and hers
        surnames.append(given[0])
        given = given[1:]
    words = [_joined(_surname_syllables(surname)) for surname in surnames] + [_joined(_syllables(given, True))]
    return " ".join(_capitalized(word if tones else strip_tones(word)) for word in words)


def place_stem(name):
    """The place's own name, without the suffix of its kind: 萧山区 -> 萧山, 沙县 stays 沙县."""
    for suffix in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def place_pinyin(name):
    """The place's own name in pinyin, joined: 萧山区 -> Xiaoshan, 杭州市 -> Hangzhou; "" when
    its reading is not certain or it is not all Chinese characters."""
    stem = place_stem(name.strip())
    if not stem or len(stem) > LONGEST_PLACE_NAME or not all(is_han(ch) for ch in stem):
        return ""
    known = PHRASES_DICT.get(stem)
    if known is not None:
        readings = [{strip_tones(r) for r in candidates} for candidates in known]
        if any(len(r) != 1 for r in readings):
            return ""
        syllables = [r.pop() for r in readings]
    elif any(ch in AMBIGUOUS_IN_PLACES for ch in stem):
        return ""
    else:
        syllables = _syllables(stem, False)
    return _capitalized(_joined(syllables))


def latin_key(text):
    """Lower-case letters only, without tones or separators: Chē Jùn, che-jun -> chejun."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.lower() if "a" <= ch <= "z")


def is_latin_word(text):
    """Whether ``text`` is a word in Latin letters (with tones, apostrophes, tone numbers)."""
    letters = [ch for ch in text if ch not in _SYLLABLE_SEPARATORS and not ch.isdigit()]
    return bool(letters) and all(ch.isalpha() and "LATIN" in unicodedata.name(ch, "") for ch in letters)


def strip_tones(syllables):
    """Pinyin without its tone marks, ü kept: lǚ -> lü."""
    decomposed = unicodedata.normalize("NFD", syllables)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))


def _surname_syllables(surname):
    reading = SURNAME_READINGS.get(normalize(surname))
    return reading.split() if reading else _syllables(surname, True)


def _syllables(text, tones):
    return lazy_pinyin(text, style=Style.TONE if tones else Style.NORMAL, v_to_u=True)


def _joined(syllables):
    """Syllables as one word, an apostrophe before a syllable that begins with a, o or e: Xi'an."""
    word = ""
    for syllable in syllables:
        if word and strip_tones(syllable)[:1] in ("a", "o", "e"):
            word += "'"
        word += syllable
    return word


def _capitalized(word):
    return word[:1].upper() + word[1:]
