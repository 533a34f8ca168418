"""The seed fixture (fixtures/seed.json) against the five captured seed pages it was built from."""
import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import opencc
import pytest
from django.core.management import call_command

from archive.importers.page.cleaning import squash_whitespace, strip_pinyin_annotations
from archive.models import Alias, Article, Event, Participation, Person, Place, Position, Source
from archive.slugs import slug_base
from chinese.romanize import latin_key, person_pinyin, place_pinyin

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "seed.json"
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
SHANGHAI = ZoneInfo("Asia/Shanghai")
# Slugs where pypinyin misreads a polyphonic character of the name.
SLUG_READING = {"郑栅洁": "zheng-shan-jie"}
# Names in Latin letters that editors wrote: the same misreading, a country's English name.
ROMANIZED_BY_EDITORS = {"郑栅洁": "Zheng Shanjie", "中国": "China"}
T2S = opencc.OpenCC("t2s")

# Which source each seed page came from; every source below holds one seed's articles.
SEED_SOURCE = {
    "000_144f163ecfe9ac55.txt": "萧山网",
    "001_a6dc616c4cd3605f.txt": "柯桥传媒集团",
    "002_f01f967e1e8e54bf.txt": "未署名杭州网站",
    "003_2ac1a77de42346ef.txt": "新京报",
    "004_9cfe04800aa1e3ee.txt": "今日拱墅",
}
ARTICLES_PER_SEED = {
    "000_144f163ecfe9ac55.txt": 1,
    "001_a6dc616c4cd3605f.txt": 1,
    "002_f01f967e1e8e54bf.txt": 1,
    "003_2ac1a77de42346ef.txt": 1,
    "004_9cfe04800aa1e3ee.txt": 7,
}

# Lines of each seed page that are deliberately not article text: navigation, dates,
# bylines moved to author/editor, captions that only repeat the text, link lists, footers.
DROPPED = {
    "000_144f163ecfe9ac55.txt": [r"^您的位置:", r"^更新時間:", r"^作者:\s*編輯:"],
    "001_a6dc616c4cd3605f.txt": [
        r"^2020-05-09 21:22:03\s",  # date, authors and editor login
        r"^5月9日,全省开发区\(园区\)改革提升推进会在绍兴举行.*摄$",  # captions repeating the lead
        r"柯桥新闻—", r"^点击观看精彩视频$",  # video block
        r"^系统性重构 创新性变革$", r"^建设高水平现代化平台体系$",  # print headline = web title
        r"^来源:", r"^编辑:", r"^热门", r"^打开笛扬新闻", r"^没看够", r"立即下载",
        r" 20\d\d-\d\d-\d\d \d\d:\d\d:\d\d$",  # "hot" links with their times
    ],
    "002_f01f967e1e8e54bf.txt": [r"^联系我们$", r"^作者:", r"^\[打印\]$", r"^注:本站", r"^声明:", r"上周热点"],
    "003_2ac1a77de42346ef.txt": [
        r"^登陆注册$", r"^\d+$", r"^新京报20", r"^责任编辑:", r"^评论列表$", r"^共\(0\)条$",
        r"\(浙江卫视画面\)$", r"\(来源:浙江发布\)$",  # doubled captions repeating the text
    ],
    "004_9cfe04800aa1e3ee.txt": [
        r"^2020年6月12日 星期五$", r"^庚子年", r"^本期8版$", r"^新闻热线", r"^今日拱墅$", r"主办 .*承办$",
        r"^\(下转2版\)$", r"^导读$", r"^南风传佳讯", r"^——拱墅党政代表团", r"^» 详见", r"^16家单位同台PK",
        r"^拱墅打响“战疫情 促发展”大比武擂台赛$",
    ],
}
BYLINE = re.compile(r"^本报讯\(([^)]*)\)")
PHOTO_CREDIT = re.compile(r"(?:浙江新闻客户端记者|全媒体记者) \S+ 摄$")
CONTINUATION = re.compile(r"\((?:下转|上接)\d+版\)$")
PINYIN_PARENS = re.compile(r"[(（][a-zü\sāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+[)）]")

