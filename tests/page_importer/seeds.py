"""The seed pages and the hand-made fixture's articles, for the page importer's tests (no database)."""
import datetime
import json
from pathlib import Path

from archive.importers.page import parse_page
from archive.importers.page.lines import page_lines

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
FIXTURE = ROOT / "fixtures" / "seed.json"

#: The fixture's articles (by pk) for each seed, in page order.
SEED_ARTICLES = {
    "000_144f163ecfe9ac55.txt": [1],
    "001_a6dc616c4cd3605f.txt": [2],
    "002_f01f967e1e8e54bf.txt": [3],
    "003_2ac1a77de42346ef.txt": [4],
    "004_9cfe04800aa1e3ee.txt": [5, 6, 7, 8, 9, 10, 11],
}
XIAOSHAN, KEQIAO, HANGZHOU, XINJINGBAO, GONGSHU = SEED_ARTICLES


def load_fixture():
    """The fixture's articles by pk, with ``source`` as the source's name."""
    objects = json.loads(FIXTURE.read_text(encoding="utf-8"))
    sources = {o["pk"]: o["fields"]["name"] for o in objects if o["model"] == "archive.source"}
    articles = {}
    for o in objects:
        if o["model"] == "archive.article":
            fields = dict(o["fields"])
            fields["source"] = sources[fields["source"]]
            fields["published"] = datetime.datetime.fromisoformat(fields["published"])
            articles[o["pk"]] = fields
    return articles


FIXTURE_ARTICLES = load_fixture()


def seed_text(name):
    return (SEEDS / name).read_text(encoding="utf-8")


def parse_seed(name):
    return parse_page(seed_text(name), filename=name)


def seed_lines(name):
    return page_lines(seed_text(name))
