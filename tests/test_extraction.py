"""The extractor on sentences from the seeds and the 1998 corpus: plain text in, records out (no database)."""
import datetime

import pytest

from chinese.extraction import extract
from chinese.extraction.dates import find_dateline, sentence_date
from chinese.extraction.titles import label, without_restated_body
from chinese.names import NameIndex
from chinese.normalize import normalize
from chinese.segmenter import segmenter

PEOPLE = dict(enumerate(
    "钱其琛 江泽民 李鹏 车俊 朱建明 克林顿 韦德里纳 李岚清 吴邦国 恩佐 乔石 马蒂厄·克雷库 内塔尼亚胡 奥尔布赖特 "
    "迟浩田 袁家军 易炼红 郑栅洁 桥本龙太郎 托尼·布莱尔 明仁 三博 堀内光雄 阿拉法特 叶利钦 陈锦华 于永波".split(), start=1))
ID = {name: pid for pid, name in PEOPLE.items()}
PLACES = "美国 法国 日本 浙江 北京 南非 以色列 贝宁 绍兴 杭州 中南海 比勒陀利亚".split()
BODIES = "国务院 中共中央 中央军委 外交部 全国人大常委会 国家计委 中共浙江省委 浙江省人民政府".split()
GAZETTEER = {normalize(n): None for n in PLACES + BODIES}
DAY = datetime.date(1998, 1, 6)


@pytest.fixture(scope="module")
def names():
    index = NameIndex.build(PEOPLE.items())
    segmenter.add_words(index.people, people=True)
    segmenter.add_words(GAZETTEER)
    return index


def posts(names, text, published=DAY):
    return {(PEOPLE[a.person_id], a.title.organization, a.title.title, a.title.former)
            for a in extract(text, published, names, GAZETTEER).positions}


def events(names, text, published=DAY):
    return [(e.kind, e.date, {(PEOPLE[p.person_id], p.role) for p in e.participants})
            for e in extract(text, published, names, GAZETTEER).events]


# -- positions -----------------------------------------------------------------------------

def test_a_chain_joined_by_jian_and_dun_gives_each_post_its_own_body(names):
    assert posts(names, "国务院副总理兼外交部长钱其琛今天抵达。") == {
        ("钱其琛", "国务院", "副总理", False), ("钱其琛", "外交部", "部长", False)}
    assert posts(names, "中共中央总书记、国家主席、中央军委主席江泽民发表新年讲话。") == {
        ("江泽民", "中共中央", "总书记", False), ("江泽民", "", "国家主席", False), ("江泽民", "中央军委", "主席", False)}


def test_the_body_carries_over_only_within_the_same_body(names):
    found = posts(names, "中央军委副主席、国务委员兼国防部长迟浩田上将会见了客人。")
    assert ("迟浩田", "中央军委", "副主席", False) in found and ("迟浩田", "国防部", "部长", False) in found
    # 省长 is not a post of the 省委: no body is carried over to it
    assert posts(names, "省委副书记、省长袁家军主持。") == {("袁家军", "", "副书记", False), ("袁家军", "", "省长", False)}


def test_foreign_titles_keep_their_country_and_short_forms_are_expanded(names):
    assert posts(names, "美国总统克林顿今天说。") == {("克林顿", "美国", "总统", False)}
    assert posts(names, "法国外长韦德里纳今天说。") == {("韦德里纳", "法国外交部", "部长", False)}
    assert label("法国外交部", "部长") == "法国外交部长"


def test_deputies_stay_deputies_and_former_posts_are_former(names):
    assert posts(names, "国务院副总理李岚清出席。") == {("李岚清", "国务院", "副总理", False)}
    assert posts(names, "前美国总统克林顿说。") == {("克林顿", "美国", "总统", True)}
    # a post in a year before the report's tells nothing of that day
    assert posts(names, "1993年，国务院总理李鹏访问了日本。") == {("李鹏", "国务院", "总理", True)}


def test_a_title_before_a_list_of_names_attaches_to_each(names):
    assert posts(names, "国务院副总理李岚清、吴邦国出席了会议。") == {
        ("李岚清", "国务院", "副总理", False), ("吴邦国", "国务院", "副总理", False)}


def test_a_title_after_a_name_is_an_honorific_not_a_post_of_the_next_name(names):
    assert posts(names, "江泽民总书记李鹏总理等会见了代表。") == set()


def test_a_title_far_from_the_name_does_not_attach(names):
    assert posts(names, "外交部长说，钱其琛将出席。") == set()
    assert posts(names, "部长们今天会见了钱其琛。") == set()
    assert posts(names, "总理在讲话中提到了钱其琛。") == set()


def test_a_name_that_is_also_a_word_is_no_one_unless_the_archive_links_it(names):
    # 方向 is a person in the corpus, whose name is mostly the word "direction": not linked, so no post
    assert posts(names, "国务院总理方向明确。") == set()


