"""Edits reach search without the saver waiting for the index, and collide safely on Whoosh's one writer.

The tests that save as an editor does commit (tests.helpers.COMMITS): the index writer
thread of this process (search.drainer) writes what they queued, and they wait for it with
tests.helpers.wait_for_index.
"""
import importlib
import re
import signal
import sys
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from haystack import connections
from whoosh.fields import TEXT
from whoosh.index import TOC, open_dir

from archive import names
from archive.models import Alias, Article, Event, Person, Source
from chinese import names as name_layer
from chinese import segmenter as segmenter_module
from chinese import tokens
from chinese.names import NameIndex
from chinese.segmenter import Segmenter
from search import indexing
from search.backends import whoosh as whoosh_backend
from search.backends.whoosh_pool import CompactMpWriter
from search.models import PendingIndexUpdate
from search.service import warm_up

from .admin_helpers import change_form_data
from .helpers import COMMITS, facet_counts, portal, result_ids, search_json, titles, wait_for_index

EXCERPT = Path(__file__).parent / "data" / "pd199801_excerpt.txt"


def seed_article():
    return Article.objects.get(title__startswith="区政协召开")


def events_found(**params):
    """The events shown beside the results of a search."""
    box = re.search(r'class="card events-card">(.*?)</div>', portal().get("/search/", params).content.decode(), re.S)
    return [int(pk) for pk in re.findall(r'href="/events/(\d+)/"', box.group(1))] if box else []


@pytest.fixture
def index_writer(fresh_index):
    """Whoosh's writer lock, held as another process would hold it; ``release()`` lets it go."""
    held = connections["default"].get_backend().index.writer()
    held.release = held.cancel
    yield held
    if held.is_closed is False:
        held.cancel()


@COMMITS
def test_an_edited_body_is_found_by_its_new_words(fresh_index):
    article = seed_article()
    assert search_json(q="量子通信实验室")["total"] == 0
    article.body += "\n会议还听取了量子通信实验室建设情况汇报。"
    article.save()
    wait_for_index()
    assert result_ids(search_json(q="量子通信实验室")) == [article.pk]


@COMMITS
def test_a_deleted_article_leaves_the_results(fresh_index):
    article = seed_article()
    assert article.pk in result_ids(search_json(q="区政协"))
    article.delete()
    wait_for_index()
    assert article.pk not in result_ids(search_json(q="区政协"))
    assert PendingIndexUpdate.objects.count() == 0


@COMMITS
def test_renaming_a_person_keeps_their_articles_under_the_new_name_and_the_old(fresh_index):
    person = Person.objects.get(name="周江勇")
    articles = result_ids(search_json(person="周江勇"))
    assert len(articles) == 3
    person.name = "周江永"  # a fictitious correction
    person.save()
    wait_for_index()
    assert person.aliases.filter(name="周江勇", kind=Alias.Kind.FORMER).exists()
    assert sorted(person.mentions.values_list("article_id", flat=True)) == articles
    assert result_ids(search_json(person="周江永")) == articles
    assert result_ids(search_json(person="周江勇")) == articles  # a bookmark from before the rename
    assert result_ids(search_json(q="周江永")) == articles
    assert facet_counts(search_json(q="周江勇"), "person")["周江永"] == 3


@COMMITS
def test_a_new_alias_links_and_finds_the_articles(fresh_index):
    person = Person.objects.get(name="易炼红")
    Alias.objects.create(person=person, name="省委书记", kind=Alias.Kind.OTHER)
    wait_for_index()
    # every article that says 省委书记 now mentions him
    assert person.mentions.count() > 1
    assert set(result_ids(search_json(person="易炼红"))) == set(person.mentions.values_list("article_id", flat=True))


@COMMITS
def test_a_save_never_waits_for_a_busy_index_and_lands_once_it_is_free(index_writer, monkeypatch):
    monkeypatch.setattr(whoosh_backend, "WRITE_LOCK_TIMEOUT", 0.2)  # the writer thread gives up sooner, and retries
    article = seed_article()
    article.body += "\n另据报道，西溪湿地候鸟增多。"
    article.save()  # returns although another process holds the index
    indexing.drainer.wait_for_pass(timeout=10)  # the writer thread tried, and could not write
    assert PendingIndexUpdate.objects.filter(object_id=article.pk, failed__isnull=True).exists()
    assert search_json(q="西溪湿地候鸟")["total"] == 0
    index_writer.release()
    wait_for_index()  # nothing else woke the writer thread: it retried by itself
    assert result_ids(search_json(q="西溪湿地候鸟")) == [article.pk]


