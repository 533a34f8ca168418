"""Who wrote, edited and published each seed page: date lines, labels, breadcrumbs and datelines."""
from archive.importers.page.bylines import breadcrumb_source, read_date_line, read_signature, strip_dateline

from .seeds import HANGZHOU, KEQIAO, XIAOSHAN, XINJINGBAO, seed_lines


def test_an_unlabelled_byline_and_an_editor_on_the_date_line():
    signature = read_date_line(seed_lines(KEQIAO)[1])
    assert signature.author == "浙江日报记者 王国锋 余勤 全媒体记者 俞立权 高洁 王伟 许镜蕾 徐晔 潘鑫"
    assert signature.editor == "fengdi"


def test_a_name_right_before_the_date_is_the_source():
    assert read_date_line(seed_lines(XINJINGBAO)[1]).source == "新京报"


def test_an_empty_label_states_nothing():
    signature = read_date_line(seed_lines(HANGZHOU)[1])  # 作者: 2020-06-29 11:37:06 浏览:914
    assert (signature.author, signature.editor, signature.source) == ("", "", "")


def test_a_breadcrumb_names_the_site_in_simplified_characters():
    assert breadcrumb_source(seed_lines(XIAOSHAN)) == "萧山网"
    assert breadcrumb_source(seed_lines(KEQIAO)) == ""


def test_labels_in_a_signature_line():
    signature = read_signature("(作者:记者徐可 编辑:徐洁 來源:蕭山日報)")
    assert (signature.author, signature.editor, signature.source) == ("记者徐可", "徐洁", "萧山日报")


def test_a_dateline_gives_the_byline_and_leaves_the_paragraph():
    byline, paragraphs = strip_dateline(["本报讯(记者 梦诗三祝 通讯员 金佩华 方苏)“赛举措,亮成绩。”持续攀升", "下一段"])
    assert byline == "记者 梦诗三祝 通讯员 金佩华 方苏"
    assert paragraphs == ["“赛举措,亮成绩。”持续攀升", "下一段"]
