"""Import and index the whole People's Daily 1998-01 corpus into a fresh archive; time it.

    .venv/bin/python bench/import_corpus.py [--corpus ../shared/corpora/pd199801/199801.txt] [--keep DIR]

Runs `manage.py bootstrap` then `manage.py import_articles CORPUS` in a new data directory
(a temporary one unless --keep names it, e.g. to benchmark searches on it afterwards) and
prints the import's wall time, articles per second and the peak memory of the process.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "pd199801" / "199801.txt"


def import_archive(corpus, data_dir):
    """Bootstrap ``data_dir`` and import ``corpus`` into it; the import's stdout, wall time (s)
    and peak memory (MiB: its largest process, the import or a writer process it waited for)."""
    env = {**os.environ, "PORTAL_DATA_DIR": str(data_dir)}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "bootstrap"], env=env, check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen([*manage, "import_articles", str(corpus)], env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode:
            raise subprocess.CalledProcessError(child.returncode, child.args, out.read(), err.read()[-2000:])
        return out.read().strip(), elapsed, usage.ru_maxrss / 1024


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
        stdout, elapsed, peak_mib = import_archive(args.corpus, data_dir)
    except subprocess.CalledProcessError as error:
        print(error.output, error.stderr, sep="\n", file=sys.stderr)
        sys.exit(error.returncode)
    print(stdout)
    new = imported_count(stdout)
    print(f"import + index: {elapsed:.1f} s for {new} articles = {new / elapsed:.0f} articles/s; "
          f"peak memory {peak_mib:.0f} MiB; data in {data_dir}")


if __name__ == "__main__":
    main()
