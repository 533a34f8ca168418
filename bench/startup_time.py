"""How long a gunicorn worker takes from its start to its first answered search.

    .venv/bin/python bench/startup_time.py --data-dir /tmp/pd1998 [--runs 5]

Starts gunicorn as production does (bench/load_test.py: gunicorn.conf.py, PORTAL_ENV=production)
with one worker on a data directory that holds an archive (e.g. the corpus imported by
bench/import_corpus.py), asks for a search every 20 ms until one answers 200, and stops it.
The worker loads jieba, the archive's names, how they sound and the index before it takes a
request (gunicorn.conf.py, post_worker_init). Prints each run and the median, in seconds.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from load_test import free_port, production_env, start_gunicorn, stop, wait_for

FIRST_SEARCH = "/search/?q=%E6%B1%9F%E6%B3%BD%E6%B0%91"  # 江泽民


def first_answer(data_dir, log_path, timeout=60):
    """Seconds from launching gunicorn to the first search it answers."""
    env = production_env(data_dir, free_port(), workers=1)
    started = time.perf_counter()
    server = start_gunicorn(env, log_path)
    try:
        wait_for(server, env["BIND"], FIRST_SEARCH, log_path, timeout=timeout, every=0.02)
        return time.perf_counter() - started
    finally:
        stop(server)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, required=True, help="PORTAL_DATA_DIR holding an archive")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    log_path = Path(tempfile.mkdtemp(prefix="portal-startup-")) / "gunicorn.log"
    times = []
    for run in range(1, args.runs + 1):
        times.append(first_answer(args.data_dir, log_path))
        print(f"run {run}: first search answered {times[-1]:.2f} s after gunicorn started")
    print(f"median {statistics.median(times):.2f} s, max {max(times):.2f} s over {len(times)} runs")


if __name__ == "__main__":
    sys.exit(main())