@COMMITS
def test_the_writer_lock_is_taken_before_the_documents_are_read(index_writer, monkeypatch):
    """An older document never overwrites a newer one: what is written is read once no other
    writer can come between."""
    waiting = threading.Event()
    take_lock = whoosh_backend.ChineseWhooshSearchBackend._writer

    def announce_waiting(backend, **options):
        waiting.set()
        return take_lock(backend, **options)

    monkeypatch.setattr(whoosh_backend.ChineseWhooshSearchBackend, "_writer", announce_waiting)
    article = seed_article()
    edited = Article.objects.filter(pk=article.pk)
    edited.update(body=article.body + "\n初稿：运河夜游航线开通。")
    indexing.enqueue(Article, [article.pk])  # one update queued; the writer thread waits for the lock
    assert waiting.wait(timeout=10)
    # meanwhile the process holding the lock writes a newer version (and drains its own update)
    edited.update(body=article.body + "\n定稿：运河夜游航线延期。")
    index_writer.release()
    wait_for_index()
    assert result_ids(search_json(q="运河夜游航线延期")) == [article.pk]
    assert search_json(q="运河夜游航线开通")["total"] == 0


@pytest.mark.django_db
def test_a_drain_deletes_the_rows_it_read_and_no_other(fresh_index, monkeypatch):
    """On PostgreSQL a transaction may take a lower queue id and commit after a drain has read
    the queue; its row must outlive that drain."""
    first, late, other = Article.objects.order_by("pk")[:3]
    rows = [PendingIndexUpdate.objects.create(model="archive.article", object_id=a.pk).pk for a in (first, late, other)]
    PendingIndexUpdate.objects.filter(pk=rows[1]).delete()  # the id the late transaction holds, not yet committed
    write = whoosh_backend.WhooshBatch.write

    def late_commit_during_the_write(batch, updates, removals):
        failed = write(batch, updates, removals)
        Article.objects.filter(pk=late.pk).update(title="迟到的更正：西湖龙井开采")
        PendingIndexUpdate.objects.create(pk=rows[1], model="archive.article", object_id=late.pk)
        return failed

    monkeypatch.setattr(whoosh_backend.WhooshBatch, "write", late_commit_during_the_write)
    assert indexing.drain().written == 2
    assert PendingIndexUpdate.objects.filter(pk=rows[1]).exists()
    monkeypatch.undo()
    indexing.drain()
    assert result_ids(search_json(q="西湖龙井开采")) == [late.pk]


@pytest.fixture
def one_bad_document(monkeypatch):
    """The document of the article titled 区政协召开… cannot be built (a bug, or data it chokes on)."""
    from search.search_indexes import ArticleIndex

    prepare_title = ArticleIndex.prepare_title

    def failing(index, obj):
        if obj.title.startswith("区政协召开"):
            raise ValueError("cannot read this headline")
        return prepare_title(index, obj)

    monkeypatch.setattr(ArticleIndex, "prepare_title", failing)
    return monkeypatch


@COMMITS
def test_a_bad_document_is_reported_and_skipped_and_the_rest_are_written(fresh_index, one_bad_document, capsys):
    bad, good = seed_article(), Article.objects.get(title__startswith="区七届人大常委会")
    bad.body += "\n又讯：良渚遗址公园扩建。"
    bad.save()
    good.body += "\n又讯：钱塘江绿道贯通。"
    good.save()
    wait_for_index()
    assert result_ids(search_json(q="钱塘江绿道贯通")) == [good.pk]
    failed = PendingIndexUpdate.objects.get(object_id=bad.pk)
    assert failed.failed and "cannot read this headline" in failed.error
    # later saves are not held up by it
    good.body += "\n再讯：湘湖开园。"
    good.save()
    wait_for_index()
    assert result_ids(search_json(q="湘湖开园")) == [good.pk]
    # the operator's command tries it again and says why it still fails, then writes it once it can
    with pytest.raises(Exception, match="1 records could not be written"):
        call_command("drain_index_queue")
    assert "cannot read this headline" in capsys.readouterr().err
    one_bad_document.undo()
    call_command("drain_index_queue")
    assert result_ids(search_json(q="良渚遗址公园扩建")) == [bad.pk]
    assert not PendingIndexUpdate.objects.exists()