CLUTTER = [
    "您的位置", "更新时间", "更新時間", "内容来源", "內容來源", "责任编辑", "編輯:", "编辑:", "作者:",
    "来源:柯桥传媒集团", "下转", "上接", "导读", "详见", "本报讯", "热门", "点击观看", "立即下载",
    "笛扬新闻", "评论", "[打印]", "浏览:", "注:本站", "声明:", "上周热点", "登陆注册",
    "浙江卫视画面", "来源:浙江发布", "本期8版", "新闻热线",
]


def seed_lines(name):
    text = strip_pinyin_annotations((SEEDS / name).read_text(encoding="utf-8"))
    return [line.strip() for line in text.splitlines() if line.strip()]


def seed_text(name):
    return squash_whitespace(strip_pinyin_annotations((SEEDS / name).read_text(encoding="utf-8")))


def article_fields(article):
    return [article.title, article.kicker, article.subtitle, article.body, article.author, article.editor, article.issue]


def readable_text(article):
    """Everything a reader sees of the article, in simplified characters."""
    text = "\n".join(article_fields(article))
    return T2S.convert(text) if article.script == Article.Script.TRADITIONAL else text


@pytest.fixture
def seeded(db):
    call_command("loaddata", str(FIXTURE), verbosity=0)


def articles_of(seed):
    return list(Article.objects.filter(source__name=SEED_SOURCE[seed]).order_by("pk"))


# --- strip_pinyin_annotations


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("蕭山網(wǎng)", "蕭山網"),
        ("調(diào)研", "調研"),
        ("車俊在杭州蕭山調(diào)研省委全會(huì)精神", "車俊在杭州蕭山調研省委全會精神"),
        ("領(lǐng)導(dǎo)報(bào)道集", "領導報道集"),
        ("展現(xiàn)頭雁風(fēng)采", "展現頭雁風采"),
        ("區(qū)領(lǐng)導(dǎo)章登峰", "區領導章登峰"),
        ("現（xiàn）在", "現在"),  # full-width parentheses
        ("現在(xiàn zài)", "現在"),  # several syllables
        ("女(nǚ)兒", "女兒"),
    ],
)
def test_strip_pinyin_annotations_removes_readings(raw, clean):
    assert strip_pinyin_annotations(raw) == clean


@pytest.mark.parametrize(
    "text",
    [
        "本报讯（记者 张三）今天",
        "本报讯(记者 梦诗三祝 通讯员 金佩华)6月6日上午",
        "年度报告(2020)",
        "全省开发区(园区)改革提升推进会",
        "宝时得科技(中国)有限公司",
        "下载(app)安装",  # Latin without tone marks is not a reading
        "(diào)开头没有汉字",
        "价格(¥100)",
    ],
)
def test_strip_pinyin_annotations_leaves_ordinary_parentheses(text):
    assert strip_pinyin_annotations(text) == text


def test_seed_000_has_no_pinyin_left_after_stripping():
    raw = (SEEDS / "000_144f163ecfe9ac55.txt").read_text(encoding="utf-8")
    assert PINYIN_PARENS.search(raw)
    assert not PINYIN_PARENS.search(strip_pinyin_annotations(raw))


def test_squash_whitespace():
    assert squash_whitespace(" 全区上下\n\n全员压上\u3000 ") == "全区上下全员压上"


# --- articles against their seeds


