"""The index can break; the site must not: a damaged or missing index gives 503 on search and
names itself in /healthz, the other pages and the admin go on, and `bootstrap` rebuilds it."""
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from haystack import connections

from archive.models import Article
from search.models import PendingIndexUpdate

from .admin_helpers import change_form_data
from .helpers import damage_index, portal, result_ids, search_json

pytestmark = pytest.mark.django_db

SEARCHES = [
    ("/search/", {"q": "车俊", "format": "json"}),
    ("/search/", {"q": "车俊"}),
    ("/search/feed/", {"q": "车俊"}),
    ("/search/export.csv", {"q": "车俊"}),
]


def index_dir():
    return Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])


def damage(kind):
    damage_index(index_dir(), kind)


def as_a_new_worker():
    """Forget this process's open index, as a worker that starts now would not have it."""
    connections.reload("default")


def assert_search_unavailable_and_pages_work():
    for path, params in SEARCHES:
        response = portal().get(path, params)
        assert response.status_code == 503, (path, params, response.status_code)
        assert not response.streaming
        assert "检索服务暂时无法使用" in response.content.decode()
    for path in ["/", "/articles/", Article.objects.first().get_absolute_url(), "/people/che-jun/", "/events/"]:
        assert portal().get(path).status_code == 200, path
    health = portal().get("/healthz")
    assert health.status_code == 503 and list(health.json()["failed"]) == ["index"]
    assert str(index_dir()) in health.json()["failed"]["index"]


def bootstrap():
    out = StringIO()
    call_command("bootstrap", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["toc", "segment", "missing"])
def test_a_worker_that_starts_on_a_broken_index_serves_pages_and_503_on_search(fresh_index, kind):
    expected = result_ids(search_json(q="车俊"))
    damage(kind)
    as_a_new_worker()
    from search.service import warm_up

    warm_up()  # gunicorn's post_worker_init: must not raise
    assert_search_unavailable_and_pages_work()
    assert "index: rebuilt" in bootstrap()
    assert result_ids(search_json(q="车俊")) == expected
    assert portal().get("/healthz").json() == {"status": "ok"}


@pytest.mark.parametrize("kind", ["segment", "missing"])
def test_a_running_worker_whose_index_breaks_answers_503_then_heals_after_bootstrap(fresh_index, kind):
    expected = result_ids(search_json(q="车俊"))  # this worker has the index open
    damage(kind)
    assert_search_unavailable_and_pages_work()
    bootstrap()
    assert result_ids(search_json(q="车俊")) == expected


def test_an_admin_save_without_an_index_succeeds_and_the_update_waits_for_the_rebuild(fresh_index, django_capture_on_commit_callbacks):
    editor = User.objects.create_user("editor", password="pw-editor-2026", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = portal()
    client.force_login(editor)
    article = Article.objects.get(title__startswith="区政协召开")
    url = f"/admin/archive/article/{article.pk}/change/"
    form = change_form_data(client.get(url))
    form["body"] += "\n会议还听取了量子通信实验室建设情况汇报。"
    damage("missing")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert "量子通信实验室" in article.body  # saved
    assert PendingIndexUpdate.objects.filter(object_id=article.pk).exists()  # and queued
    with pytest.raises(CommandError, match="python manage.py bootstrap"):
        call_command("drain_index_queue", stdout=StringIO())
    bootstrap()
    assert result_ids(search_json(q="量子通信实验室")) == [article.pk]


@pytest.mark.parametrize("params", [{"date_from": "2020-01-01"}, {"date_to": "2030-01-01", "sort": "newest"}, {"q": "车俊", "date_from": "2020-01-01"}])
def test_an_empty_index_answers_a_date_filter_with_nothing(fresh_index, params):
    """An index of no documents yet (a rebuild starts from one) has no dates to filter on."""
    connections["default"].get_backend().delete_index()
    response = portal().get("/search/", {**params, "format": "json"})
    assert response.status_code == 200, response.content[:500]
    assert response.json()["total"] == 0
    assert portal().get("/search/", params).status_code == 200
