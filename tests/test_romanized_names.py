"""Names in Latin letters as a reader and an editor meet them: search, the people list, English
pages, the JSON, the admin, the importer and the migration."""
import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from archive.models import Article, Person, Place, Source

from .admin_helpers import change_form_data
from .helpers import COMMITS, english_portal, portal, result_ids, search_json, wait_for_index
from .test_import import EXCERPT, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    return english_portal()


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


@pytest.mark.parametrize("q", ["Che Jun", "che jun", "chejun", "CheJun", "Chē Jùn", "CHE JUN"])
def test_a_name_in_latin_letters_finds_what_the_name_finds(q):
    assert result_ids(search_json(q=q)) == result_ids(search_json(q="车俊")) != []


def test_a_name_in_latin_letters_shows_the_officials_card_and_marks_the_name_in_the_text():
    html = page(portal(), "/search/", q="chejun")
    assert 'class="card person-card"' in html and 'href="/people/che-jun/"' in html
    assert "<mark>車俊</mark>" in html  # marked in the article's own script


def test_latin_words_that_spell_no_one_are_searched_as_written():
    assert search_json(q="che lu")["total"] == 0


def test_a_place_in_latin_letters_finds_the_place():
    assert result_ids(search_json(q="Xiaoshan")) == result_ids(search_json(q="萧山")) != []


@pytest.mark.parametrize("q", ["chejun", "Che Jun", "CHE jun", "Chē Jùn"])
def test_the_people_list_finds_a_person_by_name_in_latin_letters(q):
    html = page(portal(), "/people/", q=q)
    assert re.findall(r'<a href="/people/[\w-]+/">', html) == ['<a href="/people/che-jun/">']


def test_english_pages_show_the_name_in_latin_letters_beside_the_chinese_and_chinese_pages_do_not(english):
    shown = '<span lang="zh-Hans">车俊</span> <span class="romanized">Che Jun</span>'
    article = Article.objects.get(title__startswith="車俊在杭州蕭山")
    for url in ["/people/che-jun/", "/people/", "/", article.get_absolute_url(), "/search/?q=车俊"]:
        assert shown in page(english, url), url
    assert "<title>车俊 Che Jun ·" in page(english, "/people/che-jun/")
    assert '<span lang="zh-Hans">萧山区</span> <span class="romanized">Xiaoshan</span>' in page(english, "/places/xiao-shan-qu/")
    assert "Che Jun" not in page(portal(), "/people/che-jun/")


def test_people_of_the_same_letters_are_told_apart_on_the_english_people_list(english):
    html = page(english, "/people/", q="luwei")
    rows = re.findall(r"<tr><td>(.*?)</td>", html, re.S)
    assert len(rows) == 2  # 陆维 and 卢伟 are both Lu Wei
    assert any("陆维" in row and "Lù Wéi" in row for row in rows)
    assert any("卢伟" in row and "Lú Wěi" in row for row in rows)
    assert "Lù Wéi" not in page(english, "/people/", q="chejun")  # no one else is Che Jun


def test_the_json_gives_the_names_in_latin_letters_beside_the_chinese():
    data = search_json(q="车俊")
    result = next(r for r in data["results"] if r["title"].startswith("車俊在杭州蕭山"))
    assert result["people_romanized"]["车俊"] == "Che Jun" and result["people_romanized"]["佟桂莉"] == "Tong Guili"
    assert {"value": "萧山区", "count": 1, "romanized": "Xiaoshan"} in data["facets"]["place"]
    assert {"value": "萧山网", "count": 1} in data["facets"]["source"]


@COMMITS
def test_a_foreign_name_waits_for_an_editor_and_is_then_shown_and_found(editor, english, fresh_index):
    clinton = Person.objects.create(name="克林顿")
    Article.objects.create(source=Source.objects.first(), title="克林顿发表讲话", body="美国总统克林顿今天发表讲话。",
                           published=timezone.now())
    assert clinton.romanized == ""
    assert '<h1><span lang="zh-Hans">' not in page(english, clinton.get_absolute_url())  # the Chinese name alone
    data = change_form_data(editor.get(reverse("admin:archive_person_change", args=[clinton.pk])))
    data["romanized"] = "Bill Clinton"
    assert editor.post(reverse("admin:archive_person_change", args=[clinton.pk]), data).status_code == 302
    wait_for_index()
    assert '<span class="romanized">Bill Clinton</span>' in page(english, clinton.get_absolute_url())
    assert search_json(q="bill clinton")["total"] == 1


def test_the_admin_generates_a_name_in_latin_letters_keeps_an_editors_and_follows_a_rename(editor):
    add = change_form_data(editor.get(reverse("admin:archive_person_add")))
    add.update(name="欧阳中石", slug="")
    assert editor.post(reverse("admin:archive_person_add"), add).status_code == 302
    person = Person.objects.get(name="欧阳中石")
    assert person.romanized == "Ouyang Zhongshi"
    url = reverse("admin:archive_person_change", args=[person.pk])

    renamed = change_form_data(editor.get(url))
    renamed["name"] = "欧阳中正"  # nobody edited the pinyin: it follows the name
    editor.post(url, renamed)
    person.refresh_from_db()
    assert person.romanized == "Ouyang Zhongzheng"

    edited = change_form_data(editor.get(url))
    edited["romanized"] = "Ouyang Zhong-zheng"
    editor.post(url, edited)
    edited = change_form_data(editor.get(url))
    edited["name"] = "欧阳正"  # an editor's spelling is kept through a rename
    editor.post(url, edited)
    person.refresh_from_db()
    assert person.romanized == "Ouyang Zhong-zheng"

    foreign = change_form_data(editor.get(reverse("admin:archive_person_change", args=[Person.objects.get(name="车俊").pk])))
    foreign["foreign"] = "on"  # marked foreign, the generated pinyin goes
    editor.post(reverse("admin:archive_person_change", args=[Person.objects.get(name="车俊").pk]), foreign)
    assert Person.objects.get(name="车俊").romanized == ""


def test_imported_people_get_their_names_in_latin_letters_and_foreign_ones_none(fresh_index):
    run_import(EXCERPT)
    spelled = dict(Person.objects.filter(name__in=["江泽民", "尉健行", "陈方安生", "克林顿"]).values_list("name", "romanized"))
    assert spelled == {"江泽民": "Jiang Zemin", "尉健行": "Wei Jianxing", "陈方安生": "Chen Fang Ansheng", "克林顿": ""}
    assert result_ids(search_json(q="Jiang Zemin")) == result_ids(search_json(q="江泽民")) != []


def test_the_migration_gives_the_people_and_places_already_held_their_names_in_latin_letters():
    Person.objects.update(romanized="", romanized_key="")
    Place.objects.update(romanized="")
    migration = importlib.import_module("archive.migrations.0009_romanized_names")
    migration.generate(apps, None)
    che_jun = Person.objects.get(name="车俊")
    assert (che_jun.romanized, che_jun.romanized_key) == ("Che Jun", "chejun")
    assert Place.objects.get(name="杭州市").romanized == "Hangzhou" and Place.objects.get(name="中国").romanized == ""
