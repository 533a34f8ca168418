"""Officials from the text, through the import command, the admin, the pages and the JSON.

tests/data/pd199801_records.txt holds 12 whole articles of the 1998 corpus, lines unchanged:
meetings, talks reported by both sides, foreign names in full and short, chains of titles.
"""
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.models import Alias, Article, Event, Evidence, NameCandidate, Participation, Person, Position

from .admin_helpers import change_form_data
from .helpers import portal

pytestmark = pytest.mark.django_db

RECORDS = Path(__file__).parent / "data" / "pd199801_records.txt"


@pytest.fixture
def imported(fresh_index):
    call_command("import_articles", str(RECORDS), stdout=StringIO(), stderr=StringIO())


def extract_again():
    call_command("extract_records", stdout=StringIO())


def posts(name):
    return {(p.organization.name if p.organization else "", p.title) for p in Person.objects.get(name=name).positions.all()}


def snapshot():
    """Everything extraction made, as comparable values."""
    return tuple(sorted(rows, key=str) for rows in (
        (Position.objects.values_list("person__name", "organization__name", "title", "first_attested",
                                            "last_attested", "origin", "review")),
        Event.objects.values_list("kind", "start_date", "title", "origin", "review"),
        Participation.objects.values_list("event__title", "person__name", "role", "review"),
        Evidence.objects.values_list("article__external_id", "quote", "date"),
    ))


def test_an_import_extracts_the_posts_of_each_chain(imported):
    assert {("国务院", "副总理"), ("外交部", "部长")} <= posts("钱其琛")
    assert {("中共中央", "总书记"), ("", "国家主席")} <= posts("江泽民")  # 中共中央总书记、国家主席江泽民
    position = Position.objects.get(person__name="钱其琛", organization__name="国务院", title="副总理")
    assert position.origin == Position.Origin.EXTRACTED and position.review == Position.Review.UNREVIEWED
    assert position.first_attested.isoformat() == "1997-12-30"  # 本报比勒陀利亚１２月３０日电
    assert position.evidence.filter(article__external_id="19980101-03-004", quote__contains="副总理兼外交部长钱其琛").exists()


def test_an_import_extracts_meetings_with_hosts_and_guests(imported):
    meeting = Event.objects.get(kind="meeting", participations__person__name="乔石")
    roles = {(p.person.name, p.role) for p in meeting.participations.all()}
    assert {("乔石", "host"), ("马蒂厄·克雷库", "guest")} <= roles
    assert meeting.start_date.isoformat() == "1998-01-21"


def test_talks_reported_by_both_sides_are_one_event_with_both_articles(imported):
    talks = Event.objects.filter(kind="talks", participations__person__name="江泽民").filter(
        participations__person__name="马蒂厄·克雷库").distinct()
    assert talks.count() == 1
    assert {a.external_id for a in talks.get().articles.all()} == {"19980121-01-002", "19980122-01-005"}


def test_a_future_meeting_is_no_event(imported):
    future = Article.objects.get(external_id="19980105-06-014")  # 内塔尼亚胡定于一月二十日赴华盛顿…举行会谈
    assert not future.events.exists()


def test_the_short_form_of_a_foreign_name_joins_the_full_name(imported):
    assert not Person.objects.filter(name="克雷库").exists()
    assert Alias.objects.filter(person__name="马蒂厄·克雷库", name="克雷库", kind=Alias.Kind.SHORT).exists()
    full = Person.objects.get(name="马蒂厄·克雷库")
    assert full.mentions.filter(article__external_id="19980121-01-002").exists()  # there only 克雷库 is written


def test_extracting_again_changes_nothing(imported):
    imported_records = snapshot()
    call_command("extract_records", "--source", "人民日报", stdout=StringIO())
    assert snapshot() == imported_records
    assert imported_records[0] and imported_records[1]  # something was extracted to compare
    extract_again()  # the seed articles too, which their fixtures loaded without extraction
    everything = snapshot()
    extract_again()
    assert snapshot() == everything


def test_an_attestation_of_an_editors_post_adds_evidence_and_no_second_line(fresh_index):
    qian = Person.objects.create(name="钱其琛")
    from archive.models import Organization
    editors = Position.objects.create(person=qian, title="副总理", organization=Organization.objects.get_or_create(name="国务院")[0])
    call_command("import_articles", str(RECORDS), stdout=StringIO(), stderr=StringIO())
    lines = Position.objects.filter(person=qian, organization__name="国务院", title="副总理")
    assert list(lines) == [editors]
    editors.refresh_from_db()
    assert editors.origin == Position.Origin.EDITOR and editors.evidence.exists()


def act(client, model, action, objects):
    url = reverse(f"admin:archive_{model._meta.model_name}_changelist")
    response = client.post(url, {"action": action, "_selected_action": [o.pk for o in objects]})
    assert response.status_code == 302, response.content[:500]


def test_a_rejected_extraction_stays_rejected_and_a_confirmed_one_stays(imported, editor):
    rejected = Position.objects.get(person__name="钱其琛", organization__name="外交部", title="部长")
    confirmed = Position.objects.get(person__name="钱其琛", organization__name="国务院", title="副总理")
    act(editor, Position, "reject_records", [rejected])
    act(editor, Position, "confirm_records", [confirmed])
    extract_again()
    assert Position.objects.filter(person__name="钱其琛", organization__name="外交部", title="部长").count() == 1
    rejected.refresh_from_db()
    confirmed.refresh_from_db()
    assert rejected.review == Position.Review.REJECTED and confirmed.review == Position.Review.CONFIRMED
    page = portal().get(Person.objects.get(name="钱其琛").get_absolute_url()).content.decode()
    assert '<span class="what">国务院副总理</span>' in page and '<span class="what">外交部长</span>' not in page


