"""The importer against bad input and faults: an import that was killed heals when run again,
damaged encodings cost a record not a file, oversized records are refused, every failure is
listed, a record repeated in a file is imported once, control characters never reach a feed,
a file is read a line at a time, a corpus an article at a time."""
import json
import re
import tracemalloc
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from archive import generation, importing, linking
from archive.importers import records as records_module
from archive.importers.readers import Problem, read_file
from archive.models import Article, Event, Evidence, ImportFollowUp, Mention, NameCandidate, Person, Position
from search import indexing
from search.models import PendingIndexUpdate

from .helpers import portal, search_json

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
EXCERPT = DATA / "pd199801_excerpt.txt"
RECORDS = DATA / "pd199801_records.txt"  # meetings, talks and chains of titles
NAMES = ["江泽民", "钱其琛", "李鹏", "陈云", "陈云林"]


def run_import(*args):
    """(stdout, stderr, the CommandError's message or None) of `import_articles ARGS`."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), None


def corpus_articles():
    return Article.objects.filter(source__name="人民日报")


def state():
    """What a reader and an editor see of the imported corpus."""
    return {
        "articles": corpus_articles().count(),
        "mentions": Mention.objects.filter(article__in=corpus_articles()).count(),
        "people": Person.objects.count(),
        "candidates": dict(NameCandidate.objects.values_list("name", "count")),
        "search": {name: search_json(q=name)["total"] for name in NAMES},
        "filter": {name: search_json(person=name)["total"] for name in NAMES},
        "queued": PendingIndexUpdate.objects.count(),
        "unfinished": ImportFollowUp.objects.count(),
        "positions": sorted(map(str, Position.objects.filter(evidence__article__in=corpus_articles()).distinct()
                            .values_list("person__name", "organization__name", "title", "first_attested", "last_attested"))),
        "events": sorted(Event.objects.filter(articles__in=corpus_articles()).distinct()
                         .values_list("kind", "start_date", "title")),
        "evidence": Evidence.objects.filter(article__in=corpus_articles()).count(),
    }


def forget_the_import(people_before):
    corpus_articles().delete()
    Person.objects.exclude(pk__in=people_before).delete()
    NameCandidate.objects.all().delete()
    indexing.rebuild()


class Killed(BaseException):
    """What the process meets when kill -9 stops it (nothing after runs)."""


@pytest.mark.parametrize("where", ["before linking", "before indexing"])
def test_an_import_killed_part_way_ends_identical_to_a_clean_one_when_run_again(fresh_index, monkeypatch, where):
    people_before = list(Person.objects.values_list("pk", flat=True))
    run_import(EXCERPT, RECORDS)  # 28 articles: two stand in both files
    clean = state()
    assert clean["articles"] == 28 and clean["mentions"] > 0 and clean["search"]["江泽民"] > 0
    assert clean["positions"] and clean["events"] and clean["evidence"]
    forget_the_import(people_before)

    def killed(*args, **kwargs):
        if corpus_articles().exists():  # once the batch is saved: not the drain before it
            raise Killed(where)

    target = (linking, "link_mentions") if where == "before linking" else (indexing, "drain")
    with monkeypatch.context() as patch:
        patch.setattr(*target, killed)
        with pytest.raises(Killed):
            run_import(EXCERPT, RECORDS)
    assert corpus_articles().count() == 18  # the first file's, saved and committed before the kill
    assert state()["search"]["江泽民"] < clean["search"]["江泽民"]  # not findable yet

    out, err, failed = run_import(EXCERPT, RECORDS)
    assert failed is None and "new 10, updated 0, unchanged 18, failed 0, repeated 2" in out  # 2 stand in both files
    assert "finished after an interrupted import 18" in out or where == "before indexing"
    assert state() == clean


def test_an_article_another_writer_saved_meanwhile_fails_alone_and_failures_are_listed_in_file_order(
        fresh_index, tmp_path, monkeypatch):
    """New articles go into the database together; when it refuses one of them (here: another
    writer saved its external_id after the import looked), it alone fails, listed in its place."""
    ok = {"body": "江泽民主席会见客人。", "published": "1998-01-02", "source": "测试报"}
    records = [
        {**ok, "title": "第一篇", "external_id": "t-1"},
        {**ok, "title": "另一个写入者也保存了", "external_id": "t-2"},
        {**ok, "title": "题" * 301, "external_id": "t-3"},
        {**ok, "title": "第四篇", "external_id": "t-4"},
    ]
    path = tmp_path / "new.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    existing = importing.Importer._existing

    def saved_meanwhile(self, records):
        found = existing(self, records)
        Article.objects.create(source=self._source("测试报"), external_id="t-2", title="早一步", body="另一个写入者的正文",
                               published=timezone.now())
        return found

    monkeypatch.setattr(importing.Importer, "_existing", saved_meanwhile)
    out, err, failed = run_import(path)
    listed = [line for line in err.splitlines() if line.startswith("skipped ")]
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in listed] == ["2", "3"] and "new 2" in out
    assert Article.objects.get(external_id="t-2").title == "早一步"  # left as the other writer saved it
    assert sorted(Article.objects.filter(external_id__in=["t-1", "t-4"]).values_list("title", flat=True)) == ["第一篇", "第四篇"]
    assert not ImportFollowUp.objects.exists() and search_json(q="第四篇")["total"] == 1


@pytest.mark.parametrize("source", [EXCERPT, "without places"])
def test_a_database_that_cannot_say_the_ids_of_a_bulk_insert_gets_the_articles_one_at_a_time(
        fresh_index, monkeypatch, tmp_path, source):
    if source == "without places":
        source = tmp_path / "plain.jsonl"
        source.write_text("\n".join(json.dumps(
            {"title": f"第{n}篇", "body": "江泽民主席会见客人。", "published": "1998-01-02", "source": "人民日报", "external_id": f"p-{n}"},
            ensure_ascii=False) for n in range(18)), encoding="utf-8")
    monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)  # SQLite before 3.35
    out, err, failed = run_import(source)
    assert failed is None and "new 18, updated 0, unchanged 0, failed 0" in out
    assert corpus_articles().count() == 18 and not ImportFollowUp.objects.exists()
    assert search_json(q="江泽民")["total"] > 0


def test_the_follow_up_of_a_killed_import_is_left_for_the_next_one(fresh_index, monkeypatch):
    def killed(*args, **kwargs):
        raise Killed

    before = generation.current()
    monkeypatch.setattr(linking, "link_mentions", killed)
    with pytest.raises(Killed):
        run_import(EXCERPT)
    assert ImportFollowUp.objects.count() == 18 and not Mention.objects.filter(article__in=corpus_articles()).exists()
    # the saved articles are queued for the index, and pages cached before them are stale
    queued = set(PendingIndexUpdate.objects.filter(model="archive.article").values_list("object_id", flat=True))
    assert set(corpus_articles().values_list("pk", flat=True)) <= queued
    assert generation.current() > before


def test_a_file_with_one_damaged_character_is_read_as_utf8_and_loses_only_that_record(fresh_index, tmp_path):
    lines = [json.dumps({"title": f"探针测试甲乙{i}", "body": f"第{i}篇正文。", "published": "2020-01-02", "source": "测试报"},
                        ensure_ascii=False) for i in range(5)]
    data = "\n".join(lines).encode("utf-8")
    damaged = data.replace("探针测试甲乙2".encode(), "探针测试甲乙2".encode()[:-4] + b"\xff\xfe\xfd" + b"2", 1)
    path = tmp_path / "damaged.jsonl"
    path.write_bytes(damaged)
    out, err, failed = run_import(path)
    assert "damaged.jsonl:3: not UTF-8 text" in err and failed
    assert sorted(Article.objects.filter(source__name="测试报").values_list("title", flat=True)) == [
        f"探针测试甲乙{i}" for i in (0, 1, 3, 4)
    ]
    assert Article.objects.filter(source__name="测试报").count() == 4  # no mojibake article besides


def test_a_utf8_file_cut_in_the_middle_of_a_character_keeps_its_good_lines(fresh_index, tmp_path):
    text = EXCERPT.read_bytes()
    path = tmp_path / "cut.txt"
    last_line_start = text.rstrip(b"\n").rfind(b"\n") + 1
    inside_a_character = next(i for i in range(last_line_start + 40, len(text)) if 0x80 <= text[i] < 0xC0)
    path.write_bytes(text[:inside_a_character])
    out, err, failed = run_import(path)
    assert "cut.txt:" in err and "left out" in err
    assert 15 <= corpus_articles().count() < 18  # every article but the one with the cut line


def test_a_gbk_file_is_still_read_as_gbk(fresh_index, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(EXCERPT.read_text(encoding="utf-8").encode("gb18030"))
    out, _, failed = run_import(path)
    assert failed is None and "new 18" in out


def test_records_beyond_the_size_limits_are_refused_with_file_and_line(fresh_index, tmp_path, monkeypatch):
    monkeypatch.setattr(records_module, "MAX_BODY_CHARS", 1000)
    monkeypatch.setattr(importing, "MAX_BODY_CHARS", 1000)
    good = {"title": "正常稿件", "body": "正文。", "published": "2020-01-02", "source": "测试报"}
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        good, {**good, "title": "超长正文", "body": "长" * 1001}, {**good, "title": "题" * 301},
    ]), encoding="utf-8")
    out, err, failed = run_import(path)
    assert "big.jsonl:2: body: 1,001 characters, more than the 1,000 an article may have" in err
    assert "big.jsonl:3: title:" in err
    assert list(Article.objects.filter(source__name="测试报").values_list("title", flat=True)) == ["正常稿件"]


def test_a_line_or_a_page_too_long_for_any_record_is_refused_unread(fresh_index, tmp_path, monkeypatch):
    from archive.importers import readers

    monkeypatch.setattr(readers, "MAX_LINE_CHARS", 5000)
    monkeypatch.setattr(readers, "MAX_PAGE_CHARS", 20000)
    jsonl = tmp_path / "huge.jsonl"
    jsonl.write_text(json.dumps({"title": "巨", "body": "浙江" * 5000, "published": "2020-01-02", "source": "测试报"},
                                ensure_ascii=False), encoding="utf-8")
    lines = EXCERPT.read_text(encoding="utf-8").splitlines()
    lines[0] += "  浙江/ns" * 1000
    pku = tmp_path / "huge-corpus.txt"
    pku.write_text("\n".join(lines), encoding="utf-8")
    page = tmp_path / "huge-page.txt"
    page.write_text("巨大页面\n2020-01-02 来源：测试报\n" + "浙江省委书记在杭州调研。" * 2000, encoding="utf-8")
    out, err, failed = run_import(jsonl, pku, page)
    assert "huge.jsonl:1: the line has 10,0" in err
    assert "huge-corpus.txt:1: article 19980101-01-001 left out: the line has" in err
    assert "huge-page.txt: the page has 24,0" in err
    assert not Article.objects.filter(source__name="测试报").exists()
    assert corpus_articles().count() == 17 and not corpus_articles().filter(external_id="19980101-01-001").exists()


def test_reading_a_corpus_file_takes_the_memory_of_an_article_however_long_the_file(tmp_path):
    """The tagged words of a paragraph take ten times the memory of its text: a reader that
    kept every article's, or the file's whole text, would need gigabytes for a year of the
    paper. Read a line and an article at a time, a file of 16 copies of the excerpt costs what
    one of 2 copies does."""
    text = EXCERPT.read_text(encoding="utf-8")
    articles = len({line[:15] for line in text.splitlines() if line.strip()})

    def peak_reading(copies):
        days = [re.sub(r"^199801\d\d", f"1998{1 + n // 28:02d}{1 + n % 28:02d}", text, flags=re.M) for n in range(copies)]
        path = tmp_path / f"{copies}-days.txt"
        path.write_text("".join(days), encoding="utf-8")
        tracemalloc.start()
        try:
            read = sum(1 for item in read_file(path) if not isinstance(item, Problem))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert read == copies * articles
        return peak

    assert peak_reading(16) < 1.5 * peak_reading(2)


def test_every_failure_is_listed_with_file_line_and_reason(fresh_index, tmp_path):
    ok = {"title": "好标题", "body": "正文内容。", "published": "2020-01-02", "source": "测试报"}
    bad = [
        {**ok, "body": "   "},
        {**ok, "title": "题" * 301},
        {**ok, "title": "脚本链接", "url": "javascript:alert(1)"},
        {**ok, "title": "坏链接", "url": "not a url"},
        {**ok, "title": "长编号", "external_id": "x" * 101},
        {**ok, "title": "公元一年", "published": "0001-01-01"},
        {**ok, "title": "长作者", "author": "作" * 300},
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([json.dumps(r, ensure_ascii=False) for r in bad] + ["{broken", json.dumps(ok, ensure_ascii=False)]),
                    encoding="utf-8")
    out, err, failed = run_import(path)
    listed = [line for line in err.splitlines() if line.startswith("skipped ")]
    assert len(listed) == 8 and "failed 8" in out and "8 records" in failed
    for number in range(1, 9):
        assert any(f"bad.jsonl:{number}: " in line for line in listed), number
    assert list(Article.objects.filter(source__name="测试报").values_list("title", flat=True)) == ["好标题"]


def test_a_record_repeated_in_a_file_is_imported_once_and_a_conflict_is_reported_once(fresh_index, tmp_path):
    ok = {"body": "正文内容。", "published": "2020-01-02", "source": "测试报"}
    rows = [{**ok, "title": "同一篇"}, {**ok, "title": "同一篇"},
            {**ok, "title": "第一版", "external_id": "dup-1"}, {**ok, "title": "第二版", "external_id": "dup-1"}]
    path = tmp_path / "dups.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    for _ in range(2):
        out, err, failed = run_import(path)
        assert err.count("dup-1") == 1 and "dups.jsonl:4: external_id dup-1 was read already at" in err
        assert "updated 0" in out and "failed 1" in out
        titles = sorted(Article.objects.filter(source__name="测试报").values_list("title", flat=True))
        assert titles == ["同一篇", "第一版"]


def test_control_characters_are_stripped_on_import_and_the_feed_stays_valid(fresh_index, tmp_path):
    record = {"title": "控制\x01字符\x1b测试", "body": "正文\u0000里有\x07控制字符。", "published": "2020-01-02",
              "source": "测试报", "author": "记者\x08甲"}
    path = tmp_path / "controls.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out, err, failed = run_import(path)
    assert failed is None
    article = Article.objects.get(source__name="测试报")
    assert (article.title, article.body, article.author) == ("控制字符测试", "正文里有控制字符。", "记者甲")
    response = portal().get("/search/feed/", {"q": "控制字符"})
    assert response.status_code == 200
    assert [e.find("{http://www.w3.org/2005/Atom}title").text
            for e in ET.fromstring(response.content).findall("{http://www.w3.org/2005/Atom}entry")] == ["控制字符测试"]

