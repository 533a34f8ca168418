"""How the portal scales past the 1998 corpus: import time, index size, memory and search latency
against the number of articles, as figures (bench/scale_curve.json) and curves (bench/scale_curve.svg).

    .venv/bin/python bench/scale_curve.py [--sizes 3148 30000 100000] [--work /tmp/curve]
        [--corpus ../shared/corpora/pd199801/199801.txt] [--seed 1998]
    .venv/bin/python bench/scale_curve.py --search-again [--sizes ...]   # the searches only
    .venv/bin/python bench/scale_curve.py --merge [--sizes ...]          # merge each index, timed
    .venv/bin/python bench/scale_curve.py --sizes                        # draw the SVG again

For each size: the corpus itself when the size is its number of articles, else an archive
written by bench/scale_archive.py (the corpus, then resampled articles re-dated); in a new data
directory under --work, `manage.py bootstrap` and `manage.py import_articles` timed as
bench/import_corpus.py times it (wall time, peak memory of the import's largest process), the
size on disk of the Whoosh index and of the SQLite database, then bench/search_latency.py's
200 searches in-process on it (median and p95; a search refused with 400, past the search
budget or stopped at its time limit of 1.5 s, counts with the time it took, and is counted).
One size at a time: each import uses both cores. A size measured again replaces its point in
the JSON and the others are kept, so sizes can be run apart. The SVG is drawn from the JSON.

--search-again measures only the searches again, on the data directories the JSON names,
keeping the import figures. --merge merges the index of each into one segment, as a
long-lived index ends up, and records the time and the merged size (later searches on that
data directory run on the merged index).
"""
import argparse
import datetime
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from import_corpus import import_archive, imported_count
from scale_archive import DEFAULT_CORPUS, DEFAULT_SEED, read_articles, write_archive

BENCH = Path(__file__).resolve().parent
FIGURES = BENCH / "scale_curve.json"
CURVES = BENCH / "scale_curve.svg"
MIB = 1024 * 1024


def measure_size(size, corpus, corpus_size, work, seed):
    """One point of the curve: import, disk and search figures for an archive of ``size`` articles."""
    data_dir = work / f"data-{size}"
    shutil.rmtree(data_dir, ignore_errors=True)
    archive = corpus
    if size != corpus_size:
        archive = work / f"archive-{size}.txt"
        write_archive(corpus, size, archive, seed)
    stdout, elapsed, peak_mib, peak_pss = import_archive(archive, data_dir)
    if archive != corpus:
        archive.unlink()
    articles = imported_count(stdout)
    index_bytes = disk_bytes(data_dir / "whoosh_index")
    point = {
        "articles": articles,
        "import_s": round(elapsed, 1),
        "articles_per_s": round(articles / elapsed),
        "peak_rss_mib": round(peak_mib),
        "peak_pss_mib": round(peak_pss),
        "index_mib": round(index_bytes / MIB, 1),
        "index_kib_per_article": round(index_bytes / 1024 / articles, 2),
        "index_segments": len(list((data_dir / "whoosh_index").glob("*.seg"))),
        "db_mib": round(disk_bytes(data_dir, "portal.sqlite3*") / MIB, 1),
        "measured": now(),
        "data_dir": str(data_dir),
    }
    return {**point, **search_point(data_dir)}


def search_point(data_dir):
    """The search figures of a point: median and p95 of all, p95 per kind, searches refused."""
    search = search_figures(data_dir)
    return {
        "search_p50_ms": round(search["all"]["median"], 1),
        "search_p95_ms": round(search["all"]["p95"], 1),
        "search_refused": search["all"]["refused"],
        "search_p95_ms_by_kind": {kind: round(s["p95"], 1) for kind, s in search.items() if kind != "all"},
        "searched": now(),
    }


def merge_point(data_dir, articles):
    """Merge the Whoosh index of ``data_dir`` into one segment, as a long-lived index ends up:
    the time it takes and the merged size (the import leaves a segment per batch, and per
    writer process with INDEX_WRITER_PROCESSES, each with a term dictionary of its own)."""
    merge = "from haystack import connections; b = connections['default'].get_backend(); b.setup(); b.index.optimize()"
    start = time.perf_counter()
    subprocess.run([sys.executable, str(BENCH.parent / "manage.py"), "shell", "-c", merge],
                   env={**os.environ, "PORTAL_DATA_DIR": str(data_dir)}, check=True)
    elapsed = time.perf_counter() - start
    merged = disk_bytes(data_dir / "whoosh_index")
    return {"merge_s": round(elapsed, 1), "index_mib_merged": round(merged / MIB, 1),
            "index_kib_per_article_merged": round(merged / 1024 / articles, 2)}


def now():
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def disk_bytes(path, pattern="*"):
    """Bytes on disk of the files under ``path`` that match ``pattern``."""
    return sum(f.stat().st_blocks * 512 for f in path.rglob(pattern) if f.is_file())