@pytest.mark.django_db
def test_a_process_that_indexes_before_anything_else_still_keeps_names_whole(fresh_index, monkeypatch):
    Person.objects.create(name="郦若岚")  # a name jieba alone cuts 郦 / 若 / 岚
    source, now = Source.objects.first(), timezone.now()
    headline = Article.objects.create(source=source, title="郦若岚在拱墅区调研", body="调研组察看了运河沿线。", published=now)
    in_body = Article.objects.create(
        source=source, title="拱墅区召开推进会", body="郦若岚出席。郦若岚讲话。郦若岚强调，要抓好落实。", published=now
    )
    # as in a new process (manage.py drain_index_queue): jieba holds none of the archive's names
    fresh = Segmenter()
    for module in (segmenter_module, tokens, name_layer, names):
        monkeypatch.setattr(module, "segmenter", fresh)
    monkeypatch.setattr(names, "_current", NameIndex())
    names.invalidate()
    indexing.rebuild()
    # the headline was indexed with the name as one word, so it ranks above the article that only says it
    assert titles(search_json(q="郦若岚"))[:2] == [headline.title, in_body.title]


@pytest.mark.django_db
def test_many_small_writes_do_not_pile_up_segments(fresh_index):
    """Each drain's commit leaves its segment unmerged, to be searchable at once; the small
    segments are merged afterwards, so searches keep reading few of them."""
    article = seed_article()
    for n in range(3 * whoosh_backend.MERGE_SEGMENTS):
        Article.objects.filter(pk=article.pk).update(title=f"区政协召开五届二十次常委会议（第{n}稿）")
        indexing.enqueue(Article, [article.pk], drain_after_commit=False)
        indexing.drain()
    backend = connections["default"].get_backend()
    assert len(backend.index.refresh()._segments()) <= whoosh_backend.MERGE_SEGMENTS + 1
    assert result_ids(search_json(q=f"第{3 * whoosh_backend.MERGE_SEGMENTS - 1}稿")) == [article.pk]


@COMMITS
def test_words_found_in_one_article_are_found_again_once_their_segments_are_merged(fresh_index):
    """A word in fewer than whoosh_codec.INLINE_LIMIT articles is stored inline in its segment;
    merging such segments (as the index does when they pile up) keeps every word findable,
    as a word, as a quoted phrase and under a filter."""
    article = seed_article()
    phrases = ["量子通信实验室", "深海钻探平台", "高原铁路隧道"]
    for phrase in phrases:  # a drain, a commit and a segment each
        article.body += f"\n会议还听取了{phrase}建设情况汇报。"
        article.save()
        wait_for_index()
    backend = connections["default"].get_backend()
    assert len(backend.index.refresh()._segments()) > 1
    before = search_json(q="区政协")
    backend._writer().commit(optimize=True)
    assert len(backend.index.refresh()._segments()) == 1
    for phrase in phrases:
        assert result_ids(search_json(q=phrase)) == [article.pk]
        assert result_ids(search_json(q=f'"{phrase}建设"', source=article.source.name)) == [article.pk]
    assert search_json(q="区政协") == before
    # the segments name Whoosh's own codec: code without whoosh_codec (an older version) opens them
    tocs = [name for name in backend.storage.list() if name.endswith(".toc")]
    assert tocs and not any(b"whoosh_codec" in backend.storage.open_file(name).read() for name in tocs)


@COMMITS
def test_a_worker_that_starts_writes_what_a_stopped_one_left_queued(fresh_index):
    article = seed_article()
    Article.objects.filter(pk=article.pk).update(title="区政协召开五届二十次常委会议（补记）")
    PendingIndexUpdate.objects.create(model="archive.article", object_id=article.pk)  # its writer died before draining
    warm_up()  # what gunicorn runs as each worker starts (gunicorn.conf.py)
    wait_for_index()
    assert result_ids(search_json(q="补记")) == [article.pk]


