"""Edits reach search at once, and collide safely on Whoosh's one writer."""
import re
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from haystack import connections
from whoosh.index import open_dir

from archive import names
from archive.models import Alias, Article, Event, Person, Source
from chinese import names as name_layer
from chinese import segmenter as segmenter_module
from chinese import tokens
from chinese.names import NameIndex
from chinese.segmenter import Segmenter
from search import indexing
from search.backends import whoosh as whoosh_backend
from search.models import PendingIndexUpdate

from .helpers import portal, result_ids, search_json

pytestmark = pytest.mark.django_db


def events_found(**params):
    """The events shown beside the results of a search."""
    box = re.search(r'class="card events-card">(.*?)</div>', portal().get("/search/", params).content.decode(), re.S)
    return [int(pk) for pk in re.findall(r'href="/events/(\d+)/"', box.group(1))] if box else []


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed (the drain runs on commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_an_edited_body_is_found_by_its_new_words(fresh_index, committed):
    article = Article.objects.get(title__startswith="区政协召开")
    assert search_json(q="量子通信实验室")["total"] == 0
    with committed():
        article.body += "\n会议还听取了量子通信实验室建设情况汇报。"
        article.save()
    assert result_ids(search_json(q="量子通信实验室")) == [article.pk]


def test_a_deleted_article_leaves_the_results(fresh_index, committed):
    article = Article.objects.get(title__startswith="区政协召开")
    assert article.pk in result_ids(search_json(q="区政协"))
    with committed():
        article.delete()
    assert article.pk not in result_ids(search_json(q="区政协"))
    assert PendingIndexUpdate.objects.count() == 0


def test_renaming_a_person_makes_the_new_name_findable_and_filterable(fresh_index, committed):
    person = Person.objects.get(name="周江勇")
    articles = result_ids(search_json(person="周江勇"))
    with committed():
        person.name = "周江永"  # a fictitious correction
        person.save()
        Alias.objects.create(person=person, name="周江勇", kind=Alias.Kind.FORMER)
    assert result_ids(search_json(person="周江永")) == articles


def test_a_new_alias_links_and_finds_the_articles(fresh_index, committed):
    person = Person.objects.get(name="易炼红")
    with committed():
        Alias.objects.create(person=person, name="省委书记", kind=Alias.Kind.OTHER)
    # every article that says 省委书记 now mentions him
    assert person.mentions.count() > 1
    assert set(result_ids(search_json(person="易炼红"))) == set(person.mentions.values_list("article_id", flat=True))


def test_a_save_waits_for_another_writer_instead_of_failing(fresh_index, committed):
    index = connections["default"].get_backend().index
    held = index.writer()  # another process's writer, as far as this one can tell
    release = threading.Timer(1.0, held.cancel)
    release.start()
    article = Article.objects.get(title__startswith="区政协召开")
    with committed():
        article.body += "\n另据报道，钱塘江潮水今年特别大。"
        article.save()
    release.join()
    assert result_ids(search_json(q="钱塘江潮水")) == [article.pk]


def test_an_update_that_cannot_get_the_lock_stays_queued_and_lands_later(fresh_index, committed, monkeypatch):
    monkeypatch.setattr(whoosh_backend, "WRITE_LOCK_TIMEOUT", 0.2)
    index = connections["default"].get_backend().index
    held = index.writer()
    article = Article.objects.get(title__startswith="区政协召开")
    with committed():
        article.body += "\n另据报道，西溪湿地候鸟增多。"
        article.save()
    assert PendingIndexUpdate.objects.filter(object_id=article.pk).exists()
    assert search_json(q="西溪湿地候鸟")["total"] == 0
    held.cancel()
    assert indexing.drain() >= 1
    assert result_ids(search_json(q="西溪湿地候鸟")) == [article.pk]


def test_a_process_that_indexes_before_anything_else_still_keeps_names_whole(fresh_index, monkeypatch):
    Person.objects.create(name="陈云")
    Person.objects.create(name="陈云林")
    article = Article.objects.create(
        source=Source.objects.first(), title="海协会会长会见台湾客人", body="陈云林会见了台湾客人。",
        published=timezone.now(),
    )
    # as in a new process (manage.py drain_index_queue): jieba holds none of the archive's names
    fresh = Segmenter()
    for module in (segmenter_module, tokens, name_layer, names):
        monkeypatch.setattr(module, "segmenter", fresh)
    monkeypatch.setattr(names, "_current", NameIndex())
    names.invalidate()
    indexing.rebuild()
    assert article.pk in result_ids(search_json(q="陈云林"))
    assert article.pk not in result_ids(search_json(q="陈云"))  # someone else


def test_an_index_written_before_a_field_was_added_is_rebuilt_by_bootstrap(fresh_index):
    backend = connections["default"].get_backend()
    with open_dir(backend.path).writer() as writer:  # as the portal wrote it before titles were searchable alone
        writer.remove_field("title_bigrams")
    assert backend.document_count() == Article.objects.count() + Event.objects.count()
    assert not indexing.index_is_complete()
    call_command("bootstrap", stdout=StringIO())
    assert indexing.index_is_complete()
    assert search_json(q="杭州", title_only="1")["total"] > 0


def test_an_event_follows_the_articles_that_report_it_into_the_search_beside_them(fresh_index, committed):
    event = Event.objects.get(title="全省开发区(园区)改革提升推进会")
    article = Article.objects.get(title__startswith="車俊在杭州蕭山")
    assert event.pk not in events_found(q="改革", source="萧山网")
    with committed():
        article.events.add(event)  # an editor links the report from the article's side
    assert event.pk in events_found(q="改革", source="萧山网")
