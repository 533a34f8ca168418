"""The import command on real files: the corpus excerpt, captured pages, JSON lines and broken input."""
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from archive import generation
from archive.models import Article, NameCandidate, Person

from .helpers import result_ids, search_json

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
EXCERPT = DATA / "pd199801_excerpt.txt"


def run_import(*args):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failing_import(*args):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(failure.value)


def corpus_articles():
    return Article.objects.filter(source__name="人民日报")


def test_corpus_excerpt_imports_every_article_with_its_external_id_and_is_findable(fresh_index):
    out, _ = run_import(EXCERPT)
    assert corpus_articles().count() == 18
    assert "new 18, updated 0, unchanged 0, failed 0" in out
    first = Article.objects.get(external_id="19980101-01-001")
    assert first.title.startswith("迈向充满希望的新世纪")
    assert timezone.localtime(first.published).isoformat() == "1998-01-01T00:00:00+08:00" and first.page == "1"
    data = search_json(q="迈向充满希望的新世纪")
    assert data["results"][0]["external_id"] == "19980101-01-001"


def test_an_import_batch_moves_the_content_generation_a_few_times_not_once_per_article(fresh_index):
    """Every cached page and search answer is stale once the generation moves; a batch moves it
    at its end (and the index after writing it), not for each of its articles' saves."""
    before = generation.current()
    run_import(EXCERPT)
    assert 0 < generation.current() - before < 6 < corpus_articles().count()


def test_corpus_names_become_people_and_mentions_and_the_person_filter_lists_them(fresh_index):
    run_import(EXCERPT)
    jiang = Person.objects.get(name="江泽民")
    naming = {a.external_id for a in corpus_articles() if "江泽民" in a.body or "江泽民" in a.title}
    assert {m.article.external_id for m in jiang.mentions.all()} == naming
    found = {r["external_id"] for r in search_json(person="江泽民", page_size=100)["results"]}
    assert found == naming


def test_chen_yun_is_not_chen_yunlin(fresh_index):
    run_import(EXCERPT)
    chen_yun = {r["external_id"] for r in search_json(q="陈云")["results"]}
    chen_yunlin = {r["external_id"] for r in search_json(q="陈云林")["results"]}
    assert chen_yun and chen_yunlin and not chen_yun & chen_yunlin
    assert all("陈云林" in Article.objects.get(external_id=e).body for e in chen_yunlin)


def test_full_width_digits_in_the_corpus_meet_ascii_queries(fresh_index):
    run_import(EXCERPT)
    ascii_ids = result_ids(search_json(q="1998年", page_size=100))
    assert ascii_ids == result_ids(search_json(q="１９９８年", page_size=100))
    assert len(ascii_ids) == sum("１９９８年" in a.title + a.body for a in Article.objects.all())


def test_reporters_in_bylines_are_authors_not_mentioned_officials(fresh_index):
    run_import(EXCERPT)
    article = Article.objects.get(external_id="19980101-01-001")
    assert "兰红光" in article.author
    assert not article.mentions.filter(person__name="兰红光").exists()


def test_importing_twice_adds_nothing_and_a_changed_article_is_updated_in_place(fresh_index, tmp_path):
    run_import(EXCERPT)
    ids = set(corpus_articles().values_list("pk", flat=True))
    out, _ = run_import(EXCERPT)
    assert "new 0, updated 0, unchanged 18" in out
    changed = tmp_path / "changed.txt"
    changed.write_text(EXCERPT.read_text(encoding="utf-8").replace("迈向/v  充满/v", "走向/v  充满/v", 1), encoding="utf-8")
    out, _ = run_import(changed)
    assert "new 0, updated 1, unchanged 17" in out
    assert set(corpus_articles().values_list("pk", flat=True)) == ids
    assert search_json(q="走向充满希望")["results"][0]["external_id"] == "19980101-01-001"


