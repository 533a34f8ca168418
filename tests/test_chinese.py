"""The text layer on the hard cases of the seeds: plain Python, no database, no search engine."""
from chinese.names import NameMatcher
from chinese.normalize import finder, normalize
from chinese.segmenter import Segmenter, segmenter
from chinese.sounds import LatinSpellings, SoundIndex
from chinese.tokens import bigram_tokens, query_bigrams, query_words, word_tokens


def words(text, index=True):
    return [w for w, *_ in word_tokens(text, index=index)]


def test_normalize_full_width_traditional_and_case_keeping_length():
    original = "省委書記車俊在蕭山調研，１９９８年ＡＢＣ亞運"
    out = normalize(original)
    assert out == "省委书记车俊在萧山调研,1998年abc亚运"
    assert len(out) == len(original)


def test_finder_finds_in_a_text_as_written_what_find_finds_in_its_normalized_form():
    text = "省委書記車俊在蕭山調研，１９９８年ＡＢＣ亞運。车俊说，1998年abc亚运会在杭州；ＡＢＣ、Abc；薴苧苎"
    norm = normalize(text)
    # 薴 normalizes to 苧, which normalizes to 苎: a normalized text holds 苧 only where 薴 was written
    for needle in ("车俊", "萧山", "1998年", "abc", "亚运", "杭州", ",", "ABC", "苧", "苎", "薴"):
        expected, start = [], norm.find(needle)
        while start != -1:
            expected.append((start, start + len(needle)))
            start = norm.find(needle, start + len(needle))
        assert [m.span() for m in finder(needle).finditer(text)] == expected, needle
    assert [m.span() for m in finder("车俊").finditer(text)] == [(4, 6), (23, 25)]


def test_one_to_many_traditional_mapping_is_consistent_for_documents_and_queries():
    # 乾 is both a traditional form of 干 and a character of its own (乾隆): whatever the
    # table decides, a text and a query in the same script meet.
    assert normalize("乾隆") == normalize("乾隆")
    assert normalize("發展") == "发展" and normalize("頭髮") == "头发"


def test_index_sub_words_share_the_position_of_their_word():
    tokens = list(word_tokens("中华人民共和国成立"))
    positions = {w: pos for w, pos, *_ in tokens}
    assert positions["中华人民共和国"] == positions["人民"] == positions["共和国"] == 0
    assert positions["成立"] == 1


def test_query_uses_precise_words_only():
    assert query_words("中华人民共和国") == ("中华人民共和国",)
    assert "华人" not in query_words("中华人民共和国")


def test_names_in_dictionary_are_kept_whole_and_not_found_inside_longer_names():
    seg = segmenter
    seg.add_words(["易炼红", "陈云", "陈云林"], people=True)
    assert "易炼红" in words("省委书记易炼红率团考察", index=False)
    tokens = words("陈云林会见了客人")
    assert "陈云林" in tokens and "陈云" not in tokens


def test_a_name_is_linked_where_a_word_begins_not_inside_another_word():
    segmenter.add_words(["罗斯", "叶利钦", "邓小平"], people=True)
    matcher = NameMatcher({"罗斯": {1}, "叶利钦": {2}, "邓小平": {3}})
    text = "俄罗斯总统叶利钦会见罗斯先生，伊斯兰国家代表团。高举邓小平理论伟大旗帜"
    assert [name for name, _ in matcher.find(text)] == ["叶利钦", "罗斯", "邓小平"]
    # a word of its own: how often a text names someone, for ranking (邓小平理论 names his theory)
    assert [name for name, _ in matcher.find(text + "，邓小平同志", whole_words=True)] == ["叶利钦", "罗斯", "邓小平"]
    assert [start for _, start in matcher.find(text + "，邓小平同志", whole_words=True)][-1] == len(text) + 1


def test_stop_words_are_dropped_but_never_a_name():
    seg = Segmenter()
    assert seg.is_stop_word("我们")
    seg.add_words(["我们"], people=True)  # a name that is also a stop word
    assert not seg.is_stop_word("我们")
    assert "的" not in words("发展的道路")


def test_stop_words_leave_a_gap_so_phrases_stay_aligned():
    positions = {w: p for w, p, *_ in word_tokens("发展的道路")}
    assert positions["道路"] - positions["发展"] == 2


def test_bigrams_cover_each_run_and_end_with_its_last_character():
    assert [g for g, *_ in bigram_tokens("重要窗口，好")] == ["重要", "要窗", "窗口", "口", "好"]
    assert query_bigrams("亲清") == (("亲清",),)
    assert query_bigrams("１９９８年 萧山") == (("19", "99", "98", "8年"), ("萧山",))


def test_a_word_is_heard_as_the_known_name_it_sounds_like():
    sounds = SoundIndex({"车俊": 2, "车军": 1, "周江勇": 3, "钱其琛": 1, "王宏": 1, "汪洪": 5, "赖中和": 1, "李鹏": 9})
    assert sounds.like("车骏") == sounds.like("車駿") == "车俊"  # che1 jun4, tones and all
    assert sounds.like("车君") == "车军"  # an exact homophone before one with other tones
    assert sounds.like("周江用") == "周江勇"  # yong4 for yong3
    assert sounds.like("王红") == "王宏"  # wang2 hong2
    assert sounds.like("网红") == "汪洪"  # equally near (wang hong, other tones): the more often named
    assert sounds.like("钱其深") == "钱其琛"  # one character off, half alike: shen, chen
    assert sounds.like("碳中和") is None  # one character off, nothing alike: tan, lai
    assert sounds.like("李朋") == "李鹏" and sounds.like("李明") is None  # two characters: no slips
    assert sounds.like("车俊") is None and sounds.like("经济") is None and sounds.like("chejun") is None


def test_a_name_in_latin_letters_a_letter_off_is_read_as_the_name_it_misspells():
    spellings = LatinSpellings({"chejun": ("Che Jun", 2), "chejin": ("Che Jin", 1), "xiaoshan": ("Xiaoshan", 0),
                                "zhoujiangyong": ("Zhou Jiangyong", 3)})
    assert spellings.like("che jn") == spellings.like("CHEJUNN") == spellings.like("cehjun") == "Che Jun"
    assert spellings.like("chejen") == "Che Jun"  # as near to Che Jin: the more often named
    assert spellings.like("zhou jaingyon") == "Zhou Jiangyong"  # a long name may be two letters off
    assert spellings.like("xiaoshn") == "Xiaoshan"
    assert spellings.like("Che Jun") is None and spellings.like("chejunxyz") is None and spellings.like("chn") is None
