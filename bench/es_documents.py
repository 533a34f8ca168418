"""What the Elasticsearch backend would send per article: the size of its documents, without a server.

    PORTAL_DATA_DIR=/tmp/pd1998 .venv/bin/python bench/es_documents.py [--sample 500]

Builds the documents of a random sample (fixed seed) of the archive's articles as
search/backends/elasticsearch.py builds them for its bulk requests (each Chinese field as its
token stream: words, names and bigrams at their positions) and prints their mean size as JSON
beside the mean size of the articles' title and body, in UTF-8. Nothing is sent: SEARCH_URL
names a server only so that haystack builds the Elasticsearch backend. The documents are
Elasticsearch's ``_source``, which it stores (compressed) beside the inverted index.
"""
import argparse
import json
import os
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ["SEARCH_URL"] = "http://127.0.0.1:9200/portal"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=500)
    args = ap.parse_args()
    import django

    django.setup()
    from haystack import connections

    from archive.models import Article

    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Article)
    ids = sorted(Article.objects.values_list("id", flat=True))
    sample = Article.objects.filter(id__in=random.Random(1998).sample(ids, min(args.sample, len(ids))))
    doc_bytes, text_bytes = [], []
    for article in sample:
        doc = backend._document(index, article)
        doc_bytes.append(len(json.dumps(doc, ensure_ascii=False, default=str).encode()))
        text_bytes.append(len((article.title + article.body).encode()))
    kib = statistics.mean(doc_bytes) / 1024
    print(f"{len(doc_bytes)} articles: document {kib:.1f} KiB on average (median "
          f"{statistics.median(doc_bytes) / 1024:.1f}), title and body {statistics.mean(text_bytes) / 1024:.1f} KiB: "
          f"{kib * 1024 / statistics.mean(text_bytes):.1f}x")


if __name__ == "__main__":
    main()
