"""Hostile searches on the imported archive: what each costs and answers, alone and three at once.

    PORTAL_DATA_DIR=... .venv/bin/python bench/hostile_search.py [--base http://127.0.0.1:8000] [--repeat 3]

The probes of issue 14: twenty common single characters, forty joined by OR, a CSV export
of eight, 999 person filters (Django refuses 1,000 fields), control characters in a feed's query; and an ordinary
multi-word query beside them. Of issue 16: quoted phrases that end in a single character,
which is looked for where it stands. Without --base they run in-process (Django's test client);
with --base over HTTP against a running portal, where --concurrent also sends three of the
heaviest at once and times /articles/1/ meanwhile. Prints status, bytes and the worst time
of --repeat runs per probe.
"""
import argparse
import http.client
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

COMMON = "的 是 在 了 一 不 有 人 中 国 大 为 上 个 和 这 到 以 们 说 年 生 会 要 发 出 也 地 时 就 对 作 成 经 工 行 政 家 主 民".split()
PROBES = [
    ("ordinary: 江泽民 经济", "/search/", {"format": "json", "q": "江泽民 经济"}),
    ("ordinary: 中国 经济 改革 发展", "/search/", {"format": "json", "q": "中国 经济 改革 发展"}),
    ("one common character: 的", "/search/", {"format": "json", "q": "的"}),
    ("20 single characters", "/search/", {"format": "json", "q": " ".join(COMMON[:20])}),
    ("40 characters joined by OR", "/search/", {"format": "json", "q": " OR ".join(COMMON)}),
    ("20 two-character words joined by OR", "/search/",
     {"format": "json", "q": " OR ".join("中国 经济 发展 改革 工作 人民 社会 建设 国家 主义 政治 干部 企业 群众 领导 问题 文化 历史 世界 全国".split())}),
    ("quoted phrases ending in common characters", "/search/",
     {"format": "json", "q": '"的 的" "中国 的" "人 民"'}),
    ("quoted phrase ending in 江", "/search/", {"format": "json", "q": '"浙 江"'}),
    ("CSV of 8 single characters", "/search/export.csv", {"q": " ".join(COMMON[:8])}),
    ("CSV of everything", "/search/export.csv", {"q": ""}),
    ("999 person filters", "/search/", [("format", "json")] + [("person", f"人{i}") for i in range(999)]),
    ("feed with a control character", "/search/feed/", {"q": "\x01"}),
]


def http_get(base):
    def get(path, params):
        url = f"{base}{path}?{urllib.parse.urlencode(params)}"
        try:
            with urllib.request.urlopen(url, timeout=120) as response:
                try:
                    return response.status, len(response.read())
                except http.client.IncompleteRead as error:  # the worker died mid-stream
                    return f"{response.status} cut short", len(error.partial)
        except urllib.error.HTTPError as error:
            return error.code, len(error.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            return f"failed ({error})", 0

    return get


def client_get():
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)

    def get(path, params):
        response = client.get(path, params)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, len(body)

    return get


def timed(get, path, params):
    start = time.perf_counter()
    status, size = get(path, params)
    return status, size, time.perf_counter() - start


def concurrent(get, probes):
    """The probes at once, and /articles/1/ timed while they run."""
    results = {}
    threads = [threading.Thread(target=lambda p=p: results.setdefault(p[0], timed(get, p[1], p[2]))) for p in probes]
    for t in threads:
        t.start()
    time.sleep(0.2)
    page = timed(get, "/articles/1/", {})
    for t in threads:
        t.join()
    return results, page


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", help="a running portal, e.g. http://127.0.0.1:8000; default: in-process")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--concurrent", action="store_true", help="also three heavy probes at once (with --base)")
    args = ap.parse_args()
    get = http_get(args.base) if args.base else client_get()
    get("/search/", {"q": "预热", "format": "json"})  # loads jieba and the names
    print(f"{'probe':<40} {'status':>14} {'bytes':>9} {'worst s':>8}")
    for label, path, params in PROBES:
        runs = [timed(get, path, params) for _ in range(args.repeat)]
        status, size, _ = runs[-1]
        print(f"{label:<40} {status!s:>14} {size:>9} {max(t for *_, t in runs):8.2f}")
    if args.concurrent and args.base:
        heavy = [p for p in PROBES if p[0] in ("20 single characters", "40 characters joined by OR", "CSV of 8 single characters")]
        results, page = concurrent(get, heavy)
        for label, (status, size, seconds) in results.items():
            print(f"{'at once: ' + label:<40} {status!s:>14} {size:>9} {seconds:8.2f}")
        print(f"{'meanwhile: /articles/1/':<40} {page[0]!s:>14} {page[1]:>9} {page[2]:8.2f}")


if __name__ == "__main__":
    main()