@pytest.mark.django_db
def test_counts(seeded):
    for seed, n in ARTICLES_PER_SEED.items():
        assert len(articles_of(seed)) == n, seed
    assert Article.objects.count() == sum(ARTICLES_PER_SEED.values())
    assert Source.objects.count() == 6
    assert Person.objects.count() >= 80
    assert Event.objects.count() >= 16
    assert Place.objects.filter(parent=None).get().name == "中国"


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEED_SOURCE)
def test_every_paragraph_comes_from_the_seed(seeded, seed):
    source = seed_text(seed)
    for article in articles_of(seed):
        assert article.body.strip() == article.body
        for paragraph in article.body.split("\n"):
            assert paragraph and paragraph == paragraph.strip(" \t\u3000\xa0"), (article.pk, paragraph)
            assert squash_whitespace(paragraph) in source, (article.pk, paragraph)
        for field in (article.kicker, article.subtitle, article.author, article.editor):
            assert squash_whitespace(field) in source, (article.pk, field)
        if article.title != "中科院计算所数字经济产业研究院(杭州分所)揭牌":  # the capture lost this headline
            assert squash_whitespace(article.title) in source, article.title


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEED_SOURCE)
def test_every_seed_line_is_in_an_article_or_deliberately_dropped(seeded, seed):
    articles = articles_of(seed)
    fields = [squash_whitespace(f) for a in articles for f in article_fields(a) if f]
    fields += [squash_whitespace(a.title + a.subtitle) for a in articles]
    for line in seed_lines(seed):
        if any(re.search(pattern, line) for pattern in DROPPED[seed]):
            continue
        byline = BYLINE.match(line)
        if byline:
            assert any(a.author == byline.group(1) for a in articles), line
            line = line[byline.end():]
        line = CONTINUATION.sub("", PHOTO_CREDIT.sub("", line))
        assert any(squash_whitespace(line) in f for f in fields), line


@pytest.mark.django_db
def test_bodies_hold_no_clutter(seeded):
    for article in Article.objects.all():
        for word in CLUTTER:
            assert word not in article.body, (article.pk, word)
        assert strip_pinyin_annotations(article.body) == article.body
        assert not PINYIN_PARENS.search(article.body + article.title + article.kicker + article.subtitle)
        assert not re.search(r"\s摄$", article.body, re.M), article.pk
        paragraphs = article.body.split("\n")
        assert paragraphs[0] != article.title
        assert article.kicker not in paragraphs and article.subtitle not in paragraphs


@pytest.mark.django_db
def test_key_paragraphs_present(seeded):
    def body(seed):
        return "\n".join(a.body for a in articles_of(seed))

    assert "昨日,省委書記車俊在杭州蕭山調研省委十四屆七次全會精神貫徹落實情況" in body("000_144f163ecfe9ac55.txt")
    assert "區領導章登峰、裘超、洪松法、趙立明等陪同調研或參加座談會。" in body("000_144f163ecfe9ac55.txt")
    assert "全省开发区(园区)改革提升推进会今天在绍兴举行" in body("001_a6dc616c4cd3605f.txt")
    assert "区领导沈志江、赵如浪、孙彦、方优美等陪同考察。" in body("001_a6dc616c4cd3605f.txt")
    assert "市、区领导马卫光、沈志江陪同省领导参观蓝印时尚小镇客厅。" in body("001_a6dc616c4cd3605f.txt")
    assert "努力成为清廉城市建设的实践范例" in body("002_f01f967e1e8e54bf.txt")
    assert body("002_f01f967e1e8e54bf.txt").endswith("推动基层党建全面进步、全面过硬。")
    assert "浙江省委书记易炼红主持会议并讲话" in body("003_2ac1a77de42346ef.txt")
    assert body("003_2ac1a77de42346ef.txt").endswith("以更高质量一体化助力现代化建设新实践。")
    gongshu = body("004_9cfe04800aa1e3ee.txt")
    # parts split across the page's columns are joined back into their sentences
    for joined in ("全区上下全员压上", "一份高分答卷。", "各级各部门要全力以赴推进工作落实,工作专班要", "拱墅和黄平两地坚决",
                   "全力助推黄平", "更离不开拱墅扶贫干部", "把思想和行动统一到", "继续开展政府民生实事",
                   "区检察院检察长罗有顺", "全国“两会”精神,协商通过", "分层次、多形式", "仍然是当前一切工作", "持续对标MEI"):
        assert joined in gongshu, joined


@pytest.mark.django_db
def test_gongshu_issue(seeded):
    articles = articles_of("004_9cfe04800aa1e3ee.txt")
    for article in articles:
        assert article.published.astimezone(SHANGHAI).date() == datetime.date(2020, 6, 12)
        assert article.issue == "第23期（总第1079期）"
        assert article.page == "1"
        assert "导读" not in article.title and "南风传佳讯" not in article.title + article.body
        assert "本报讯" not in article.body and article.author
    titles = {a.title for a in articles}
    assert "朱建明率队赴贵州省贵安新区、黄平县考察调研" in titles
    assert "区政府党组会议传达学习全国两会精神" in titles
    contest = next(a for a in articles if a.title.startswith("2020年度拱墅区第一轮"))
    assert contest.subtitle == "打好指标追赶战进位战 确保交出经济高分答卷"
    assert contest.author == "记者 梦诗三祝 通讯员 金佩华 方苏"


