"""How good the first page of results is: nDCG@10, P@10 and recall against graded judgments.

    .venv/bin/python bench/import_corpus.py --keep /tmp/pd1998
    PORTAL_DATA_DIR=/tmp/pd1998 .venv/bin/python bench/ranking_quality.py [--names 60] [--worst 10]

The judgments (bench/relevance.py) come from the corpus's annotation: the most-mentioned
people's names and a fixed list of terms, each article graded 3 (in the headline), 2 (three
times or more), 1 (once or twice) or 0. Each query runs in-process through the JSON view, as
a researcher's would, sorted by relevance; the first ten corpus articles are scored (the seed
articles, which have no external id, are left out, as ../shared/tools/recall_check.py does).
Recall is the share of the judged articles (grade 1 or more) that the search finds at all.
Prints the means for names, terms and all, and the worst queries with what they ranked first.
"""
import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "pd199801" / "199801.txt"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")


def ranked(client, query):
    """External ids of the first page's corpus articles, best first."""
    data = client.get("/search/", {"q": query, "format": "json", "page_size": 20}).json()
    return [r["external_id"] for r in data["results"] if r["external_id"]]


def found(query):
    """External ids of every corpus article the query finds."""
    from archive.models import Article
    from search import service
    from search.query_parser import parse_query

    hits, _ = service.find_all(service.SearchSpec(query=parse_query(query)), limit=100_000)
    ids = Article.objects.filter(pk__in=[pk for _, pk in hits], external_id__isnull=False)
    return set(ids.values_list("external_id", flat=True))


def scores(judgments, kinds):
    from django.test import Client

    from relevance import exponential, ndcg_at, precision_at

    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    for query, grades in judgments.items():
        if not grades:
            continue
        ranking = ranked(client, query)
        relevant = {i for i, g in grades.items() if g > 0}
        recall = len(relevant & found(query)) / len(relevant)
        rows.append({"query": query, "kind": kinds[query], "ndcg": ndcg_at(ranking, grades),
                     "ndcg_exp": ndcg_at(ranking, grades, gain=exponential),
                     "p10": precision_at(ranking, grades), "recall": recall, "ranking": ranking[:10],
                     "judged": len(relevant)})
    return rows


def summary(rows):
    for kind in ("name", "term", None):
        group = [r for r in rows if kind in (None, r["kind"])]
        print(f"{kind or 'all':<5} n={len(group):>3}  nDCG@10 {statistics.mean(r['ndcg'] for r in group):.4f}  "
              f"(gain 2^g-1: {statistics.mean(r['ndcg_exp'] for r in group):.4f})  "
              f"P@10 {statistics.mean(r['p10'] for r in group):.4f}  "
              f"recall {statistics.mean(r['recall'] for r in group):.4f} (min {min(r['recall'] for r in group):.3f})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--names", type=int, default=60, help="how many of the most-mentioned names (default 60)")
    ap.add_argument("--worst", type=int, default=10, help="worst queries to show with their first results")
    args = ap.parse_args()
    import django

    django.setup()
    from relevance import judge, most_mentioned, read_articles

    with args.corpus.open(encoding="utf-8") as f:
        articles = read_articles(f)
    judgments, kinds = judge(articles, most_mentioned(articles, args.names))
    rows = scores(judgments, kinds)
    summary(rows)
    for row in sorted(rows, key=lambda r: r["ndcg"])[: args.worst]:
        grades = judgments[row["query"]]
        shown = " ".join(f"{grades.get(i, 0)}" for i in row["ranking"])
        ideal = " ".join(str(g) for g in sorted(grades.values(), reverse=True)[:10])
        print(f"  {row['query']}: nDCG@10 {row['ndcg']:.3f} P@10 {row['p10']:.2f} recall {row['recall']:.3f} "
              f"({row['judged']} judged)  grades shown [{shown}]  ideal [{ideal}]")


if __name__ == "__main__":
    main()
