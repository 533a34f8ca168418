"""Tests of the People's Daily January 1998 parser on a byte-exact excerpt of the corpus.

tests/data/pd199801_excerpt.txt holds 18 whole articles of 199801.txt, lines unchanged.
"""
import datetime
from pathlib import Path

import pytest

from archive.importers.pku1998 import (
    NameHit,
    is_headline,
    parse,
    person_spans,
    tokenize,
)
from archive.importers.records import derive_title

EXCERPT = Path(__file__).parent / "data" / "pd199801_excerpt.txt"

# Three lines of 19980127-09-001, which numbers two different paragraphs 032.
REPEATED_032 = """\
19980127-09-001-031/m  [共青团/n  宜昌/ns  市委/n]nt  的/u  干部/n  职工/n  自发/d  为/p  王/nr  国栋/nr  捐款/v  ９７５/m  元/q  ，/w  [宜昌/ns  市委/n  机要局/n]nt  也/d  捐款/v  １０００/m  元/q  。/w  被/p  王/nr  国栋/nr  资助/v  过/u  的/u  张/nr  祖德/nr  、/w  杨/nr  朝明/nr  已/d  毕业/v  走/v  上/v  工作/vn  岗位/n  ，/w  他们/r  又/d  反过来/d  资助/v  王/nr  国栋/nr  。/w  
19980127-09-001-032/m  ９月/t  １０日/t  ，/w  王/nr  国栋/nr  来到/v  [武汉/ns  中国/ns  地质/n  大学/n]nt  。/w  校领导/n  握/v  着/u  他/r  的/u  手/n  说/v  ：/w  “/w  我们/r  有幸/v  录取/v  了/u  你/r  这样/r  的/u  好/a  学生/n  ，/w  如果/c  有/v  什么/r  困难/an  ，/w  我们/r  会/v  设法/v  解决/v  。/w  ”/w  不久/m  ，/w  他/r  被/p  选/v  为/v  班长/n  ，/w  并/c  担任/v  成人/n  教育/vn  学院/n  学生会/n  副/b  主席/n  。/w  
19980127-09-001-032/m  埋头/v  学习/v  的/u  王/nr  国栋/nr  ，/w  仍/d  牵挂/v  着/u  那些/r  贫困/a  的/u  农家/n  孩子/n  。/w  两/m  个/q  月/n  前/f  ，/w  在/p  他/r  的/u  倡议/vn  下/f  ，/w  全班/n  同学/n  捐款/v  资助/v  了/u  金/nr  正波/nr  等/u  ５/m  名/q  特困/b  小学生/n  。/w  
"""


@pytest.fixture(scope="module")
def articles():
    with EXCERPT.open(encoding="utf-8") as lines:
        return {article.external_id: article for article in parse(lines)}


def names(article):
    return [hit.name for hit in article.people]


def test_excerpt_yields_every_article_once_in_file_order(articles):
    assert list(articles) == [
        "19980101-01-001", "19980101-01-003", "19980102-01-008", "19980105-03-012",
        "19980105-05-008", "19980105-06-014", "19980105-10-005", "19980105-10-006",
        "19980105-11-008", "19980106-02-007", "19980107-04-014", "19980108-01-003",
        "19980110-02-012", "19980112-10-009", "19980120-03-003", "19980121-10-005",
        "19980127-01-002", "19980130-04-009",
    ]


def test_date_and_page_come_from_the_id(articles):
    article = articles["19980127-01-002"]
    assert article.date == datetime.date(1998, 1, 27)
    assert article.page == 1
    assert articles["19980112-10-009"].page == 10


def test_headline_becomes_title_and_the_rest_is_body(articles):
    article = articles["19980101-01-001"]
    assert article.title == "迈向充满希望的新世纪——一九九八年新年讲话（附图片１张）"
    paragraphs = article.body.split("\n")
    assert len(paragraphs) == 15
    assert paragraphs[0] == "中共中央总书记、国家主席江泽民"
    # Words joined without spaces, tags and brackets gone, full-width digits kept.
    assert paragraphs[2] == (
        "１２月３１日，中共中央总书记、国家主席江泽民发表１９９８年新年讲话"
        "《迈向充满希望的新世纪》。（新华社记者兰红光摄）"
    )
    assert "在１９９８年来临之际，我十分高兴地通过中央人民广播电台、中国国际广播电台" in paragraphs[4]


