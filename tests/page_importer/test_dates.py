"""The publication date each seed page states, in Asia/Shanghai."""
import datetime

import pytest

from archive.importers.page.dates import find_date, page_date

from .seeds import FIXTURE_ARTICLES, SEED_ARTICLES, seed_lines


@pytest.mark.parametrize("seed", SEED_ARTICLES)
def test_each_seed_page_dates_its_articles_as_the_fixture_does(seed):
    published = page_date(seed_lines(seed), seed)
    assert published == FIXTURE_ARTICLES[SEED_ARTICLES[seed][0]]["published"]
    assert published.utcoffset() == datetime.timedelta(hours=8)


def test_written_forms_of_a_date():
    assert find_date("更新時間:2020-07-03 10:14:23")[:2] == (datetime.datetime(2020, 7, 3, 10, 14, 23, tzinfo=datetime.timezone(datetime.timedelta(hours=8))), True)
    assert find_date("2020年6月12日 星期五")[0].date() == datetime.date(2020, 6, 12)
    assert find_date("２０２０年６月１２日")[0].date() == datetime.date(2020, 6, 12)  # full-width
    assert find_date("2020-13-45 发布") is None  # not a date


def test_a_page_without_a_date_is_refused_with_its_name():
    with pytest.raises(ValueError, match="x.txt: no publication date"):
        page_date(seed_lines("001_a6dc616c4cd3605f.txt")[2:3], "x.txt")