def search_figures(data_dir):
    """bench/search_latency.py in-process on ``data_dir``, in a process of its own (Django
    reads PORTAL_DATA_DIR once): its JSON figures per kind of query and for all."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([sys.executable, str(BENCH / "search_latency.py"), "--json", out.name],
                       env={**os.environ, "PORTAL_DATA_DIR": str(data_dir)}, check=True, stdout=subprocess.DEVNULL)
        return json.loads(Path(out.name).read_text())


def measure_sizes(args):
    """Measure and save a point per size of ``args.sizes``, in order."""
    work = args.work or Path(tempfile.mkdtemp(prefix="portal-curve-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus_size = len(read_articles(args.corpus))
    for size in args.sizes:
        point = measure_size(size, args.corpus, corpus_size, work, args.seed)
        print(json.dumps(point, ensure_ascii=False), flush=True)
        save_point(point)


def load_points(path=FIGURES):
    return json.loads(path.read_text())["points"] if path.exists() else []


def save_point(point, path=FIGURES):
    """Put ``point`` into the figures at ``path``, in place of one of the same size."""
    points = [p for p in load_points(path) if p["articles"] != point["articles"]] + [point]
    figures = {"machine": f"{os.cpu_count()} cores, shared; Whoosh index and SQLite on local disk",
               "points": sorted(points, key=lambda p: p["articles"])}
    path.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n")


# -- the curves, as a hand-written SVG ------------------------------------------------------

PANEL_W, PANEL_H, MARGIN = 380, 250, 56
PANELS = [  # title, [(key in a point, label, colour)]
    ("import + index (s)", [("import_s", "wall time", "#1f77b4")]),
    ("on disk (MiB)", [("index_mib", "Whoosh index as imported", "#2ca02c"),
                       ("index_mib_merged", "merged into one segment", "#17becf"), ("db_mib", "SQLite", "#9467bd")]),
    ("peak memory of the import (MiB)", [("peak_rss_mib", "largest process", "#d62728")]),
    ("search latency, 200 queries (ms)", [("search_p50_ms", "p50", "#1f77b4"), ("search_p95_ms", "p95", "#ff7f0e")]),
]


def nice_ticks(top, count=4):
    """Round tick values from 0 to at least ``top``: steps of 1, 2 or 5 times a power of ten."""
    raw = max(top, 1e-9) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [step * i for i in range(math.ceil(top / step) + 1)]


def label(value):
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def panel(x0, y0, title, series, points):
    """SVG elements of one chart: axes, ticks, a line and labelled dots per series (of the
    points that have it)."""
    xs = nice_ticks(max(p["articles"] for p in points))
    ys = nice_ticks(max(p[key] for key, _, _ in series for p in points if key in p))
    w, h = PANEL_W - MARGIN - 16, PANEL_H - MARGIN - 24

    def at(x, y):
        return x0 + MARGIN + w * x / xs[-1], y0 + 24 + h - h * y / ys[-1]

    out = [f'<text x="{x0 + MARGIN}" y="{y0 + 14}" font-weight="bold">{title}</text>']
    for x in xs:
        px, py = at(x, 0)
        out.append(f'<line x1="{px:.1f}" y1="{py:.1f}" x2="{px:.1f}" y2="{py + 4:.1f}" stroke="#333"/>')
        out.append(f'<text x="{px:.1f}" y="{py + 16:.1f}" text-anchor="middle">{f"{x / 1000:,.0f}k" if x else 0}</text>')
    for y in ys:
        px, py = at(0, y)
        out.append(f'<line x1="{px:.1f}" y1="{py:.1f}" x2="{px + w:.1f}" y2="{py:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{px - 6:.1f}" y="{py + 4:.1f}" text-anchor="end">{label(y)}</text>')
    px, py = at(0, 0)
    out.append(f'<text x="{px + w / 2:.1f}" y="{py + 32:.1f}" text-anchor="middle">articles</text>')
    for i, (key, name, colour) in enumerate(series):
        measured = [p for p in points if key in p]  # --merge may not have run on every size
        dots = [at(p["articles"], p[key]) for p in measured]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in dots)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y), p in zip(dots, measured):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
            out.append(f'<text x="{x - 4:.1f}" y="{y - 7:.1f}" text-anchor="end" fill="{colour}">{label(p[key])}</text>')
        out.append(f'<text x="{x0 + MARGIN + 8}" y="{y0 + 36 + 14 * i}" fill="{colour}">{name}</text>')
    return out


def draw(points, path=CURVES):
    """Write the four charts of the curve to ``path``, two by two."""
    width, height = 2 * PANEL_W, 2 * PANEL_H + 30
    note = "bench/scale_curve.py: the 1998 corpus, then resampled, re-dated articles; per point one import, then 200 searches in-process."
    elements = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="12" y="{height - 10}" fill="#555">{note}</text>',
    ]
    for i, (title, series) in enumerate(PANELS):
        elements += panel(PANEL_W * (i % 2), PANEL_H * (i // 2), title, series, points)
    path.write_text("\n".join(elements + ["</svg>"]) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[3148, 30000, 100000],
                    help="articles per archive; none: only draw the SVG again from the JSON")
    ap.add_argument("--work", type=Path, help="where the archives and data directories go (default: a new temporary one)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--search-again", action="store_true",
                    help="only the searches again, on the data directories of the points of these sizes in the JSON")
    ap.add_argument("--merge", action="store_true",
                    help="only merge the indexes of the points of these sizes, timed, and their merged size")
    args = ap.parse_args()
    if args.search_again or args.merge:
        for point in [p for p in load_points() if p["articles"] in args.sizes]:
            data_dir = Path(point["data_dir"])
            found = search_point(data_dir) if args.search_again else merge_point(data_dir, point["articles"])
            save_point({**point, **found})
    else:
        measure_sizes(args)
    draw(load_points())
    print(f"figures in {FIGURES}, curves in {CURVES}")


if __name__ == "__main__":
    main()