def test_a_party_committee_without_its_place_is_kept_for_the_archive_to_resolve(names):
    (attestation,) = extract("省委书记车俊在杭州萧山调研。", DAY, names, GAZETTEER).positions
    assert (attestation.title.organization, attestation.title.hint, attestation.title.title) == ("", "省委", "书记")
    assert attestation.title.label == "省委书记"
    assert posts(names, "浙江省委书记车俊在杭州萧山调研。") == {("车俊", "中共浙江省委", "书记", False)}


def test_a_post_never_repeats_its_body():
    assert without_restated_body("中共浙江省委", "省委书记") == "书记"
    assert label("中共浙江省委", "省委书记") == "中共浙江省委书记"
    assert label("拱墅区人民法院", "区法院院长") == "拱墅区人民法院院长"


def test_each_attestation_keeps_its_sentence_and_date(names):
    text = "新华社北京１月５日电（记者张三）国务院总理李鹏今天在中南海会见了客人。"
    (attestation,) = extract(text, DAY, names, GAZETTEER).positions
    assert attestation.date == datetime.date(1998, 1, 5)
    assert "国务院总理李鹏今天在中南海会见了客人" in attestation.quote


# -- events --------------------------------------------------------------------------------

def test_a_meeting_has_a_host_and_guests(names):
    text = "新华社北京１月５日电国家主席江泽民今天在中南海会见了美国总统克林顿和国务卿奥尔布赖特。"
    assert events(names, text) == [
        ("meeting", datetime.date(1998, 1, 5), {("江泽民", "host"), ("克林顿", "guest"), ("奥尔布赖特", "guest")})]


def test_talks_split_at_tong_and_a_rank_is_no_future(names):
    text = "中央军委副主席、国务委员兼国防部长迟浩田上将今天下午同美国总统克林顿举行了会谈。"
    assert events(names, text) == [("talks", DAY, {("迟浩田", "host"), ("克林顿", "guest")})]


def test_talks_with_each_of_several_are_several_talks(names):
    text = "日本首相桥本龙太郎今晚分别同三博和堀内光雄举行了会谈。"
    assert {(kind, day, frozenset(roles)) for kind, day, roles in events(names, text)} == {
        ("talks", DAY, frozenset({("桥本龙太郎", "host"), ("三博", "guest")})),
        ("talks", DAY, frozenset({("桥本龙太郎", "host"), ("堀内光雄", "guest")}))}


def test_whom_a_guest_came_with_is_not_received(names):
    text = "江泽民今天会见了随同克林顿来访的奥尔布赖特。"
    assert events(names, text) == [("meeting", DAY, {("江泽民", "host"), ("奥尔布赖特", "guest")})]


def test_the_subject_of_baihui_is_the_guest(names):
    text = "访问期间，托尼·布莱尔拜会了日本天皇明仁。"
    assert events(names, text) == [("meeting", DAY, {("明仁", "host"), ("托尼·布莱尔", "guest")})]


def test_future_denied_and_purposed_meetings_are_not_events(names):
    assert events(names, "克林顿将于本月20日在华盛顿同内塔尼亚胡举行会谈。") == []
    assert events(names, "阿拉法特说，他不会同内塔尼亚胡举行会谈。") == []
    assert events(names, "叶利钦此行的目的是同克林顿举行会谈。") == []


def test_a_carried_over_subject_hosts_and_a_talker_is_not_the_host(names):
    text = "钱其琛说，他同恩佐的会谈取得了积极的成果。"
    assert events(names, text) == [("talks", DAY, {("钱其琛", "host"), ("恩佐", "guest")})]
    text = "乔石是在谈到美国总统克林顿当天会见以色列总理内塔尼亚胡时说的。"
    assert events(names, text) == [("meeting", DAY, {("克林顿", "host"), ("内塔尼亚胡", "guest")})]


def test_roles_at_a_conference_named_before(names):
    text = "全省开发区改革提升推进会今天在绍兴举行。省委书记车俊讲话。省委副书记、省长袁家军主持。郑栅洁出席。"
    ((kind, _, roles),) = events(names, text, datetime.date(2020, 5, 9))
    assert kind == "conference"
    assert roles == {("车俊", "spoke"), ("袁家军", "presided"), ("郑栅洁", "attended")}


def test_an_inspection_is_led_and_accompanied(names):
    text = "省委书记车俊在杭州萧山调研，易炼红陪同。"
    assert events(names, text, datetime.date(2020, 7, 3)) == [
        ("inspection", datetime.date(2020, 7, 3), {("车俊", "led"), ("易炼红", "accompanied")})]


# -- dates ---------------------------------------------------------------------------------

def test_datelines_and_the_dates_a_sentence_gives():
    assert find_dateline(normalize("新华社北京１月５日电（记者）"), DAY).date == datetime.date(1998, 1, 5)
    assert find_dateline(normalize("本报比勒陀利亚十二月三十日电"), DAY).date == datetime.date(1997, 12, 30)
    reference = datetime.date(1998, 1, 5)
    assert sentence_date("李鹏昨天会见了", reference) == datetime.date(1998, 1, 4)
    assert sentence_date("本月20日", reference) == datetime.date(1998, 1, 20)
    assert sentence_date("28日，他会见了", reference) == datetime.date(1997, 12, 28)
    assert sentence_date("他会见了客人", reference) is None
