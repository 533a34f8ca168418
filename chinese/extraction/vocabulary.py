"""The words of posts as Chinese news writes them: heads, modifiers, bodies, former markers.

One list, used by the extractor (chinese.extraction.titles) and by the benchmark that
judges it (bench/extraction_judgments.py), so both read "a title" the same way. The rules
are those of /work/shared/design/records.md, summed up in bench/README.md.
"""

#: The head of a post: the last word of a title, the one a name follows (国务院副[总理]钱其琛).
#: Political and administrative posts only: no trades (记者, 演员), no sports roles.
HEADS = frozenset("""
总书记 书记 常委 委员 候补委员 秘书长 组长 主任 主席 委员长 总理 国务委员 国家主席 部长 省长 市长 区长
县长 州长 镇长 乡长 局长 厅长 院长 检察长 审计长 署长 司长 处长 所长 校长 行长 社长 会长 理事长 董事长
总经理 总裁 团长 大使 总领事 领事 参赞 特使 总统 首相 国王 女王 王储 亲王 苏丹 总督 议长 大臣 国务卿
总司令 司令员 司令 政委 政治委员 参谋长 总参谋长 行政长官 发言人 总干事 党组书记
""".split())

#: Short forms of a body and its head: 外长 is 外交部长 (外交部 + 部长).
SHORT_FORMS = {"外长": ("外交部", "部长"), "防长": ("国防部", "部长"), "财长": ("财政部", "部长")}

#: Words before a head that belong to the title: 副总理 is not 总理.
MODIFIERS = ("常务副", "常务", "副", "代理", "代", "名誉", "第一", "执行", "首席", "候补")

#: Words that mark a post held before: 前总统, 原国务院副总理.
FORMER = ("前", "原", "已故")

#: Heads that restate the kind of their body (部长 heads a 部): 外交部长 is 外交部 + 部长,
#: 浙江省长 is 浙江省 + 省长.
BODY_OF_HEAD = {
    "部长": "部", "局长": "局", "厅长": "厅", "院长": "院", "省长": "省", "市长": "市", "区长": "区", "县长": "县",
    "州长": "州", "镇长": "镇", "乡长": "乡", "署长": "署", "司长": "司", "处长": "处", "所长": "所", "社长": "社",
    "行长": "行", "会长": "会", "校长": "校",
}

#: Endings of the words that name a body: 外交部, 国家计委, 中共浙江省委, 杭钢集团有限公司.
BODY_ENDINGS = (
    "中央", "政治局", "书记处", "军委", "纪委", "委员会", "常委会", "省委", "市委", "区委", "县委", "州委", "镇委", "党委", "党组",
    "政府", "人大", "政协", "国务院", "部", "委", "局", "厅", "署", "办", "办公室", "院", "法院", "检察院", "会", "协会",
    "联合会", "集团", "公司", "银行", "大学", "学院", "研究所", "军区", "总部", "大使馆", "组", "省", "市", "区", "县", "州",
)

#: Words that open a body's name: 中共浙江省委, 中国科学院, 全国政协.
BODY_PREFIXES = ("中共", "中国", "全国", "国家")

#: Party committees get the party's name in front (浙江省委 -> 中共浙江省委).
PARTY_COMMITTEES = ("省委", "市委", "区委", "县委", "州委", "镇委")
#: Bodies every place has, named without the place (区人大常委会副主任): whose they are is for
#: the archive to tell from the person's known posts.
PLACE_BODIES = ("人大常委会", "人大", "政协", "人民政府", "政府", "纪委", "组织部", "宣传部", "统战部", "人民法院", "法院",
                "人民检察院", "检察院", "党委", "党组")

#: For each kind of body, the heads it has: an organization carries over to the next title of
#: a chain only when that title is one of its heads (区委副书记、区长: the 区长 is not the 区委's).
HEADS_OF_BODY = {
    "party": frozenset({"总书记", "书记", "副书记", "常委", "委员", "候补委员", "秘书长", "党组书记"}),
    "国务院": frozenset({"总理", "国务委员", "秘书长"}),
    "ministry": frozenset({"部长", "主任", "局长", "发言人"}),
}
