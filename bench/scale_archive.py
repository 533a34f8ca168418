"""Write a larger archive in the corpus's own format: the 1998 corpus, then resampled articles re-dated.

    .venv/bin/python bench/scale_archive.py --size 30000 --out /tmp/pd-30k.txt [--seed 1998]
        [--corpus ../shared/corpora/pd199801/199801.txt]

The file starts with the whole People's Daily 1998-01 corpus, unchanged (so searches and
filters on January 1998 still find it). The rest, up to --size articles, are articles of the
corpus drawn at random (a fixed seed: the same file every time), each whole, with its lines
unchanged but for the paragraph ids: they are dated on the days after the corpus, as many a
day as the corpus has (3,148 articles on 31 days: 102 a day, to 1998-11 for 30,000 and to
2000-10 for 100,000), keep their page and are numbered on it anew, so every article has an id
of its own in the corpus's format (``YYYYMMDD-PP-AAA-SSS/m``). Words, tags, lengths and names
are the corpus's; `manage.py import_articles FILE` reads the file as it reads the corpus.
"""
import argparse
import datetime
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.importers import pku1998

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "pd199801" / "199801.txt"
DEFAULT_SEED = 1998


def read_articles(path):
    """The corpus's articles in file order, each as (article id, its non-blank lines)."""
    articles = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.lstrip("\ufeff").rstrip("\n")
            if not line.strip():
                continue
            if not articles or pku1998.article_id_of(line) != articles[-1][0]:
                articles.append((pku1998.article_id_of(line), []))
            articles[-1][1].append(line)
    return articles


def resampled(articles, count, seed=DEFAULT_SEED):
    """``count`` articles drawn from ``articles`` with ``seed``, re-dated after the last of them.

    Yields (new article id, lines with that id). Each day takes as many articles as the corpus
    has a day; an article keeps its page and gets the next free number on it that day.
    """
    dates = sorted({article_date(article_id) for article_id, _ in articles})
    per_day = round(len(articles) / len(dates))
    first_day = dates[-1] + datetime.timedelta(days=1)
    rng = random.Random(seed)
    numbers = Counter()
    for i in range(count):
        article_id, lines = rng.choice(articles)
        day = first_day + datetime.timedelta(days=i // per_day)
        page = article_id[9:11]
        numbers[day, page] += 1
        new_id = f"{day:%Y%m%d}-{page}-{numbers[day, page]:03d}"
        yield new_id, [new_id + line[len(article_id):] for line in lines]


def article_date(article_id):
    return datetime.datetime.strptime(article_id[:8], "%Y%m%d").date()


def write_archive(corpus, size, out, seed=DEFAULT_SEED):
    """Write the corpus and then resampled articles to ``out``, ``size`` articles in all."""
    articles = read_articles(corpus)
    if size < len(articles):
        raise ValueError(f"--size {size} is smaller than the corpus ({len(articles)} articles)")
    with open(out, "w", encoding="utf-8") as file:
        for _, lines in articles:
            file.writelines(line + "\n" for line in lines)
        for _, lines in resampled(articles, size - len(articles), seed):
            file.writelines(line + "\n" for line in lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, required=True, help="articles in all, the corpus's included")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    write_archive(args.corpus, args.size, args.out, args.seed)
    print(f"{args.size} articles written to {args.out}")


if __name__ == "__main__":
    main()
