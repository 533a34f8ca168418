"""The snippet under each result: every occurrence it shows is marked, and the same search
always shows the same passages."""
import re

from chinese.names import NameIndex
from search.highlight import Highlighter
from search.query_parser import parse_query

FILLER = "。各地区各部门认真贯彻落实中央的部署要求，扎实推进各项工作，取得了明显成效"


def snippet(query, text, names=None):
    return Highlighter(parse_query(query), names or NameIndex()).snippet(text)


def unmarked(html, term):
    """Occurrences of ``term`` in ``html`` outside <mark>."""
    return re.sub(r"<mark>.*?</mark>", "", html).count(term)


def test_every_occurrence_a_snippet_shows_is_marked():
    text = "经济工作会议指出，经济发展" + "稳中有进，经济结构持续优化，社会主义市场经济体制" * 6 + FILLER
    html = snippet("经济", text)
    assert html.count("<mark>经济</mark>") >= 3
    assert unmarked(html, "经济") == 0


def test_passages_never_show_the_same_text_twice():
    text = "".join(f"第{n}次改革开放以来，我国社会生产力{FILLER[:12 + len(n)]}" for n in "一二三四五六")
    html = snippet("改革", text)
    spans = []
    for passage in filter(None, html.split("…")):
        plain = passage.replace("<mark>", "").replace("</mark>", "")
        start = text.index(plain)
        spans.append((start, start + len(plain)))
    assert len(spans) == 2
    assert spans[0][1] <= spans[1][0], spans


def test_a_passage_never_cuts_a_name_in_two():
    # the third 克林顿 begins inside the first passage's context and ends past it (People's
    # Daily 1998-01-23: the snippet showed "克…林顿夫人", the name's end unmarked)
    filler = FILLER * 3
    text = "克林顿" + filler[:74] + "克林顿" + filler[:38] + "克林顿" + filler[:60]
    html = snippet("克林顿", text)
    assert html.count("<mark>克林顿</mark>") == 3
    assert unmarked(html, "林") == unmarked(html, "顿") == 0
    shown = html.replace("<mark>", "").replace("</mark>", "").split("…")
    assert "".join(shown) == text[: len("".join(shown))]  # each passage goes on where the last stopped


def test_equal_passages_are_chosen_earliest_first_every_time():
    # four passages of one match each: the two shown are the first two, whatever the memory layout
    text = "".join(f"第{n}段提到香港回归{FILLER}{FILLER}" for n in "一二三四")
    first = snippet("香港", text)
    assert "第一段" in first and "第二段" in first and "第四段" not in first
    assert all(snippet("香港", text) == first for _ in range(20))
