"""Segmenter speed and agreement: rjieba (jieba-rs) against jieba on the 1998 corpus.

    .venv/bin/pip install jieba==0.42.1     # only for this comparison; the portal uses rjieba
    .venv/bin/python bench/segmenter_speed.py [--corpus ../shared/corpora/pd199801/199801.txt]

Cuts every paragraph of the corpus (its plain text, tags removed) in precise mode without
the HMM, as chinese.segmenter does, with both segmenters' default dictionaries; prints the
time each takes (best of three) and how many paragraphs they cut differently.
"""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.importers.pku1998 import parse_line  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "pd199801" / "199801.txt"


def paragraphs(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            paragraph = parse_line(line, number)
            if paragraph is not None:
                yield paragraph.text


def best_of_three(cut, texts):
    """(seconds of the fastest of three passes, the words of the last)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        words = [cut(text) for text in texts]
        best = min(best, time.perf_counter() - start)
    return best, words


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    import jieba
    import rjieba

    texts = list(paragraphs(args.corpus))
    jieba.initialize()
    fast = rjieba.Jieba()
    rust_seconds, rust_words = best_of_three(lambda t: fast.cut(t, False), texts)
    python_seconds, python_words = best_of_three(lambda t: jieba.lcut(t, HMM=False), texts)
    differ = sum(a != b for a, b in zip(rust_words, python_words))
    print(f"{len(texts):,} paragraphs")
    print(f"rjieba: {rust_seconds:.2f} s   jieba {jieba.__version__}: {python_seconds:.2f} s   "
          f"({python_seconds / rust_seconds:.1f}x)")
    print(f"paragraphs cut differently: {differ}")


if __name__ == "__main__":
    main()
