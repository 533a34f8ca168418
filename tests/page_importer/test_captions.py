"""Photo captions on the seed pages: credits cut off, doubles and repeats dropped, other lines kept."""
from archive.importers.page.captions import CaptionFilter, clean_body, is_caption
from archive.importers.page.lines import Line

from .seeds import KEQIAO, XINJINGBAO, seed_lines


def test_a_credit_is_cut_off_its_caption_and_a_repeat_of_it_dropped():
    captions = CaptionFilter()
    first = "5月9日,全省开发区(园区)改革提升推进会在绍兴举行,省委书记车俊讲话。浙江新闻客户端记者 梁臻 摄"
    assert captions.clean(first) == "5月9日,全省开发区(园区)改革提升推进会在绍兴举行,省委书记车俊讲话。"
    assert captions.clean("5月9日,全省开发区(园区)改革提升推进会在绍兴举行。浙江新闻客户端记者 梁臻 摄") is None


def test_the_same_photo_by_another_photographer_is_still_a_repeat():
    captions = CaptionFilter()
    assert captions.clean("市、区领导盛阅春、沈志江陪同省领导参观蓝印时尚小镇客厅。全媒体记者 高洁 摄")
    assert captions.clean("市、区领导盛阅春、沈志江陪同省领导参观蓝印时尚小镇客厅。全媒体记者 徐晔 摄") is None


def test_a_caption_written_twice_is_dropped():
    doubled = next(line.text for line in seed_lines(XINJINGBAO) if line.text.startswith("易炼红在交流总结会上讲话"))
    assert is_caption(doubled)
    assert CaptionFilter().clean(doubled) is None


def test_running_text_is_not_a_caption():
    assert not is_caption("全省开发区(园区)改革提升推进会今天在绍兴举行。省委书记车俊在会上强调")


def test_a_body_loses_its_repeated_title_and_print_markers():
    lines = [Line(1, "车俊:系统性重构"), Line(2, "第一段。(下转2版)"), Line(3, "第二段。")]
    assert clean_body(lines, "车俊:系统性重构", CaptionFilter()) == ["第一段。", "第二段。"]


def test_captions_above_the_headline_count_as_seen():
    captions = CaptionFilter()
    for line in seed_lines(KEQIAO)[:4]:
        captions.remember(line.text)
    assert captions.clean("5月9日,全省开发区(园区)改革提升推进会在绍兴举行,省委书记车俊讲话。浙江新闻客户端记者 梁臻 摄") is None
