"""Names typed by sound: a word that finds nothing but sounds like a known name is answered
with the corrected query, in the JSON's ``suggestion`` and on the page."""
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from archive.models import Article, Person, Source
from search import indexing

from .admin_helpers import change_form_data
from .helpers import portal, result_ids, search_json

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("车骏", "车俊"),  # the same pinyin, tones and all (jùn)
        ("車駿", "车俊"),  # in the other script
        ("周江永", "周江勇"),
        ("周江用", "周江勇"),  # yòng for yǒng: the same syllables, another tone
        ("吴才明", "吴才敏"),  # one character off, and half alike (ming for min)
        ("车骏 萧山", "车俊 萧山"),  # a word of a query; the rest as typed
        ("che jn", "Che Jun"),  # a name in Latin letters, a letter off
        ("chejunn", "Che Jun"),
        ("zhou jaingyong 萧山", "Zhou Jiangyong 萧山"),  # two letters swapped count as one
    ],
)
def test_a_word_that_sounds_like_a_known_name_gets_the_corrected_query(typed, meant):
    data = search_json(q=typed)
    assert data["suggestion"] == meant
    assert data["total"] == 0 and data["results"] == []  # the original query's answer
    assert search_json(q=meant)["total"] > 0


def test_no_suggestion_for_a_query_that_found_what_it_asked_for(fresh_index):
    assert search_json(q="车俊")["suggestion"] is None  # a known name
    assert search_json(q="Che Jun")["suggestion"] is None and search_json(q="chejun")["total"] == 2
    assert search_json(q="量子计算机")["suggestion"] is None  # sounds like no one
    Article.objects.create(source=Source.objects.first(), title="短讯", body="车骏同学获奖。", published=timezone.now())
    indexing.rebuild()
    data = search_json(q="车骏")
    assert data["total"] == 1 and data["suggestion"] is None  # found as written: no one else is meant


def test_a_word_that_finds_nothing_beside_one_that_does_is_corrected():
    data = search_json(q="车骏 OR 萧山")
    assert data["suggestion"] == "车俊 OR 萧山"
    assert data["total"] == search_json(q="萧山")["total"] > 0


def test_an_editor_adds_a_name_and_it_is_suggested(django_capture_on_commit_callbacks):
    assert search_json(q="钱其深")["suggestion"] is None
    user = User.objects.create_user("editor", password="pw-editor-2026", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    editor = portal()
    editor.force_login(user)
    add = reverse("admin:archive_person_add")
    data = change_form_data(editor.get(add))
    data["name"] = "钱其琛"
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(add, data).status_code == 302
    assert Person.objects.filter(name="钱其琛").exists()
    assert search_json(q="钱其深")["suggestion"] == "钱其琛"


def test_the_page_that_found_nothing_shows_the_corrected_search_under_a_note():
    response = portal().get("/search/", {"q": "車駿", "source": "萧山网"})
    assert response.status_code == 302
    params = parse_qs(urlparse(response["Location"]).query)
    assert params == {"q": ["车俊"], "source": ["萧山网"], "typed": ["車駿"]}
    html = portal().get(response["Location"]).content.decode()
    assert "没有找到“車駿”，以下是“车俊”的结果。" in html
    found = search_json(q="车俊", source="萧山网")
    assert found["total"] == 1 and f'href="{found["results"][0]["url"]}"' in html
    exports = re.search(r'class="exports">(.*?)</p>', html).group(1)
    for link in re.findall(r'href="([^"]+)"', exports):  # the CSV and the Atom feed: the corrected search
        assert parse_qs(urlparse(link.replace("&amp;", "&")).query)["q"] == ["车俊"]


def test_the_page_that_found_something_offers_the_corrected_query_as_a_link():
    html = portal().get("/search/", {"q": "车骏 OR 萧山"}).content.decode()
    link = re.search(r'<p class="suggestion">.*?<a href="([^"]+)">(.*?)</a>', html)
    assert link.group(2) == "车俊 OR 萧山"
    assert parse_qs(urlparse(link.group(1).replace("&amp;", "&")).query) == {"q": ["车俊 OR 萧山"]}
    assert "没有找到“" not in html


def test_a_corrected_search_that_still_finds_nothing_is_not_corrected_again():
    response = portal().get("/search/", {"q": "车俊", "typed": "车骏", "date_from": "1990-01-01", "date_to": "1990-12-31"})
    assert response.status_code == 200 and "共 0 篇文章" in response.content.decode()
    assert result_ids(search_json(q="车俊", date_to="1990-12-31")) == []