@pytest.mark.django_db
def test_article_metadata(seeded):
    xiaoshan = articles_of("000_144f163ecfe9ac55.txt")[0]
    assert xiaoshan.script == Article.Script.TRADITIONAL
    assert xiaoshan.published == datetime.datetime(2020, 7, 3, 10, 14, 23, tzinfo=SHANGHAI)
    assert xiaoshan.title == "車俊在杭州蕭山調研省委全會精神貫徹落實情況 佟桂莉陪同"
    assert xiaoshan.kicker == "車俊在杭州蕭山調研省委全會精神貫徹落實情況時強調"
    assert xiaoshan.editor == "樓晶伊"
    keqiao = articles_of("001_a6dc616c4cd3605f.txt")[0]
    assert keqiao.published == datetime.datetime(2020, 5, 9, 21, 22, 3, tzinfo=SHANGHAI)
    assert keqiao.subtitle == "袁家军主持 郑栅洁出席" and keqiao.editor == "冯娣"
    assert articles_of("003_2ac1a77de42346ef.txt")[0].published == datetime.datetime(
        2023, 4, 15, 15, 32, 52, tzinfo=SHANGHAI
    )
    for article in Article.objects.all():
        if article.source.name != "萧山网":
            assert article.script == Article.Script.SIMPLIFIED
        assert article.content_hash == Article.hash_content(article.title, article.body)
        assert article.created == article.updated == article.published
        assert article.places.exists()


@pytest.mark.django_db
def test_article_places_are_named_in_the_article(seeded):
    for article in Article.objects.prefetch_related("places"):
        text = readable_text(article)
        for place in article.places.all():
            stem = re.sub(r"(新区|省|市|区|县|州)$", "", place.name)
            assert place.name in text or stem in text or place == article.source.region, (article.pk, place.name)


# --- people, positions and events


def names_of(person):
    return [person.name, *(alias.name for alias in person.aliases.all())]


def named_in(person, article):
    text = "\n".join(article_fields(article))
    return any(name in text for name in names_of(person)) or person.name in readable_text(article)


@pytest.mark.django_db
def test_people_linked_to_an_article_are_named_in_it(seeded):
    checked = 0
    for position in Position.objects.select_related("person", "attested_by"):
        assert position.attested_by is not None
        assert named_in(position.person, position.attested_by), (position.person.name, position.attested_by_id)
        checked += 1
    for participation in Participation.objects.select_related("person", "event"):
        articles = list(participation.event.articles.all())
        assert articles, participation.event.title
        for article in articles:
            assert named_in(participation.person, article), (participation.person.name, article.pk)
            checked += 1
    assert checked > 150


@pytest.mark.django_db
def test_every_person_is_named_in_some_article(seeded):
    articles = list(Article.objects.all())
    for person in Person.objects.prefetch_related("aliases"):
        assert any(named_in(person, a) for a in articles), person.name
        base = SLUG_READING.get(person.name) or slug_base(person.name)
        assert re.fullmatch(rf"{re.escape(base)}(-\d+)?", person.slug), person.slug


@pytest.mark.django_db
def test_people_and_places_have_their_names_in_latin_letters_as_generated_or_corrected(seeded):
    for person in Person.objects.all():
        expected = ROMANIZED_BY_EDITORS.get(person.name) or person_pinyin(person.name)
        assert (person.romanized, person.romanized_key) == (expected, latin_key(expected)), person.name
    for place in Place.objects.all():
        generated = "" if place.kind == Place.Kind.COUNTRY else place_pinyin(place.name)
        assert place.romanized == ROMANIZED_BY_EDITORS.get(place.name, generated), place.name


