"""Line clean-up on the seed pages: clutter dropped, pinyin readings removed, headings told from paragraphs."""
from archive.importers.page.lines import Line, is_heading, is_paragraph, join_broken_lines, script_of

from .seeds import GONGSHU, KEQIAO, XIAOSHAN, seed_lines


def texts(seed):
    return [line.text for line in seed_lines(seed)]


def test_a_video_prompt_goes_with_the_title_of_its_video():
    lines = texts(KEQIAO)
    assert not any("点击观看" in line for line in lines)
    assert not any(line.startswith("2020-5-9柯桥新闻") for line in lines)
    assert "系统性重构 创新性变革" in lines  # the heading lines around them stay


def test_pinyin_readings_are_removed_and_the_script_kept():
    first = texts(XIAOSHAN)[0]
    assert "(wǎng)" not in first and "蕭山網" in first


def test_a_newspaper_contents_box_is_dropped():
    lines = texts(GONGSHU)
    assert "导读" not in lines and not any("详见" in line for line in lines)
    assert "第23期" in lines  # the masthead is not part of the box


def test_line_numbers_are_those_of_the_file():
    lines = seed_lines(KEQIAO)
    assert (lines[0].number, lines[1].number) == (1, 3)


def test_headings_and_paragraphs():
    assert is_heading(Line(1, "系统性重构 创新性变革"))
    assert not is_heading(Line(1, "本报讯(记者 梦诗三祝)持续攀升"))  # a dateline opens a paragraph
    assert is_paragraph("全省开发区(园区)改革提升推进会今天在绍兴举行。")
    assert is_paragraph("区委副书记、区长章燕要求,接下来,一要全速抓好推进。各级")


def test_script_is_judged_on_the_share_of_traditional_characters():
    assert script_of("車俊在杭州蕭山調研省委全會精神貫徹落實情況") == "traditional"
    assert script_of("车俊在杭州萧山调研省委全会精神贯彻落实情况") == "simplified"


def test_lines_broken_by_print_columns_are_joined():
    assert join_broken_lines(["全区上下", "全员压上、全力以赴。", "各部门要落实,", "工作专班要推进。"]) == [
        "全区上下全员压上、全力以赴。",
        "各部门要落实,工作专班要推进。",
    ]
    assert join_broken_lines(["“赛举措,展作风。”", "会议传达了全国“两会”", "精神。"]) == [
        "“赛举措,展作风。”",
        "会议传达了全国“两会”精神。",
    ]
