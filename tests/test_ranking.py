"""The order of results, and the benchmark that measures it (bench/ranking_quality.py)."""
import sys
from pathlib import Path

import pytest

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
