"""bench/scale_archive.py: a larger archive, of the corpus's articles re-dated, that the import reads whole."""
import datetime
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.importers.records import SHANGHAI
from archive.models import Article

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from scale_archive import read_articles, write_archive

EXCERPT = Path(__file__).parent / "data" / "pd199801_records.txt"  # 12 whole articles of 1998-01


@pytest.mark.django_db
def test_a_generated_archive_imports_with_ids_of_its_own_on_later_days(fresh_index, tmp_path):
    archive = tmp_path / "scaled.txt"
    write_archive(EXCERPT, 50, archive, seed=1)
    call_command("import_articles", str(archive), stdout=StringIO(), stderr=StringIO())

    ids = [article_id for article_id, _ in read_articles(archive)]
    assert len(set(ids)) == 50
    articles = Article.objects.filter(external_id__in=ids)
    assert articles.count() == 50
    originals = {article_id for article_id, _ in read_articles(EXCERPT)}
    resampled = [a for a in articles if a.external_id not in originals]
    assert len(resampled) == 38
    days = [a.published.astimezone(SHANGHAI).date() for a in resampled]
    assert all(a.external_id[:8] == f"{day:%Y%m%d}" for a, day in zip(resampled, days))
    assert min(days) > max(datetime.datetime.strptime(i[:8], "%Y%m%d").date() for i in originals)
    bodies = {a.body for a in articles if a.external_id in originals}
    assert all(a.body in bodies for a in resampled)  # the text is the corpus's, whole


def test_the_same_seed_writes_the_same_archive(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    write_archive(EXCERPT, 30, first, seed=7)
    write_archive(EXCERPT, 30, second, seed=7)
    assert first.read_text() == second.read_text()
