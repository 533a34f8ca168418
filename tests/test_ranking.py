"""The order of results, and the benchmark that measures it on the whole corpus
(bench/ranking_quality.py). Each order test writes a few articles of one date into a fresh
index and searches them through the JSON view."""
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from archive.importers.records import derive_title
from archive.models import Article, Person, Source
from search import indexing

from .helpers import search_json

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from relevance import exponential, judge, ndcg_at, precision_at, read_articles  # noqa: E402

CORPUS_LINES = [  # PKU-tagged, as ../shared/corpora/pd199801/199801.txt
    "19980101-01-001-001/m  毛/nr  泽东/nr  同志/n  诞辰/n  纪念/vn  活动/vn  举行/v  ",
    "19980101-01-001-002/m  各界/r  纪念/v  毛/nr  泽东/nr  同志/n  。/w  毛/nr  泽东/nr  思想/n  永放光芒/l  。/w  ",
    "19980101-01-002-001/m  理论/n  学习/v  的/u  新/a  收获/n  ",
    "19980101-01-002-002/m  学习/v  毛泽东思想/n  和/c  邓小平理论/n  ，/w  毛泽东思想/n  是/v  指导/vn  思想/n  。/w  ",
    "19980101-01-003-001/m  以/j  总理/n  内塔尼亚胡/ns  定于/v  一月/t  二十日/t  赴/v  华/j  访问/v  ，/w  "
    "内塔尼亚胡/nr  表示/v  ，/w  毛/nr  泽东/nr  、/w  毛/nr  泽东/nr  、/w  毛/nr  泽东/nr  。/w  ",
]


def test_judgments_grade_a_headline_3_three_or_more_2_fewer_1_and_a_name_only_where_it_names_the_person():
    judgments, kinds = judge(read_articles(CORPUS_LINES), ["毛泽东", "内塔尼亚胡"], terms=["毛泽东思想", "访问"])
    assert judgments["毛泽东"] == {"19980101-01-001": 3, "19980101-01-003": 2}  # 毛泽东思想 names no one
    assert judgments["内塔尼亚胡"] == {"19980101-01-003": 1}  # a whole token, whatever the corpus tagged it
    assert judgments["毛泽东思想"] == {"19980101-01-001": 1, "19980101-01-002": 1}  # a term wherever it stands
    assert judgments["访问"] == {"19980101-01-003": 1}  # a paragraph with a 。 is no headline
    assert kinds == {"毛泽东": "name", "内塔尼亚胡": "name", "毛泽东思想": "term", "访问": "term"}


def test_ndcg_and_precision_at_10():
    grades = {"a": 3, "b": 2, "c": 1}
    assert ndcg_at(["a", "b", "c"], grades) == ndcg_at(["a", "b", "c"], grades, gain=exponential) == 1.0
    assert ndcg_at(["c", "b", "a"], grades) < 1.0 and ndcg_at(["x", "a", "b", "c"], grades) < ndcg_at(["a", "b", "c", "x"], grades)
    assert precision_at(["a", "x", "b"], grades) == 2 / 3  # of the three there are to find
    assert precision_at(["x"] * 10, grades) == 0.0


# -- the order of results, as a researcher meets it in the JSON -------------------------------

SAME_DAY = datetime(1998, 1, 20, 8, tzinfo=ZoneInfo("Asia/Shanghai"))
FILLER = "会议强调，要认真总结经验，扎实做好各项工作，确保目标任务圆满完成。"


def article(title, body):
    return Article.objects.create(source=Source.objects.first(), title=title, body=body, published=SAME_DAY)


def ranked(q):
    return [r["title"] for r in search_json(q=q, page_size=100)["results"]]


