"""Pages and search answers come from a cache every worker shares while nothing changes, and
never after a change: the content generation moves on in the change's own transaction."""
import pytest
from django.core.cache import caches
from django.test.utils import CaptureQueriesContext
from django.db import connection

from archive import generation
from archive.models import Article, Person
from portal.page_cache import PageFileCache

from .helpers import COMMITS, portal, search_json, wait_for_index

pytestmark = COMMITS


@pytest.fixture(autouse=True)
def cached_pages(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def test_a_page_is_rendered_once_and_then_served_from_the_cache():
    article = Article.objects.first()
    first = portal().get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        again = portal().get(article.get_absolute_url())
    assert again.content == first.content and again.status_code == 200
    assert len(queries) == 1  # the content generation, nothing else


def test_an_edit_is_seen_at_once_on_the_cached_page():
    article = Article.objects.first()
    assert article.title in portal().get(article.get_absolute_url()).content.decode()
    before = generation.current()
    article.title = "缓存之后改过的标题"
    article.save()
    assert generation.current() > before
    assert "缓存之后改过的标题" in portal().get(article.get_absolute_url()).content.decode()


def test_an_edit_the_index_follows_is_seen_at_once_in_a_cached_search():
    person = Person.objects.get(name="车俊")
    assert search_json(q="缓存检索新词")["total"] == 0
    article = Article.objects.filter(mentions__person=person).first()
    article.body += "\n缓存检索新词。"
    article.save()
    wait_for_index()
    assert search_json(q="缓存检索新词")["total"] == 1


def test_each_language_has_its_own_page_and_a_logged_in_reader_none_from_the_cache(admin_user):
    zh = portal().get("/").content.decode()
    english = portal()
    english.get("/language/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in english.get("/").content.decode()
    assert '<html lang="zh-Hans">' in portal().get("/").content.decode() == zh
    editor = portal()
    editor.force_login(admin_user)
    with CaptureQueriesContext(connection) as queries:
        editor.get("/")
    assert len(queries) > 1  # rendered for them


def test_a_page_not_yet_cached_does_not_pay_for_counting_every_cached_page(tmp_path, monkeypatch):
    # Django's file cache lists its whole directory at every write (38 ms at 19,000 pages);
    # this one counts at one write in a hundred, and still keeps the directory near its bound
    cache = PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2}})
    listed = []
    list_files = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listed.append(1) or list_files())
    for n in range(500):
        cache.set(f"/search/?q={n}", b"page", 60)
    assert len(listed) == 500 // PageFileCache.CULL_EVERY
    assert len(list_files()) <= 20 + PageFileCache.CULL_EVERY