@pytest.mark.django_db
def test_a_large_write_completes_on_an_index_an_older_version_wrote(fresh_index, tmp_path, monkeypatch):
    """An index written before its analyzers moved (search.analysis, now chinese.tokens) stores
    a schema naming a module that is gone: a parallel writer's processes die opening it, and the
    writer waited for ever (a bootstrap after an upgrade never ended)."""
    (tmp_path / "portal_old_analysis.py").write_text(
        "from whoosh.analysis import Tokenizer\n\nclass OldTokenizer(Tokenizer):\n    pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    old_analysis = importlib.import_module("portal_old_analysis")
    backend = connections["default"].get_backend()
    backend.index = backend.index.refresh()
    stored = TOC.read(backend.storage, backend.index.indexname, schema=backend.schema)
    old_schema = backend.schema.copy()
    old_schema.add("old_words", TEXT(analyzer=old_analysis.OldTokenizer()))
    TOC(old_schema, stored.segments, stored.generation + 1).write(backend.storage, backend.index.indexname)
    del sys.modules["portal_old_analysis"]
    (tmp_path / "portal_old_analysis.py").unlink()  # the module has moved since

    monkeypatch.setattr(whoosh_backend, "PARALLEL_WRITE_MIN_DOCS", 1)
    monkeypatch.setattr(backend, "writer_processes", 2)
    indexing.enqueue(Article, Article.objects.values_list("pk", flat=True), drain_after_commit=False)

    def stuck(signum, frame):
        raise TimeoutError("the index writer waited for processes that had died")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(120)
    try:
        assert indexing.drain().written == Article.objects.count()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert backend._schema_loads_as_stored()  # the commit stored the current schema
    assert search_json(q="车俊")["total"] == 2


@pytest.mark.django_db
def test_an_index_written_before_a_field_was_added_is_rebuilt_by_bootstrap(fresh_index):
    backend = connections["default"].get_backend()
    with open_dir(backend.path).writer() as writer:  # as the portal wrote it before titles were searchable alone
        writer.remove_field("title_bigrams")
    assert backend.document_count() == Article.objects.count() + Event.objects.count()
    assert not indexing.index_is_complete()
    call_command("bootstrap", stdout=StringIO())
    assert indexing.index_is_complete()
    assert search_json(q="杭州", title_only="1")["total"] > 0


@COMMITS
def test_an_event_follows_the_articles_that_report_it_into_the_search_beside_them(fresh_index):
    event = Event.objects.get(title="全省开发区(园区)改革提升推进会")
    article = Article.objects.get(title__startswith="車俊在杭州蕭山")
    assert event.pk not in events_found(q="改革", source="萧山网")
    article.events.add(event)  # an editor links the report from the article's side
    wait_for_index()
    assert event.pk in events_found(q="改革", source="萧山网")


@COMMITS
def test_an_event_linked_from_the_articles_admin_page_follows_it_into_the_search_beside_it(fresh_index, editor):
    """The article page's inline saves rows of the link table one by one, which send no
    m2m_changed: the event's document must still learn its new article's source."""
    event = Event.objects.get(title="全省开发区(园区)改革提升推进会")
    article = Article.objects.get(title__startswith="車俊在杭州蕭山")
    url = reverse("admin:archive_article_change", args=[article.pk])
    data = change_form_data(editor.get(url))
    prefix = next(key for key in data if key.endswith("-TOTAL_FORMS") and "event" in key.lower()).removesuffix("-TOTAL_FORMS")
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update({f"{prefix}-TOTAL_FORMS": str(n + 1), f"{prefix}-{n}-event": str(event.pk), f"{prefix}-{n}-article": str(article.pk)})
    assert editor.post(url, data).status_code == 302
    assert article.events.filter(pk=event.pk).exists()
    wait_for_index()
    assert event.pk in events_found(q="改革", source="萧山网")
    # and unlinked again there: the row is deleted
    data = change_form_data(editor.get(url))
    row = next(key.removesuffix("-event") for key, value in data.items() if key.endswith("-event") and value == str(event.pk))
    data[f"{row}-DELETE"] = "on"
    assert editor.post(url, data).status_code == 302
    assert not article.events.filter(pk=event.pk).exists()
    wait_for_index()
    assert event.pk not in events_found(q="改革", source="萧山网")


@COMMITS
def test_browsing_and_filtering_by_date_follow_an_article_redated_in_the_admin_at_once(fresh_index, editor):
    def browse(sort):
        return [(r["id"], r["published"]) for r in search_json(q="", sort=sort, page_size=100)["results"]]

    newest, oldest = browse("newest"), browse("oldest")
    assert sorted(pk for pk, _ in newest) == sorted(Article.objects.values_list("pk", flat=True))
    assert [date for _, date in newest] == sorted((date for _, date in newest), reverse=True)
    assert oldest == newest[::-1]
    redated = oldest[0][0]
    url = reverse("admin:archive_article_change", args=[redated])
    data = change_form_data(editor.get(url))
    data["published_0"] = "2030-01-01"
    assert editor.post(url, data).status_code == 302
    wait_for_index()
    assert browse("newest")[0] == (redated, "2030-01-01")
    assert browse("oldest")[-1] == (redated, "2030-01-01")
    second = search_json(q="", sort="oldest", page_size=3, page=2)["results"]
    assert [r["id"] for r in second] == [pk for pk, _ in browse("oldest")[3:6]]
    assert result_ids(search_json(date_from="2030-01-01")) == [redated]
    assert redated not in result_ids(search_json(date_to="2029-12-31", page_size=100))
    assert search_json(date_to="2029-12-31")["total"] == len(newest) - 1


@pytest.mark.django_db
def test_results_keep_their_order_whatever_order_the_index_was_written_in(fresh_index):
    """Two imports of the same file give their index writer processes the documents in whatever
    order they take them: the order of equal results (the same score, the same day) followed
    their document numbers. Now equal scores are ordered newest first, and a day's articles by
    their identity."""
    call_command("import_articles", str(EXCERPT), stdout=StringIO(), stderr=StringIO())
    indexing.rebuild()  # written in the order of the records' ids
    before = _pages()
    assert all(before)
    backend = connections["default"].get_backend()
    backend.clear()
    indexes = connections["default"].get_unified_index().get_indexes().values()
    backend.apply([(index, record) for index in indexes for record in index.index_queryset().order_by("-pk")], [])
    assert _pages() == before  # written backwards


@pytest.mark.django_db
def test_an_index_written_by_other_processes_answers_as_one_written_in_this_one(fresh_index, monkeypatch):
    """INDEX_WRITER_PROCESSES=2: the batch is written by other processes."""
    call_command("import_articles", str(EXCERPT), stdout=StringIO(), stderr=StringIO())
    indexing.rebuild()
    before = _pages()
    assert all(before)
    started = []
    new_task = CompactMpWriter._new_task
    monkeypatch.setattr(CompactMpWriter, "_new_task", lambda writer: started.append(new_task(writer)))
    monkeypatch.setattr(whoosh_backend, "PARALLEL_WRITE_MIN_DOCS", 1)
    monkeypatch.setattr(connections["default"].get_backend(), "writer_processes", 2)
    indexing.rebuild()
    assert started and all(task.exitcode == 0 for task in started)
    assert _pages() == before


SEARCHES = [
    {"q": "", "sort": "oldest"},
    {"q": "", "sort": "newest", "page": 2, "page_size": 10},
    {"q": "人民", "sort": "newest"},
    {"q": "", "source": "人民日报"},  # no words: every score is the same
    {"q": "中国 OR 北京"},
]


def _pages():
    return [[r["id"] for r in search_json(**params)["results"]] for params in SEARCHES]


@pytest.mark.django_db
def test_a_drain_written_a_few_records_at_a_time_writes_and_removes_every_record(fresh_index, monkeypatch):
    """A drain loads and writes its records a chunk at a time: none is lost between chunks, and
    a record deleted meanwhile leaves the index."""
    monkeypatch.setattr(indexing, "BATCH_SIZE", 2)
    deleted = Article.objects.get(title__startswith="車俊在杭州蕭山")
    assert deleted.pk in result_ids(search_json(q="萧山"))
    deleted.delete()
    indexing.enqueue(Article, Article.objects.values_list("pk", flat=True), drain_after_commit=False)
    assert Article.objects.count() > 2 * 3  # several chunks
    report = indexing.drain()
    assert not report.failed and not report.unavailable
    assert deleted.pk not in result_ids(search_json(q="萧山"))
    assert search_json(q="", page_size=100)["total"] == Article.objects.count()
