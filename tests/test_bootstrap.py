"""`manage.py bootstrap`, which the Docker image runs at every start: it sets the archive up
once, adds what is new in the fixtures, and never undoes an editor's change."""
import json
from io import StringIO

import pytest
from django.core.management import call_command

from archive import fixtures_loading
from archive.models import Alias, Article, FixtureRecord, Mention, Person

from .helpers import result_ids, search_json

pytestmark = pytest.mark.django_db


def bootstrap():
    out = StringIO()
    call_command("bootstrap", stdout=out)
    return out.getvalue()


def test_bootstrap_keeps_what_editors_deleted_or_changed(fresh_index):
    article = Article.objects.get(title__startswith="区政协召开")
    article.delete()
    person = Person.objects.get(name="周江勇")
    person.name = "周江永"
    person.save()
    Alias.objects.filter(name="車俊").delete()
    che_jun = Person.objects.get(name="车俊")
    elsewhere = Article.objects.get(title__startswith="区人大常委会党组")
    Mention.objects.create(article=elsewhere, person=che_jun, count=1, first_offset=0)  # as a merge leaves it
    output = bootstrap()
    assert "fixtures: 0 new objects" in output and "mentions: relinked in 0 articles" in output
    assert not Article.objects.filter(pk=article.pk).exists()
    assert Person.objects.get(pk=person.pk).name == "周江永"
    assert not Alias.objects.filter(name="車俊").exists()
    assert che_jun.mentions.filter(article=elsewhere).exists()
    assert article.pk not in result_ids(search_json(q="区政协"))


def test_bootstrap_adopts_the_records_of_an_archive_set_up_before_it_kept_a_ledger(fresh_index):
    FixtureRecord.objects.all().delete()
    person = Person.objects.get(name="周江勇")
    person.biography = "编辑补充的简介。"
    person.save()
    assert "fixtures: 0 new objects" in bootstrap()
    assert Person.objects.get(pk=person.pk).biography == "编辑补充的简介。"
    assert FixtureRecord.objects.filter(model="archive.person", object_pk=str(person.pk)).exists()


@pytest.fixture
def fixtures_with_new_records(tmp_path, monkeypatch):
    """The shipped fixtures, plus an article new in them and one that refers to a source an
    editor has deleted."""
    records = json.loads((fixtures_loading.FIXTURES_DIR / "seed.json").read_text(encoding="utf-8"))
    template = next(r for r in records if r["model"] == "archive.article")
    new = {**template, "pk": 9001, "fields": {**template["fields"], "title": "车俊会见钱江数智港代表",
                                              "body": "省委书记车俊会见了钱江数智港代表。", "external_id": None}}
    orphan = {**template, "pk": 9002, "fields": {**new["fields"], "title": "无来源的稿件", "source": 999}}
    (tmp_path / "seed.json").write_text(json.dumps(records + [new, orphan], ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(fixtures_loading, "FIXTURES_DIR", tmp_path)


def test_bootstrap_adds_a_record_new_in_the_fixtures_links_and_indexes_it(fresh_index, fixtures_with_new_records):
    output = bootstrap()
    assert "fixtures: 1 new objects" in output
    assert "not loaded, archive.article.9002: source archive.source.999 was deleted" in output
    article = Article.objects.get(pk=9001)
    assert list(article.mentions.values_list("person__name", flat=True)) == ["车俊"]
    assert result_ids(search_json(q="钱江数智港")) == [9001]
    assert "fixtures: 0 new objects" in bootstrap()  # offered once
