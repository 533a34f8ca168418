"""Import and index the whole People's Daily 1998-01 corpus into a fresh archive; time it.

    .venv/bin/python bench/import_corpus.py [--corpus ../shared/corpora/pd199801/199801.txt] [--keep DIR]

Runs `manage.py bootstrap` then `manage.py import_articles CORPUS` in a new data directory
(a temporary one unless --keep names it, e.g. to benchmark searches on it afterwards) and
prints the import's wall time, articles per second and its peak memory: the resident set of
its largest process (the import, or one of the index writer processes it forks), and the
proportional set of all of them together, sampled every 0.1 s (shared pages counted once:
what the machine must hold).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "pd199801" / "199801.txt"


def import_archive(corpus, data_dir):
    """Bootstrap ``data_dir`` and import ``corpus`` into it; the import's stdout, wall time (s)
    and peak memory (MiB): the largest resident set of its processes, and the largest total of
    their proportional sets."""
    env = {**os.environ, "PORTAL_DATA_DIR": str(data_dir)}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "bootstrap"], env=env, check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen([*manage, "import_articles", str(corpus)], env=env, stdout=out, stderr=err)
        sampler = PssSampler(child.pid)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        sampler.stop()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode:
            raise subprocess.CalledProcessError(child.returncode, child.args, out.read(), err.read()[-2000:])
        return out.read().strip(), elapsed, usage.ru_maxrss / 1024, sampler.peak / 1024


class PssSampler(threading.Thread):
    """The largest total proportional set size (KiB) of a process and its descendants."""

    def __init__(self, pid, every=0.1):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.done = pid, every, 0, threading.Event()
        self.start()

    def run(self):
        while not self.done.wait(self.every):
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))

    def stop(self):
        self.done.set()
        self.join()


def _tree(pid):
    """``pid`` and its descendants (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    todo += [int(child) for child in f.read().split()]
        except OSError:  # gone meanwhile
            continue
    return found


def _pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
    except OSError:
        return 0


def imported_count(stdout):
    """The number of new articles in import_articles's summary line."""
    return int(stdout.split("new ", 1)[1].split(",", 1)[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--keep", type=Path, help="data directory to create and keep (default: a temporary one)")
    args = ap.parse_args()
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    try:
        stdout, elapsed, peak_rss, peak_pss = import_archive(args.corpus, data_dir)
    except subprocess.CalledProcessError as error:
        print(error.output, error.stderr, sep="\n", file=sys.stderr)
        sys.exit(error.returncode)
    print(stdout)
    new = imported_count(stdout)
    print(f"import + index: {elapsed:.1f} s for {new} articles = {new / elapsed:.0f} articles/s; "
          f"peak memory {peak_rss:.0f} MiB in its largest process (RSS), {peak_pss:.0f} MiB in all "
          f"its processes together (PSS); data in {data_dir}")


if __name__ == "__main__":
    main()
