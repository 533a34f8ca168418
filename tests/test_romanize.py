"""Names in Latin letters, in the text layer: plain Python, no database."""
import pytest

from chinese.names import NameIndex
from chinese.romanize import is_foreign_name, latin_key, person_pinyin, place_pinyin
from search.query_parser import parse_query


@pytest.mark.parametrize(
    "name, romanized",
    [
        ("车俊", "Che Jun"),
        ("車俊", "Che Jun"),  # either script
        ("周江勇", "Zhou Jiangyong"),
        ("欧阳中石", "Ouyang Zhongshi"),  # a compound surname
        ("单霁翔", "Shan Jixiang"),  # surnames read as surnames
        ("曾庆红", "Zeng Qinghong"),
        ("吕祖善", "Lü Zushan"),
        ("刘恩安", "Liu En'an"),  # the syllables of the given name stay apart
        ("陈方安生", "Chen Fang Ansheng"),  # a married name keeps both surnames
        ("乾隆", "Qian Long"),  # read as written, not as its simplified form 干
    ],
)
def test_a_chinese_name_is_surname_first_and_given_name_joined(name, romanized):
    assert person_pinyin(name) == romanized


def test_tones_tell_names_of_the_same_letters_apart():
    assert person_pinyin("王军") == person_pinyin("王俊") == "Wang Jun"
    assert person_pinyin("王军", tones=True) == "Wáng Jūn" != person_pinyin("王俊", tones=True) == "Wáng Jùn"


@pytest.mark.parametrize("name", ["克林顿", "马蒂厄·克雷库", "戈尔巴乔夫", "萨马兰奇", "Bill Clinton", "羽田孜"])
def test_a_foreign_name_gets_no_pinyin(name):
    assert is_foreign_name(name) and person_pinyin(name) == ""


@pytest.mark.parametrize(
    "name, romanized",
    [("萧山区", "Xiaoshan"), ("杭州市", "Hangzhou"), ("浙江省", "Zhejiang"), ("苏州", "Suzhou"), ("长沙市", "Changsha"),
     ("六安市", "Lu'an"), ("黔东南州", "Qiandongnan"), ("沙县", "Shaxian"), ("朝阳区", ""), ("萧山信息港小镇", "")],
)
def test_a_place_is_its_own_name_in_pinyin_where_the_reading_is_certain(name, romanized):
    # 长沙 and 六安 are names pypinyin knows; 朝阳 reads Chaoyang or Zhaoyang; a long description is left to editors
    assert place_pinyin(name) == romanized


def test_latin_names_compare_without_spaces_tones_capitals_or_separators():
    assert latin_key("Che Jun") == latin_key("che jun") == latin_key("CHEJUN") == latin_key("Chē Jùn") == "chejun"
    assert latin_key("Lü") == "lu" and latin_key("Xi'an") == "xian"


NAMES = NameIndex.build(
    [(1, "车俊"), (2, "陆维"), (3, "卢伟")], {1: "车俊", 2: "陆维", 3: "卢伟"},
    romanized=[("Che Jun", "车俊"), ("Lu Wei", "陆维"), ("Lu Wei", "卢伟"), ("Xiaoshan", "萧山")],
)


def shape(q):
    return [([u.text for u in c.alternatives], c.negated) for c in parse_query(q, NAMES.spelled).clauses]


@pytest.mark.parametrize("q", ["Che Jun", "che jun", "chejun", "Chē Jùn", "CHE JUN"])
def test_a_name_in_latin_letters_is_read_as_the_name_it_spells(q):
    assert shape(q) == [([q, "车俊"], False)]


def test_every_name_of_the_same_letters_is_an_alternative_and_other_words_stay_words():
    assert shape("Lu Wei Xiaoshan 会议") == [(["Lu Wei", "陆维", "卢伟"], False), (["Xiaoshan", "萧山"], False), (["会议"], False)]
    assert shape("Che Jun OR Xiaoshan -chejun") == [(["Che Jun", "车俊", "Xiaoshan", "萧山"], False), (["chejun", "车俊"], True)]
    assert shape("Che Lu") == [(["Che"], False), (["Lu"], False)]  # spells no one
