"""Extraction against judgments built from the corpus's tags (bench/judgments.py), through the
import command, on an excerpt of the corpus: the targets the whole corpus is measured against
(bench/extraction_quality.py) hold here too."""
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.extraction.gazetteer import gazetteer

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from extraction_quality import canonical_names, event_scores, position_scores  # noqa: E402
from judgments import judge  # noqa: E402

RECORDS = Path(__file__).parent / "data" / "pd199801_records.txt"
pytestmark = pytest.mark.django_db


@pytest.fixture
def judged(fresh_index):
    call_command("import_articles", str(RECORDS), stdout=StringIO(), stderr=StringIO())
    with RECORDS.open(encoding="utf-8") as f:
        return judge(f, gazetteer()), canonical_names()


def test_positions_are_found_precisely_and_dated(judged):
    scores = position_scores(*judged)
    assert scores["judged"] >= 40
    assert scores["recall_top"] >= 0.95, scores["missed"]
    assert scores["recall_top_with_organization"] >= 0.90
    assert scores["recall_rest"] >= 0.85, scores["missed"]
    assert scores["precision"] >= 0.95, scores["not_judged"]
    assert scores["dates_within_a_day"] >= 0.90, scores["dates_off"]


def test_meetings_and_talks_are_found_and_not_split(judged):
    scores = event_scores(*judged)
    assert scores["judged"] >= 10
    assert scores["recall"] >= 0.90, scores["missed"]
    assert scores["precision"] >= 0.90, scores["not_judged"]
    assert scores["split"] <= 0.02, scores["splits"]