@pytest.mark.django_db
def test_traditional_aliases(seeded):
    assert Alias.objects.filter(person__name="车俊", name="車俊", kind=Alias.Kind.TRADITIONAL).exists()
    assert not Alias.objects.filter(person__name="佟桂莉").exists()
    xiaoshan = articles_of("000_144f163ecfe9ac55.txt")[0]
    for alias in Alias.objects.select_related("person"):
        assert alias.kind == Alias.Kind.TRADITIONAL and alias.name != alias.person.name
        assert T2S.convert(alias.name) == alias.person.name
        assert alias.name in "\n".join(article_fields(xiaoshan))
    # everyone named in the traditional article can be found there by name or alias
    for person in Person.objects.filter(participations__event__articles=xiaoshan).distinct():
        assert any(n in xiaoshan.body + xiaoshan.title for n in names_of(person)), person.name


@pytest.mark.django_db
def test_positions(seeded):
    for position in Position.objects.all():
        assert position.end_date is None or position.start_date is None or position.end_date >= position.start_date
    secretaries = {p.person.name for p in Position.objects.filter(title="书记", organization__name="中共浙江省委")}
    assert secretaries == {"车俊", "易炼红"}
    assert Position.objects.filter(person__name="章燕", title="区长", organization__name="拱墅区人民政府").exists()
    assert Position.objects.filter(person__name="周江勇", title="书记", organization__name="中共杭州市委").exists()
    # a post reads as people write it: the body is never said twice
    labels = {p.label for p in Position.objects.filter(person__name__in=["车俊", "吴才敏", "王美芳"])}
    assert labels == {"中共浙江省委书记", "拱墅区人大常委会党组书记", "拱墅区人大常委会主任", "拱墅区人民法院院长"}


@pytest.mark.django_db
def test_events(seeded):
    def event(title):
        return Event.objects.get(title=title)

    def roles(ev, name):
        return set(ev.participations.filter(person__name=name).values_list("role", flat=True))

    for ev in Event.objects.all():
        assert ev.end_date is None or ev.end_date >= ev.start_date
        assert ev.summary and ev.articles.exists()
        for article in ev.articles.all():
            assert ev.start_date <= article.published.astimezone(SHANGHAI).date()
    inspection = event("车俊在杭州萧山调研省委十四届七次全会精神贯彻落实情况")
    assert inspection.start_date == datetime.date(2020, 7, 2)  # "昨日" in a report of 2020-07-03
    assert roles(inspection, "佟桂莉") == {"accompanied"}
    forum = event("车俊在萧山主持召开贯彻落实省委全会精神座谈会")
    assert roles(forum, "车俊") == {"presided", "spoke"}
    conference = event("全省开发区(园区)改革提升推进会")
    assert conference.place.name == "绍兴市" and roles(conference, "袁家军") == {"presided", "spoke"}
    assert event("中共杭州市委十二届九次全体(扩大)会议").start_date == datetime.date(2020, 6, 28)
    train = event("浙江省党政代表团赴江苏、上海学习考察交流总结会")
    assert train.start_date == datetime.date(2023, 4, 13) and roles(train, "易炼红") == {"presided", "spoke"}
    guizhou = event("拱墅区党政代表团赴贵州省贵安新区、黄平县考察")
    assert (guizhou.start_date, guizhou.end_date) == (datetime.date(2020, 6, 8), datetime.date(2020, 6, 11))
    assert roles(guizhou, "朱建明") == {"led"}
    joint = event("拱墅区黄平东西部扶贫协作联席会")
    assert roles(joint, "潘文宏") == {"presided"} and roles(joint, "顾建强") == {"reported"}
    ceremony = event("中科院计算所数字经济产业研究院(杭州分所)揭牌仪式")
    assert ceremony.start_date == datetime.date(2020, 6, 6) and roles(ceremony, "孙凝晖") == {"attended", "spoke"}
    assert event("2020年度拱墅区第一轮“战疫情 促发展”大比武活动").start_date == datetime.date(2020, 6, 5)
    assert {e.place.name for e in Event.objects.filter(kind=Event.Kind.STUDY_TOUR)} == {"江苏省", "上海市"}
