"""HTML to text: the visible text, one line per block, nothing from head, scripts, nav or footer."""
from archive.importers.page.html import html_to_text, looks_like_html

from .seeds import XINJINGBAO, seed_text

PAGE = (
    "<html><head><title>考察结束_新京报</title><script>var stamp = '2001-01-01';</script>"
    "<style>p { margin: 0 }</style></head><body>"
    "<nav><a href='/'>首页</a> 2001-01-02</nav>"
    "<h1>考察结束,省委书记在返程火车上召开交流总结会</h1><div>新京报2023-04-15 15:32</div>"
    "<p>据《浙江日报》报道,一路走&nbsp;一路考察&amp;学习。</p><p>第二段<br>换行</p>"
    "<footer><p>声明:版权所有 2001-01-03</p></footer></body></html>"
)


def test_each_block_is_a_line_and_entities_are_decoded():
    lines = [line.strip() for line in html_to_text(PAGE).splitlines() if line.strip()]
    assert lines == [
        "考察结束,省委书记在返程火车上召开交流总结会",
        "新京报2023-04-15 15:32",
        "据《浙江日报》报道,一路走\u00a0一路考察&学习。",
        "第二段",
        "换行",
    ]


def test_head_scripts_navigation_and_footer_leave_nothing():
    text = html_to_text(PAGE)
    for absent in ("var stamp", "margin", "首页", "2001-01-02", "版权所有", "_新京报"):
        assert absent not in text


def test_a_captured_text_page_is_not_taken_for_html():
    assert looks_like_html(PAGE)
    assert not looks_like_html(seed_text(XINJINGBAO))
