"""Import and index the whole People's Daily 1998-01 corpus into a fresh archive; time it.

    .venv/bin/python bench/import_corpus.py [--corpus ../shared/corpora/pd199801/199801.txt] [--keep DIR]

Runs `manage.py bootstrap` then `manage.py import_articles CORPUS` in a new data directory
(a temporary one unless --keep names it, e.g. to benchmark searches on it afterwards) and
prints the import's wall time, articles per second and the peak memory of the process.
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "pd199801" / "199801.txt"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--keep", type=Path, help="data directory to create and keep (default: a temporary one)")
    args = ap.parse_args()
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = {**os.environ, "PORTAL_DATA_DIR": str(data_dir)}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "bootstrap"], env=env, check=True, stdout=subprocess.DEVNULL)
    start = time.perf_counter()
    result = subprocess.run([*manage, "import_articles", str(args.corpus)], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(result.stdout.strip())
    if result.returncode:
        print(result.stderr[-2000:], file=sys.stderr)
        sys.exit(result.returncode)
    new = int(result.stdout.split("new ", 1)[1].split(",", 1)[0])
    print(f"import + index: {elapsed:.1f} s for {new} articles = {new / elapsed:.0f} articles/s; "
          f"peak memory {peak_mib:.0f} MiB; data in {data_dir}")


if __name__ == "__main__":
    main()
