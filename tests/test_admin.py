"""The editors' admin: every page, the actions, the validation, and search following each edit."""
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.db.models import Value
from django.db.models.functions import Concat
from haystack import connections
from django.urls import reverse
from django.utils import timezone

from archive.models import (
    Alias,
    Article,
    Event,
    Mention,
    NameCandidate,
    Organization,
    Participation,
    Person,
    Place,
    Position,
    Source,
)
from search.backends import whoosh as whoosh_backend
from search.models import PendingIndexUpdate

from .admin_helpers import change_form_data
from .helpers import COMMITS, facet_counts, portal, result_ids, search_json, titles, wait_for_index

pytestmark = pytest.mark.django_db

MODELS = [Source, Place, Organization, Person, Alias, Article, Position, Event, Participation, Mention, NameCandidate]


def admin_url(model, view, *args):
    return reverse(f"admin:archive_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_loads_for_an_editor(editor, model):
    assert editor.get(admin_url(model, "changelist")).status_code == 200
    assert editor.get(admin_url(model, "changelist"), {"q": "車俊"}).status_code == 200
    if model not in (Mention,):
        assert editor.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        assert editor.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_editors_cannot_manage_users_or_groups_and_are_told_so_in_chinese(editor):
    refused = editor.get(reverse("admin:auth_user_changelist"))
    assert refused.status_code == 403 and "没有权限" in refused.content.decode()
    assert editor.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_the_admin_speaks_chinese_and_finds_names_in_either_script(editor):
    page = editor.get(admin_url(Person, "changelist"), {"q": "車俊"}).content.decode()
    assert "站点管理" in page or "选择" in page
    assert "车俊" in page


def test_position_that_ends_before_it_starts_is_refused_with_a_message(editor):
    person = Person.objects.get(name="车俊")
    response = editor.post(admin_url(Position, "add"), {
        "person": person.pk, "title": "省委书记", "start_date": "2020-07-01", "end_date": "2019-01-01",
    })
    assert response.status_code == 200
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert not Position.objects.filter(person=person, end_date="2019-01-01").exists()


def test_article_with_an_empty_body_is_refused(editor):
    article = Article.objects.get(title__startswith="区政协召开")
    data = change_form_data(editor.get(admin_url(Article, "change", article.pk)))
    data["body"] = "   "
    response = editor.post(admin_url(Article, "change", article.pk), data)
    assert "这个字段是必填项" in response.content.decode() or "正文不能为空" in response.content.decode()
    article.refresh_from_db()
    assert article.body.strip()


def test_an_alias_that_belongs_to_another_person_says_whose(editor):
    person = Person.objects.get(name="易炼红")
    response = editor.post(admin_url(Alias, "add"), {"person": person.pk, "name": "車俊", "kind": "other"})
    assert "已是车俊的" in response.content.decode()
    assert not Alias.objects.filter(person=person, name="車俊").exists()


def test_a_wrong_date_is_a_message_not_an_error(editor):
    article = Article.objects.get(title__startswith="区政协召开")
    data = change_form_data(editor.get(admin_url(Article, "change", article.pk)))
    data["published_0"] = "2020-02-31"
    response = editor.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 200 and "errornote" in response.content.decode()


def save_change_form(editor, record, **changes):
    """Open ``record``'s admin page, change fields as a browser would, save: the response."""
    url = admin_url(type(record), "change", record.pk)
    data = change_form_data(editor.get(url))
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)  # a box unticked
        else:
            data[name] = value
    return editor.post(url, data, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@COMMITS
def test_editing_a_body_in_the_admin_reaches_search_and_the_history(editor, fresh_index):
    article = Article.objects.get(title__startswith="区政协召开")
    response = save_change_form(editor, article, body=article.body + "\n会议还研究了运河文化带建设工作。")
    assert response.redirect_chain[0][1] == 302, response.content.decode()[:2000]
    wait_for_index()
    assert result_ids(search_json(q="运河文化带")) == [article.pk]
    assert LogEntry.objects.filter(object_id=str(article.pk), user__username="editor").exists()


@COMMITS
def test_deleting_an_article_in_the_admin_removes_it_from_search(editor, fresh_index):
    article = Article.objects.get(title__startswith="区政协召开")
    editor.post(admin_url(Article, "delete", article.pk), {"post": "yes"})
    wait_for_index()
    assert not Article.objects.filter(pk=article.pk).exists()
    assert article.pk not in result_ids(search_json(q="区政协"))


@COMMITS
def test_renaming_a_person_in_the_admin_keeps_their_history_and_says_so(editor, fresh_index):
    person = Person.objects.get(name="周江勇")
    articles = result_ids(search_json(person="周江勇"))
    assert len(articles) == 3
    response = save_change_form(editor, person, name="周江永")
    assert any("原名“周江勇”已保留为周江永的曾用名" in m for m in messages_of(response))
    wait_for_index()
    page = editor.get(person.get_absolute_url()).content.decode()
    assert "<h1>周江永</h1>" in page and all(f'href="/articles/{pk}/"' in page for pk in articles)
    assert result_ids(search_json(person="周江永")) == articles
    assert result_ids(search_json(person="周江勇")) == articles  # a bookmark from before the rename
    assert result_ids(search_json(q="周江永")) == articles
    assert f'href="{person.get_absolute_url()}"' in editor.get(f"/articles/{articles[0]}/").content.decode()


@COMMITS
def test_renaming_a_person_and_typing_the_old_name_as_an_alias_too_keeps_one_alias(editor, fresh_index):
    person = Person.objects.get(name="周江勇")
    url = admin_url(Person, "change", person.pk)
    data = change_form_data(editor.get(url))
    data.update({"name": "周江永", "aliases-TOTAL_FORMS": "1", "aliases-0-name": "周江勇", "aliases-0-kind": "former"})
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(person.aliases.values_list("name", "kind")) == [("周江勇", "former")]


def test_a_biography_edit_links_nothing_again_and_queues_nothing(editor):
    person = Person.objects.get(name="车俊")
    article = Article.objects.get(title__startswith="区政协召开")
    Mention.objects.create(article=article, person=person, count=1, first_offset=0)  # as a merge leaves it
    mentions = sorted(person.mentions.values_list("article_id", "count"))
    response = save_change_form(editor, person, biography="浙江省原省委书记。")
    assert response.redirect_chain[0][1] == 302
    assert sorted(person.mentions.values_list("article_id", "count")) == mentions
    assert not PendingIndexUpdate.objects.exists()


@COMMITS
def test_merging_people_keeps_aliases_positions_participations_and_mentions(editor, fresh_index):
    target = Person.objects.get(name="车俊")
    duplicate = Person.objects.create(name="车俊同志")
    Alias.objects.create(person=duplicate, name="車俊同志", kind=Alias.Kind.TRADITIONAL)
    Position.objects.create(person=duplicate, title="省委书记（存疑）")
    event = Event.objects.first()
    Participation.objects.create(event=event, person=duplicate, role=Participation.Role.SPOKE)
    # an article the text does not link to either, and one both are linked to
    elsewhere = Article.objects.get(title__startswith="区政协召开")
    shared = Article.objects.get(title__startswith="車俊在杭州蕭山")
    held = target.mentions.get(article=shared)
    Mention.objects.create(article=elsewhere, person=duplicate, count=2, first_offset=5)
    Mention.objects.create(article=shared, person=duplicate, count=3, first_offset=held.first_offset + 1)
    positions = target.positions.count() + 1
    participations = target.participations.count() + 1
    articles = sorted({*target.mentions.values_list("article_id", flat=True), elsewhere.pk})
    response = editor.post(
        admin_url(Person, "changelist"), {"action": "merge", "_selected_action": [target.pk, duplicate.pk]}, follow=True
    )
    assert any("已将车俊同志并入车俊" in m for m in messages_of(response))
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert {"车俊同志", "車俊同志", "車俊"} <= set(target.aliases.values_list("name", flat=True))
    assert target.positions.count() == positions
    assert target.participations.count() == participations
    assert target.mentions.get(article=elsewhere).count == 2
    assert (target.mentions.get(article=shared).count, target.mentions.get(article=shared).first_offset) == (
        held.count + 3, held.first_offset,
    )
    wait_for_index()
    assert result_ids(search_json(person="车俊")) == articles
    assert result_ids(search_json(person="车俊同志")) == articles  # the merged name answers too
    # a later edit of the person does not undo the merge
    save_change_form(editor, target, biography="浙江省原省委书记。")
    assert target.mentions.filter(article=elsewhere).exists()
    # the merged-away person's page and feed lead to the one merged into
    for path, to in (
        (duplicate.get_absolute_url(), target.get_absolute_url()),
        (f"{duplicate.get_absolute_url()}?format=json", f"{target.get_absolute_url()}?format=json"),
        (f"/people/{duplicate.slug}/feed/", f"/people/{target.slug}/feed/"),
    ):
        response = portal().get(path)
        assert (response.status_code, response["Location"]) == (301, to)


def test_relink_action_recomputes_mentions(editor):
    article = Article.objects.get(title__startswith="区政协召开")
    held = set(article.mentions.values_list("person_id", "count"))
    article.mentions.all().delete()
    editor.post(admin_url(Article, "changelist"), {"action": "relink", "_selected_action": [article.pk]})
    assert set(article.mentions.values_list("person_id", "count")) == held


@COMMITS
def test_confirming_a_candidate_creates_the_person_and_links_the_articles_that_name_them(editor, fresh_index):
    source, now = Source.objects.get(name="今日拱墅"), timezone.now()
    headline = Article.objects.create(source=source, title="区长郦若岚在拱墅区调研", body="调研组察看了运河沿线。", published=now)
    in_body = Article.objects.create(
        source=source, title="拱墅区召开推进会", body="郦若岚出席。郦若岚讲话。郦若岚强调，要抓好落实。", published=now
    )
    wait_for_index()
    assert search_json(q="郦若岚")["total"] == 2  # found as text before anyone knows the name
    NameCandidate.objects.create(name="郦若岚", title="区长", context="区长郦若岚在拱墅区调研", first_article=headline)
    editor.post(reverse("admin:archive_namecandidate_changelist"), {
        "action": "confirm", "_selected_action": list(NameCandidate.objects.values_list("pk", flat=True)),
    })
    person = Person.objects.get(name="郦若岚")
    assert not NameCandidate.objects.exists()
    assert sorted(person.mentions.values_list("article_id", "count")) == [(headline.pk, 1), (in_body.pk, 3)]
    wait_for_index()
    assert result_ids(search_json(person="郦若岚")) == sorted([headline.pk, in_body.pk])
    # the name is now one word, in the query as in the headline: the headline ranks first
    assert titles(search_json(q="郦若岚")) == [headline.title, in_body.title]


@COMMITS
def test_a_new_person_is_linked_where_the_text_writes_the_name_in_traditional_characters(editor, fresh_index):
    xiaoshan = Article.objects.get(title__startswith="車俊在杭州蕭山")
    assert "兆豐" in xiaoshan.body
    editor.post(admin_url(Person, "add"), {"name": "兆丰", "link_by_text": "on", **empty_inlines()})
    person = Person.objects.get(name="兆丰")
    assert list(person.mentions.values_list("article_id", flat=True)) == [xiaoshan.pk]
    wait_for_index()
    assert result_ids(search_json(person="兆丰")) == [xiaoshan.pk]


def empty_inlines():
    return {f"{prefix}-{key}": value for prefix in ("aliases", "positions")
            for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}


@COMMITS
def test_turning_off_linking_by_name_unlinks_a_person_and_search_still_finds_the_word(editor, fresh_index):
    person = Person.objects.get(name="周江勇")
    named_in = result_ids(search_json(q="周江勇"))
    assert person.mentions.exists() and named_in
    response = save_change_form(editor, person, link_by_text=None)
    assert response.redirect_chain[0][1] == 302
    wait_for_index()
    assert not person.mentions.exists()
    assert result_ids(search_json(person="周江勇")) == []
    assert result_ids(search_json(q="周江勇")) == named_in  # the text still says it


def articles_in(place):
    """The articles located in ``place`` or below it, or reporting an event there, from the database."""
    within = place.with_descendants()
    return sorted({a.pk for a in Article.objects.all() if {p.pk for p in a.places.all()} & within
                   or any(e.place_id in within for e in a.events.all())})


@COMMITS
def test_renaming_a_place_or_a_source_keeps_every_article_under_the_new_name_and_the_old(editor, fresh_index):
    zhejiang = Place.objects.get(name="浙江省")
    articles = articles_in(zhejiang)
    assert result_ids(search_json(place="浙江省")) == articles and len(articles) == 11
    save_change_form(editor, zhejiang, name="浙江")
    source = Source.objects.get(name="今日拱墅")
    gongshu = result_ids(search_json(source="今日拱墅"))
    save_change_form(editor, source, name="拱墅报")
    wait_for_index()
    assert result_ids(search_json(place="浙江")) == articles
    assert result_ids(search_json(place="浙江省")) == articles  # a bookmark from before the rename
    assert facet_counts(search_json(), "place")["浙江"] == 2
    assert result_ids(search_json(source="拱墅报")) == result_ids(search_json(source="今日拱墅")) == gongshu
    assert facet_counts(search_json(), "source")["拱墅报"] == 7


@COMMITS
def test_renaming_a_place_renames_it_in_the_events_a_search_finds(editor, fresh_index):
    xiaoshan = Place.objects.get(name="萧山区")
    events = list(xiaoshan.events.values_list("title", flat=True))
    assert events and "相关活动" not in portal().get("/search/", {"q": "萧山新区"}).content.decode()
    save_change_form(editor, xiaoshan, name="萧山新区")  # a fictitious renaming
    wait_for_index()
    page = portal().get("/search/", {"q": "萧山新区"}).content.decode()
    assert "相关活动" in page and all(title in page for title in events)


@COMMITS
def test_moving_a_place_moves_its_articles_in_search(editor, fresh_index):
    gongshu, shaoxing, hangzhou = (Place.objects.get(name=n) for n in ("拱墅区", "绍兴市", "杭州市"))
    before = result_ids(search_json(place="绍兴市"))
    save_change_form(editor, gongshu, parent=str(shaoxing.pk))  # a fictitious redrawing of the map
    wait_for_index()
    assert result_ids(search_json(place="绍兴市")) == articles_in(shaoxing) != before
    assert result_ids(search_json(place="杭州市")) == articles_in(hangzhou)


def headline_and_body(name):
    """An article with ``name`` in its headline, and one that says it three times in its body only."""
    source, now = Source.objects.get(name="今日拱墅"), timezone.now()
    return (
        Article.objects.create(source=source, title=f"{name}揭牌", body="仪式在拱墅区举行。", published=now),
        Article.objects.create(
            source=source, title="拱墅区召开推进会", body=f"{name}建设顺利。{name}已入驻企业。{name}将扩建。", published=now
        ),
    )


@COMMITS
def test_adding_or_renaming_an_organization_reaches_the_headlines_that_name_it(editor, fresh_index):
    """A name in jieba's dictionary is one word of a headline: the headline ranks first."""
    first, renamed = headline_and_body("钱江数智港"), headline_and_body("湘湖未来城")
    wait_for_index()
    editor.post(admin_url(Organization, "add"), {"name": "钱江数智港", "level": "other"})
    wait_for_index()
    assert titles(search_json(q="钱江数智港")) == [a.title for a in first]
    save_change_form(editor, Organization.objects.get(name="钱江数智港"), name="湘湖未来城")
    wait_for_index()
    assert titles(search_json(q="湘湖未来城")) == [a.title for a in renamed]


@COMMITS
def test_reindexing_every_article_from_the_admin_answers_at_once_and_the_index_catches_up(editor, fresh_index, monkeypatch):
    monkeypatch.setattr(whoosh_backend, "WRITE_LOCK_TIMEOUT", 0.2)
    Article.objects.update(title=Concat("title", Value("（西湖版）")))  # changed behind the index's back
    assert search_json(q="西湖版")["total"] == 0
    held = connections["default"].get_backend().index.writer()  # another process is writing
    everything = list(Article.objects.values_list("pk", flat=True))
    response = editor.post(
        admin_url(Article, "changelist"), {"action": "reindex", "_selected_action": everything}, follow=True
    )
    assert any("已将 11 篇文档排入索引队列" in m for m in messages_of(response))
    assert PendingIndexUpdate.objects.filter(model="archive.article").count() == 11
    held.cancel()
    wait_for_index()
    assert result_ids(search_json(q="西湖版")) == sorted(everything)


def test_the_admin_is_chinese_throughout_the_login_throttle_and_the_site_header_too():
    admin_client = portal()
    admin_client.force_login(User.objects.create_superuser("chief", password="pw-chief-2026"))
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "政务新闻档案 管理" in index and "Django" not in index
    assert "登录限制" in index and "登录尝试" in index and "登录失败" in index and "登录记录" in index
    AccessAttempt.objects.create(username="editor", ip_address="10.0.0.1", user_agent="x", http_accept="*/*",
                                 path_info="/admin/login/", failures_since_start=2)
    attempts = admin_client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "IP 地址" in attempts and "尝试时间" in attempts
    assert not re.search(r"Access attempts|IP Address|Attempt Time|Axes|Model name", index + attempts)


def test_a_time_is_labelled_with_the_archives_time_zone(editor):
    article = Article.objects.get(title__startswith="区政协召开")
    page = editor.get(admin_url(Article, "change", article.pk)).content.decode()
    assert "时区：Asia/Shanghai" in page
