"""Search latency on the imported archive: 200 searches through the JSON view (or the page).

Run after importing the People's Daily corpus (see README, "Benchmarks"):

    PORTAL_DATA_DIR=... .venv/bin/python bench/search_latency.py [--base http://127.0.0.1:8000] [--page]

Without --base the searches run in-process through Django's test client (view, backend,
facets, highlighting, JSON) after the warm-up a gunicorn worker does, each one searched (the
page cache is off unless PAGE_CACHE_SECONDS says otherwise); with --base they go over HTTP
to a running portal (gunicorn).
With --page they ask for the HTML page instead (also the officials' cards, the events beside
the results, the chart, and for a search that finds nothing the count without each filter).
Prints the median, p90, p95, p99 and max latency per kind of query and overall, and how many
searches were refused (400: past the search budget or stopped at its time limit, which a
large archive reaches; counted with the time they took), --json FILE writes them too.
Then the broadest searches (BROADEST: a common word, the empty query oldest first, 100 to a
page), each run BROADEST_RUNS times: the median of each, and how many times the workload's
median it is.
"""
import argparse
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# In-process, every search is run: the page cache (portal.page_cache) would answer the
# workload's repeated queries without searching. Over HTTP the server's setting holds.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

NAMES = ["江泽民", "李鹏", "钱其琛", "朱镕基", "邓小平", "克林顿", "陈云", "陈云林", "李岚清", "叶利钦",
         "吴邦国", "乔石", "胡锦涛", "温家宝", "尉健行", "罗干", "迟浩田", "姜春云", "钱正英", "王光英",
         "張萬年", "李瑞環", "江澤民", "朱鎔基", "錢其琛"]
TERMS = ["国有企业", "扶贫", "香港", "农业", "改革", "经济", "亚洲金融危机", "下岗职工", "再就业", "科技",
         "1998年", "１９９８年", "春节", "农民", "环境保护", "邓小平理论", "精神文明", "台湾", "澳门", "金融",
         "農業", "經濟", "臺灣", "教育", "腐败"]
PHRASES = ['"经济体制改革"', '"精神文明建设"', '"国有企业改革"', '"依法治国"', '"两个文明"',
           '"建设有中国特色社会主义"', '"十五大精神"', '"扶贫攻坚"', '"社会主义市场经济"', '"亚洲金融危机"']
BOOLEAN = ["江泽民 OR 李鹏", "香港 -澳门", "改革 开放", "农业 NOT 工业", "经济 金融 危机"]
ROMANIZED = ["Jiang Zemin", "jiangzemin", "Li Peng", "qian qichen", "Zhū Róngjī", "Beijing", "Li Peng jingji"]
FILTERS = [
    {"person": "江泽民"}, {"person": "李鹏", "q": "经济"}, {"date_from": "1998-01-10", "date_to": "1998-01-20"},
    {"q": "改革", "date_from": "1998-01-01", "date_to": "1998-01-15", "sort": "newest"},
    {"source": "人民日报", "q": "农业"}, {"q": "香港", "person": "钱其琛"}, {"q": "", "sort": "oldest"},
    {"place": "北京", "q": "春节"}, {"q": "科技", "page": "3"}, {"q": "经济", "page_size": "100"},
]


def workload():
    kinds = [("name", [{"q": q} for q in NAMES]), ("term", [{"q": q} for q in TERMS]),
             ("phrase", [{"q": q} for q in PHRASES]), ("boolean", [{"q": q} for q in BOOLEAN]),
             ("romanized", [{"q": q} for q in ROMANIZED]), ("filter", FILTERS)]
    items = [(kind, params) for kind, group in kinds for params in group]
    return [items[i % len(items)] for i in range(200)]


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summary(ms, refused=0):
    """Median, p90, p95, p99 and max of the latencies ``ms`` (ms), how many, how many refused."""
    return {"n": len(ms), "median": statistics.median(ms), "p90": percentile(ms, 90), "p95": percentile(ms, 95),
            "p99": percentile(ms, 99), "max": max(ms), "refused": refused}


def report(label, ms, refused=0):
    s = summary(ms, refused)
    print(f"{label:<10} n={s['n']:>3}  median {s['median']:6.1f}  p90 {s['p90']:6.1f}  "
          f"p95 {s['p95']:6.1f}  p99 {s['p99']:6.1f}  max {s['max']:6.1f}  (ms)"
          + (f"  refused {refused}" if refused else ""))


def http_getter(base, page):
    asked = {} if page else {"format": "json"}

    def get(params):
        url = f"{base}/search/?" + urllib.parse.urlencode({**params, **asked})
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.read() if page else json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 400:
                return None
            raise
    return get


def in_process_getter(page):
    """Searches through Django's test client, on the archive of PORTAL_DATA_DIR."""
    import django

    django.setup()
    from django.test import Client

    from search.service import warm_up

    warm_up()  # what a gunicorn worker does before its first request (gunicorn.conf.py)
    client = Client(HTTP_HOST="127.0.0.1")
    asked = {} if page else {"format": "json"}

    def get(params):
        response = client.get("/search/", {**params, **asked})
        assert response.status_code in (200, 400), (params, response.status_code)
        if response.status_code == 400:
            return None
        return response.content if page else response.json()
    return get


def measure(get, page=False):
    """Run the workload once with ``get`` (which answers None for a search refused with 400:
    past the search budget, or stopped at its time limit): ({kind of query: [latency in ms]},
    {kind: searches refused}). A refused search counts with the time it took to refuse."""
    get({"q": "预热"})  # a first request, as after a worker's start
    timings, refused = {}, Counter()
    for kind, params in workload():
        ms, data = timed(get, params)
        timings.setdefault(kind, []).append(ms)
        if data is None:
            refused[kind] += 1
        else:
            assert page or "total" in data, data
    return timings, refused


# The broadest searches: a word in most articles, every article oldest first, and each with
# the longest page a reader may ask for.
BROADEST = (
    {"q": "经济"},
    {"q": "经济", "page_size": 100},
    {"q": "", "sort": "oldest"},
    {"q": "", "sort": "oldest", "page_size": 100},
)
BROADEST_RUNS = 7


def broadest(get):
    """(params, median ms over BROADEST_RUNS runs) for each of BROADEST."""
    return [(params, statistics.median(timed(get, params)[0] for _ in range(BROADEST_RUNS))) for params in BROADEST]


def timed(get, params):
    """(ms, answer) of one search."""
    start = time.perf_counter()
    data = get(params)
    return (time.perf_counter() - start) * 1000, data


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", help="a running portal, e.g. http://127.0.0.1:8000; default: in-process")
    ap.add_argument("--page", action="store_true", help="ask for the HTML page instead of the JSON")
    ap.add_argument("--json", type=Path, help="also write the figures here, per kind and for all")
    args = ap.parse_args()
    get = http_getter(args.base, args.page) if args.base else in_process_getter(args.page)
    timings, refused = measure(get, args.page)
    timings["all"] = [t for ms in timings.values() for t in ms]
    refused["all"] = sum(refused.values())
    for kind, ms in timings.items():
        report(kind, ms, refused[kind])
    median = statistics.median(timings["all"])
    for params, ms in broadest(get):
        label = "&".join(f"{key}={value}" for key, value in params.items())
        print(f"broadest  {label:28} median {ms:6.1f} ms = {ms / median:.1f}x the median")
    if args.json:
        figures = {kind: summary(ms, refused[kind]) for kind, ms in timings.items()}
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