def test_a_gbk_file_imports_like_utf8(fresh_index, tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(EXCERPT.read_text(encoding="utf-8").encode("gb18030"))
    out, _ = run_import(gbk)
    assert "new 18" in out


def test_broken_files_are_reported_with_file_and_line_and_the_rest_goes_on(fresh_index, tmp_path):
    lines = EXCERPT.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.txt"
    # article 19980101-01-003 gets a truncated compound on one of its lines
    bad_index = next(i for i, line in enumerate(lines) if line.startswith("19980101-01-003"))
    lines[bad_index] = lines[bad_index] + "  [中央/n  人民/n"
    broken.write_text("\n".join(lines), encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out, err, message = failing_import(broken, binary, empty)
    assert f"broken.txt:{bad_index + 1}: article 19980101-01-003 left out" in err
    assert "image.txt: the file is binary" in err and "empty.txt: the file is empty" in err
    assert "3 records or files could not be imported" in message
    assert "new 17" in out
    assert not Article.objects.filter(external_id="19980101-01-003").exists()  # nothing half-written


def test_an_article_whose_lines_stand_apart_is_left_out_whole_when_one_of_them_is_broken(fresh_index, tmp_path):
    lines = EXCERPT.read_text(encoding="utf-8").splitlines()
    first = [i for i, line in enumerate(lines) if line.startswith("19980101-01-001")]
    moved = lines[first[-1]]  # its last paragraph printed after the next article
    rest = lines[: first[-1]] + lines[first[-1] + 1 :]
    after = max(i for i, line in enumerate(rest) if line.startswith("19980101-01-003"))
    rest.insert(after + 1, moved)
    rest[first[0]] += "  [中央/n  人民/n"  # its first line broken
    apart = tmp_path / "apart.txt"
    apart.write_text("\n".join(rest) + "\n", encoding="utf-8")
    out, err, message = failing_import(apart)
    assert f"apart.txt:{first[0] + 1}: article 19980101-01-001 left out" in err
    assert "new 17" in out and "1 records or files could not be imported" in message
    assert not Article.objects.filter(external_id="19980101-01-001").exists()  # no half of it either


def test_a_corpus_file_that_opens_with_a_full_width_space_is_still_read_as_the_corpus(fresh_index, tmp_path):
    spaced = tmp_path / "spaced.txt"
    spaced.write_text("\u3000\n" + EXCERPT.read_text(encoding="utf-8"), encoding="utf-8")
    out, _ = run_import(spaced)
    assert "new 18" in out and corpus_articles().count() == 18


def test_jsonl_records_and_bad_lines(fresh_index, tmp_path):
    path = tmp_path / "archive.jsonl"
    good = {"title": "省委书记易炼红调研数字经济", "body": "易炼红在杭州调研数字经济发展。", "published": "2023-05-01T09:30:00",
            "source": "浙江日报", "url": "https://example.org/1", "author": "记者 甲"}
    path.write_text("\n".join([json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"title": "无正文"})]),
                    encoding="utf-8")
    out, err, _ = failing_import(path)
    assert "archive.jsonl:2:" in err and "archive.jsonl:3: missing body, published, source" in err
    article = Article.objects.get(title="省委书记易炼红调研数字经济")
    assert article.source.name == "浙江日报" and article.published.isoformat().startswith("2023-05-01T01:30")
    assert result_ids(search_json(person="易炼红")) == sorted(
        Article.objects.filter(mentions__person__name="易炼红").values_list("pk", flat=True))


def test_unknown_names_after_a_title_become_candidates_not_people(fresh_index, tmp_path):
    path = tmp_path / "new.jsonl"
    record = {"title": "区长郦若岚调研", "body": "区长郦若岚在拱墅区调研，副区长李四陪同。", "published": "2023-05-02",
              "source": "今日拱墅"}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out, _ = run_import(path)
    assert "name candidates for editors" in out and "郦若岚" in out
    assert NameCandidate.objects.filter(name="郦若岚").exists()
    assert not Person.objects.filter(name="郦若岚").exists()


def test_captured_pages_import_like_the_fixtures(fresh_index):
    out, _ = run_import(DATA / "seeds" / "003_2ac1a77de42346ef.txt")
    assert "new 0, updated 0, unchanged 1" in out  # the fixture holds this article already


def test_dry_run_writes_nothing(fresh_index):
    out, _ = run_import(EXCERPT, "--dry-run")
    assert "dry run, nothing written: new 18" in out
    assert corpus_articles().count() == 0
    assert search_json(q="迈向充满希望的新世纪")["total"] == 0


def test_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_articles", "/nonexistent/file.txt")


def test_a_name_the_file_mostly_uses_as_a_word_is_not_linked_wherever_the_word_stands(fresh_index, tmp_path):
    corpus = tmp_path / "names.txt"
    corpus.write_text(
        "19980105-02-001-001/m  方/nr  向/nr  同志/n  指出/v  ，/w  江/nr  泽民/nr  会见/v  外宾/n  。/w  \n\n"
        "19980105-02-002-001/m  坚持/v  正确/a  的/u  政治/n  方向/n  ，/w  江/nr  泽民/nr  讲话/v  。/w  \n\n"
        "19980105-02-003-001/m  把握/v  前进/v  方向/n  ，/w  明确/a  方向/n  。/w  \n\n",
        encoding="utf-8",
    )
    run_import(corpus, "--format", "pku1998")
    fang_xiang, jiang = Person.objects.get(name="方向"), Person.objects.get(name="江泽民")
    assert not fang_xiang.link_by_text and jiang.link_by_text
    assert {m.article.external_id for m in fang_xiang.mentions.all()} == set()  # not in every "方向"
    assert jiang.mentions.count() == 2
    words = {r["external_id"] for r in search_json(q="方向")["results"]}
    assert {"19980105-02-001", "19980105-02-002", "19980105-02-003"} <= words  # the word, as a reader sees it
