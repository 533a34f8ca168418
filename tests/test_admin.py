"""The editors' admin: every page, the actions, the validation, and search following each edit."""
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.urls import reverse

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

from .admin_helpers import change_form_data
from .helpers import portal, result_ids, search_json

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


def test_editing_a_body_in_the_admin_reaches_search_and_the_history(editor, fresh_index, committed):
    article = Article.objects.get(title__startswith="区政协召开")
    data = change_form_data(editor.get(admin_url(Article, "change", article.pk)))
    data["body"] += "\n会议还研究了运河文化带建设工作。"
    with committed():
        response = editor.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert result_ids(search_json(q="运河文化带")) == [article.pk]
    assert LogEntry.objects.filter(object_id=str(article.pk), user__username="editor").exists()


def test_deleting_an_article_in_the_admin_removes_it_from_search(editor, fresh_index, committed):
    article = Article.objects.get(title__startswith="区政协召开")
    with committed():
        editor.post(admin_url(Article, "delete", article.pk), {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()
    assert article.pk not in result_ids(search_json(q="区政协"))


def test_renaming_a_person_in_the_admin_makes_the_new_name_work_in_search(editor, fresh_index, committed):
    person = Person.objects.get(name="周江勇")
    articles = result_ids(search_json(person="周江勇"))
    data = change_form_data(editor.get(admin_url(Person, "change", person.pk)))
    data["name"] = "周江永"
    with committed():
        response = editor.post(admin_url(Person, "change", person.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with committed():  # the old spelling becomes an alias, so the texts still name him
        Alias.objects.create(person=person, name="周江勇", kind=Alias.Kind.FORMER)
    assert result_ids(search_json(person="周江永")) == articles
    assert search_json(q="周江永")["total"] == len(articles)


def test_merging_people_keeps_aliases_positions_participations_and_mentions(editor, fresh_index, committed):
    target = Person.objects.get(name="车俊")
    duplicate = Person.objects.create(name="车俊同志")
    Alias.objects.create(person=duplicate, name="車俊同志", kind=Alias.Kind.TRADITIONAL)
    Position.objects.create(person=duplicate, title="省委书记（存疑）")
    event = Event.objects.first()
    Participation.objects.create(event=event, person=duplicate, role=Participation.Role.SPOKE)
    article = Article.objects.get(title__startswith="区政协召开")
    Mention.objects.create(article=article, person=duplicate, count=2, first_offset=5)
    positions = target.positions.count() + 1
    participations = target.participations.count() + 1
    with committed():
        editor.post(admin_url(Person, "changelist"), {
            "action": "merge", "_selected_action": [target.pk, duplicate.pk],
        })
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert {"车俊同志", "車俊同志", "車俊"} <= set(target.aliases.values_list("name", flat=True))
    assert target.positions.count() == positions
    assert target.participations.count() == participations
    assert search_json(q="车俊")["total"] >= 2


def test_relink_action_recomputes_mentions(editor, committed):
    article = Article.objects.get(title__startswith="区政协召开")
    held = set(article.mentions.values_list("person_id", "count"))
    article.mentions.all().delete()
    with committed():
        editor.post(admin_url(Article, "changelist"), {"action": "relink", "_selected_action": [article.pk]})
    assert set(article.mentions.values_list("person_id", "count")) == held


def test_confirming_a_candidate_creates_the_person(editor):
    NameCandidate.objects.create(name="郦若岚", title="区长", context="区长郦若岚在拱墅区调研")
    editor.post(reverse("admin:archive_namecandidate_changelist"), {
        "action": "confirm", "_selected_action": list(NameCandidate.objects.values_list("pk", flat=True)),
    })
    assert Person.objects.filter(name="郦若岚").exists()
    assert not NameCandidate.objects.exists()


def test_turning_off_linking_by_name_unlinks_a_person_and_search_still_finds_the_word(editor, fresh_index, committed):
    person = Person.objects.get(name="周江勇")
    named_in = result_ids(search_json(q="周江勇"))
    assert person.mentions.exists() and named_in
    data = change_form_data(editor.get(admin_url(Person, "change", person.pk)))
    del data["link_by_text"]  # the box unticked
    with committed():
        response = editor.post(admin_url(Person, "change", person.pk), data)
    assert response.status_code == 302
    assert not person.mentions.exists()
    assert result_ids(search_json(person="周江勇")) == []
    assert result_ids(search_json(q="周江勇")) == named_in  # the text still says it


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