def padded(text, length):
    """``text`` followed by filler up to ``length`` characters."""
    return (text + FILLER * (length // len(FILLER) + 1))[:length]


@pytest.mark.django_db
def test_a_title_made_from_the_first_sentence_is_not_a_headline(fresh_index):
    brief = "哈尔滨冰雪节今天开幕，各地游客纷纷前来观赏冰灯。"
    article(derive_title(brief), brief)  # as an importer titles an item printed without a headline
    article("冰雪节见闻", "哈尔滨人爱冰灯，哈尔滨的冰灯闻名全国，游客络绎不绝。")
    indexing.rebuild()
    assert ranked("哈尔滨") == ["冰雪节见闻", derive_title(brief)]  # twice in the text beats once


@pytest.mark.django_db
def test_a_headline_hit_ranks_above_body_hits_of_the_same_length_and_date(fresh_index):
    article("粮食收购工作会议召开", padded("会议部署了粮食收购工作。", 600))
    article("全国农业工作会议召开", padded("会议部署了粮食收购工作，粮食储备、粮食流通和粮食市场也作了安排。", 600))
    indexing.rebuild()
    assert ranked("粮食") == ["粮食收购工作会议召开", "全国农业工作会议召开"]


@pytest.mark.django_db
def test_a_person_named_in_the_headline_ranks_above_one_named_once_at_the_end(fresh_index):
    Person.objects.create(name="吴仪")
    article("吴仪会见美国客人", padded("国务委员吴仪会见了美国客人，双方就经贸合作交换了意见。", 1500))
    article("外经贸部举行新春团拜会", "外经贸部今天举行新春团拜会，部机关干部职工欢聚一堂。吴仪出席。")
    indexing.rebuild()
    assert ranked("吴仪") == ["吴仪会见美国客人", "外经贸部举行新春团拜会"]


@pytest.mark.django_db
def test_a_long_law_titled_with_the_term_ranks_above_short_items_that_repeat_it(fresh_index):
    law = "中华人民共和国献血法"
    article(law, padded("第一条　为保证医疗临床用血需要和安全，制定本法。中华人民共和国实行无偿献血制度。", 5000))
    article("中国和中非复交", padded("中华人民共和国政府和中非共和国政府决定恢复外交关系。中华人民共和国政府欢迎此举，"
                              "中华人民共和国政府代表签署了公报。", 400))
    indexing.rebuild()
    assert ranked("中华人民共和国") == [law, "中国和中非复交"]


@pytest.mark.django_db
def test_a_phrase_counts_where_it_stands_whole_not_where_its_characters_are_common(fresh_index):
    article("人民生活", padded("中华人民共和国成立以来，" + "人民生活水平提高，共和国日益强大，" * 6, 400))
    article("外交部发言人答问", padded("中华人民共和国政府的立场是一贯的，中华人民共和国愿同各国发展友好关系。", 400))
    indexing.rebuild()
    assert ranked("中华人民共和国") == ["外交部发言人答问", "人民生活"]


@pytest.mark.django_db
def test_a_name_ranks_by_its_text_also_where_a_longer_name_stands_beside_it(fresh_index):
    Person.objects.create(name="桥本")
    Person.objects.create(name="桥本龙太郎")
    article("桥本会见英国首相", padded("日本首相桥本龙太郎今天会见英国首相布莱尔。桥本说，桥本内阁重视日英关系。", 500))
    article("日本国会开幕", padded("日本国会今天开幕，各党议员出席。", 480) + "桥本出席。")
    indexing.rebuild()
    # the first is found through the person it names, not as text (桥本 stands in 桥本龙太郎 there)
    assert ranked("桥本") == ["桥本会见英国首相", "日本国会开幕"]


@pytest.mark.django_db
def test_a_name_inside_a_longer_word_ranks_below_the_person_named(fresh_index):
    Person.objects.create(name="毛泽东")
    article("理论学习的新收获", padded("深入学习毛泽东思想和邓小平理论。毛泽东思想是我们的指导思想，毛泽东思想永放光芒。", 500))
    article("一部新的传记电影开拍", padded("影片讲述了毛泽东在延安的岁月。", 500))
    indexing.rebuild()
    assert ranked("毛泽东") == ["一部新的传记电影开拍", "理论学习的新收获"]