def test_question_headline_is_a_title(articles):
    assert articles["19980108-01-003"].title == "“家庭出身”栏还有必要吗？"


def test_items_without_headline_have_empty_title_and_full_body(articles):
    item = articles["19980106-02-007"]
    assert item.title == ""
    assert item.body.startswith("本报讯山东兖州矿业集团公司去年再创我国煤炭综采生产新纪录")
    # Two paragraphs, but the first is news text ending in 。, not a headline.
    two = articles["19980105-03-012"]
    assert two.title == ""
    assert two.body.endswith("做出各自的贡献。\n（晓王）")
    assert articles["19980112-10-009"].body == "上海综合指数日Ｋ线图（图片）"
    assert sum(1 for article in articles.values() if not article.title) == 6


def test_article_starting_at_paragraph_002_is_its_own_article(articles):
    article = articles["19980105-10-006"]
    assert article.title == ""
    assert article.body == "新年伊始，向全国金融战线干部职工致以节日问候，祝大家身体健康，工作顺利。"
    previous = articles["19980105-10-005"]
    assert previous.title == "深化改革防范风险（附图片１张）"
    assert len(previous.body.split("\n")) == 3
    assert "新年伊始" not in previous.body


def test_paragraphs_sharing_number_032_are_both_kept():
    (article,) = parse(REPEATED_032.splitlines(keepends=True))
    assert article.external_id == "19980127-09-001"
    paragraphs = article.body.split("\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("９月１０日，王国栋来到武汉中国地质大学。")
    assert paragraphs[2].startswith("埋头学习的王国栋")
    assert article.organizations == ["共青团宜昌市委", "宜昌市委机要局", "武汉中国地质大学"]


def test_exact_duplicate_paragraph_is_dropped():
    lines = REPEATED_032.splitlines(keepends=True)
    (article,) = parse([lines[0], lines[1], lines[1], "\n", lines[2]])
    assert len(article.body.split("\n")) == 3


def test_surname_and_given_name_are_joined(articles):
    people = names(articles["19980101-01-001"])
    assert people.count("江泽民") == 2
    assert "江" not in people and "泽民" not in people
    assert "邓小平" in people


def test_list_of_names_without_punctuation_is_split(articles):
    article = articles["19980101-01-003"]
    # 江/nr 泽民/nr 李/nr 鹏/nr 乔/nr 石/nr 朱/nr 镕基/nr ... opening the first body paragraph.
    assert article.people[:8] == [
        NameHit("江泽民", 0), NameHit("李鹏", 3), NameHit("乔石", 5), NameHit("朱镕基", 7),
        NameHit("李瑞环", 10), NameHit("刘华清", 13), NameHit("尉健行", 16), NameHit("李岚清", 19),
    ]


def test_foreign_names_are_single_tokens(articles):
    assert names(articles["19980105-06-014"]) == ["克林顿", "阿拉法特", "克林顿", "克林顿", "阿拉法特"]
    assert names(articles["19980107-04-014"]) == ["钱其琛", "萨阿东·哈马迪"]


def test_chen_yun_and_chen_yunlin_are_different_people(articles):
    assert "陈云" in names(articles["19980120-03-003"])
    assert "陈云林" not in names(articles["19980120-03-003"])
    assert "陈云林" in names(articles["19980127-01-002"])
    assert "陈云" not in names(articles["19980127-01-002"])


def test_hong_kong_married_name_is_one_person(articles):
    assert names(articles["19980110-02-012"]) == ["陈方安生"]


def test_offsets_point_into_body(articles):
    for article in articles.values():
        for hit in article.people:
            assert article.body[hit.offset : hit.offset + len(hit.name)] == hit.name
            assert hit.tag == "nr"


def test_every_mention_is_kept(articles):
    assert names(articles["19980127-01-002"]).count("钱其琛") == 8


def test_reporters_are_authors_not_people(articles):
    article = articles["19980101-01-003"]
    # （新华社记者樊如钧摄） and 新华社记者陈雁、本报记者何加正报道
    assert article.authors == ["樊如钧", "陈雁", "何加正"]
    assert not set(article.authors) & set(names(article))
    assert articles["19980101-01-001"].authors == ["兰红光"]
    assert "兰红光" not in names(articles["19980101-01-001"])
    assert articles["19980127-01-002"].authors == ["范丽青", "陈维伟"]


def test_other_bylines_are_authors(articles):
    assert articles["19980102-01-008"].authors == ["江涛", "曹斌"]  # ...电（江涛、曹斌）
    assert articles["19980102-01-008"].people == []
    assert articles["19980106-02-007"].authors == ["王琤"]  # item ends with （王琤）
    assert articles["19980105-03-012"].authors == ["晓王"]  # paragraph （晓王）
    assert articles["19980121-10-005"].authors == ["潘浔"]  # （江西九江日报社 潘浔）
    assert articles["19980105-11-008"].authors == ["邢曙东"]  # author line under headline
    assert articles["19980130-04-009"].authors == ["欧阳中石"]  # compound surname


def test_author_named_again_in_the_text_is_also_a_person():
    lines = [
        "19980131-12-099-001/m  标题/n  \n",
        "19980131-12-099-002/m  （/w  记者/n  张/nr  三/nr  ）/w  张/nr  三/nr  说/v  。/w  \n",
    ]
    (article,) = parse(lines)
    assert article.authors == ["张三"]
    assert article.people == [NameHit("张三", 6)]  # （记者张三）张三说。


def test_places_and_organizations_join_bracketed_compounds(articles):
    article = articles["19980101-01-001"]
    assert {"中央人民广播电台", "中国国际广播电台", "中央电视台", "中国共产党"} <= set(
        article.organizations
    )
    assert article.places[:3] == ["香港特别行政区", "澳门", "台湾"]
    assert "电台" not in article.organizations
    assert "中共北京市委宣传部" in articles["19980101-01-003"].organizations
    assert articles["19980105-05-008"].places == ["江苏淮安新华书店"]
    assert len(article.places) == len(set(article.places))


def test_tokenize_splits_on_last_slash_and_folds_compounds():
    tokens = tokenize("１/２/m  [中央/n  实验/vn   话剧院/n]nt  导演/v  ")
    assert [(t.word, t.tag) for t in tokens] == [
        ("１/２", "m"),
        ("中央实验话剧院", "nt"),
        ("导演", "v"),
    ]


def test_bad_line_is_rejected():
    with pytest.raises(ValueError):
        list(parse(["not a corpus line\n"]))


@pytest.mark.parametrize(
    "words, expected",
    [
        (["江", "泽民"], ["江泽民"]),
        (["李", "鹏", "朱", "镕基"], ["李鹏", "朱镕基"]),
        (["贾", "永", "黄", "秋生"], ["贾永", "黄秋生"]),
        (["陈", "方", "安生"], ["陈方安生"]),
        (["欧阳", "中石"], ["欧阳中石"]),
        (["雪村", "守仁"], ["雪村", "守仁"]),
        (["克林顿"], ["克林顿"]),
        (["秦", "惠（君音）"], ["秦惠（君音）"]),
        (["江"], []),
    ],
)
def test_person_spans(words, expected):
    assert ["".join(words[a:b]) for a, b in person_spans(words)] == expected


def test_is_headline():
    assert is_headline("煤挖完了怎么办？")
    assert not is_headline("本报讯河北省永清县财政局狠抓各项规章制度的落实。")
    assert not is_headline("很" * 51)


def test_derive_title(articles):
    assert derive_title(articles["19980107-04-014"].body) == (
        "国务院副总理兼外长钱其琛今天在京会见了伊拉克国民议会议长萨…"
    )
    assert derive_title(articles["19980105-10-006"].body) == (
        "新年伊始，向全国金融战线干部职工致以节日问候，祝大家身体健…"
    )
    assert derive_title("本报讯中国乒乓球协会举行比赛。") == "中国乒乓球协会举行比赛"
    assert derive_title("上海综合指数日Ｋ线图（图片）") == "上海综合指数日Ｋ线图（图片）"
    assert len(derive_title(articles["19980106-02-007"].body)) == 30