def test_the_review_list_filters_machine_made_records(imported, editor):
    url = reverse("admin:archive_position_changelist")
    page = editor.get(url, {"origin__exact": "extracted", "review__exact": "unreviewed"}).content.decode()
    assert "国务院副总理" in page


def test_editing_an_extracted_record_makes_it_the_editors(imported, editor):
    position = Position.objects.get(person__name="钱其琛", organization__name="国务院", title="副总理")
    url = reverse("admin:archive_position_change", args=[position.pk])
    data = change_form_data(editor.get(url))
    data["start_date"] = "1993-03-29"
    assert editor.post(url, data).status_code == 302
    position.refresh_from_db()
    assert (position.origin, position.review, position.start_date.isoformat()) == ("editor", "confirmed", "1993-03-29")
    extract_again()
    position.refresh_from_db()
    assert position.origin == "editor" and position.evidence.exists()


def test_an_article_edited_or_deleted_takes_its_extractions_along(imported):
    conference = Article.objects.get(external_id="19980110-01-003")  # 李鹏主持召开国务院第６５次常务会议
    event = conference.events.get(kind="conference")
    conference.delete()
    assert not Event.objects.filter(pk=event.pk).exists()
    meeting = Article.objects.get(external_id="19980110-02-015")  # 王克会见了…
    assert meeting.events.exists()
    meeting.body = "据新华社北京１月９日电王克上将今天在这里讲述了后勤工作。"
    meeting.save()
    assert not meeting.events.exists()


def test_a_confirmed_name_candidate_gets_the_posts_its_articles_give(fresh_index):
    call_command("import_articles", str(RECORDS), stdout=StringIO(), stderr=StringIO())
    qian = Person.objects.get(name="钱其琛")
    qian.delete()  # as if the import had only listed him for editors
    NameCandidate.objects.create(name="钱其琛", title="外交部长")
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("boss", password="pw-boss-2026")
    client = portal()
    client.force_login(admin)
    act(client, NameCandidate, "confirm", NameCandidate.objects.filter(name="钱其琛"))
    assert ("外交部", "部长") in posts("钱其琛")


# -- what readers get ----------------------------------------------------------------------

def test_the_person_page_shows_a_dated_career_with_evidence_and_appearances(imported):
    qian = Person.objects.get(name="钱其琛")
    page = portal().get(qian.get_absolute_url()).content.decode()
    assert "国务院副总理" in page and "见报" in page and "1997-12-30" in page
    assert "? –" not in page  # an unknown start never reads as still in office
    assert "副总理兼外交部长钱其琛" in page  # the evidence sentence
    assert "机器抽取" in page
    assert reverse("article_detail", args=[Article.objects.get(external_id="19980101-03-004").pk]) in page


def test_the_event_page_lists_the_host_first_with_the_post_held_that_day(imported):
    meeting = Event.objects.get(kind="meeting", participations__person__name="乔石")
    page = portal().get(meeting.get_absolute_url()).content.decode()
    participants = page[page.index('class="participants"'):]
    assert participants.index("乔石") < participants.index("马蒂厄·克雷库")
    assert "全国人大常委会委员长" in page and "贝宁总统" in page
    assert "机器抽取" in page and "会见了来访的贝宁总统马蒂厄·克雷库一行" in page  # the report that says so


def test_people_json_puts_the_exact_name_first(imported):
    data = portal().get("/people/", {"format": "json", "q": "江泽民"}).json()
    assert data["results"][0]["name"] == "江泽民"
    data = portal().get("/people/", {"format": "json", "q": "克雷库"}).json()
    assert data["results"][0]["name"] == "马蒂厄·克雷库" and "克雷库" in data["results"][0]["aliases"]


def test_person_json_gives_positions_with_evidence_and_appearances(imported):
    qian = Person.objects.get(name="钱其琛")
    data = portal().get(qian.get_absolute_url(), {"format": "json"}).json()
    assert set(data) == {"name", "slug", "aliases", "positions", "appearances", "mentions"}
    post = next(p for p in data["positions"] if p["organization"] == "国务院" and p["title"] == "副总理")
    assert post["origin"] == "extracted" and post["first_attested"] == "1997-12-30" and post["start"] is None
    assert {"article_id", "external_id", "published", "quote"} == set(post["evidence"][0])
    assert any(a["kind"] == "talks" and "host" in a["roles"] for a in data["appearances"])
    assert data["mentions"] > 0


def test_events_json_lists_extracted_meetings_by_kind_and_person(imported):
    data = portal().get("/events/", {"format": "json", "kind": "meeting", "person": "乔石"}).json()
    assert data["total"] == 1
    (event,) = data["results"]
    assert event["participants"][0] == {"name": "乔石", "role": "host"}
    assert event["origin"] == "extracted" and event["articles"][0]["external_id"] == "19980122-01-005"
    talks = portal().get("/events/", {"format": "json", "kind": "talks", "person": "克雷库"}).json()
    assert talks["total"] == 1  # an alias finds the person


@pytest.mark.parametrize("params", [{"date_from": "1998-13-01"}, {"kind": "party"}, {"date_from": "1998-02-01", "date_to": "1998-01-01"}])
def test_events_json_answers_a_bad_parameter_with_400_and_a_message(params):
    response = portal().get("/events/", {"format": "json", **params})
    assert response.status_code == 400 and response.json()["error"]


def test_the_search_kind_filter_covers_extracted_meetings(imported, django_capture_on_commit_callbacks):
    from .helpers import search_json

    found = {r["external_id"] for r in search_json(kind="meeting", page_size=100)["results"]}
    assert "19980122-01-005" in found and "19980110-02-015" in found
