"""The index writers of search.backends.whoosh_pool against Whoosh's own, on the 18 articles
of the corpus excerpt: the same segments, whether their postings stay in memory, go to runs
on disk past the memory limit, or come from a merge; and writer processes that never outlive
the write or the process that started them."""
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.writing import SegmentWriter

from archive.importers.pku1998 import parse
from search.backends.whoosh import BigramTokenizer, WordTokenizer
from search.backends.whoosh_codec import PortalCodec
from search.backends.whoosh_pool import CompactMpWriter, CompactSegmentWriter

EXCERPT = Path(__file__).parent / "data" / "pd199801_excerpt.txt"
SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    grams=TEXT(analyzer=BigramTokenizer(), phrase=True),
    words=TEXT(analyzer=WordTokenizer(), phrase=True, stored=True),
    day=NUMERIC(stored=True),
)


@pytest.fixture(scope="module")
def documents():
    with EXCERPT.open(encoding="utf-8") as lines:
        articles = list(parse(lines))
    return [
        {"id": str(n), "grams": f"{a.title}\n{a.body}", "words": a.body, "day": a.date.day}
        for n, a in enumerate(articles)
    ]


def written(path, writer_class, documents, limitmb=128, parts=1, merge=False):
    """Everything a reader of the index at ``path`` sees, written by ``writer_class`` in
    ``parts`` commits (merged at the end when ``merge``)."""
    path.mkdir()
    ix = whoosh_index.create_in(path, SCHEMA)
    size = -(-len(documents) // parts)
    for start in range(0, len(documents), size):
        writer = writer_class(ix, limitmb=limitmb, codec=PortalCodec())
        for doc in documents[start : start + size]:
            writer.add_document(**doc)
        writer.commit(merge=False)
    if merge:
        writer_class(ix, codec=PortalCodec()).commit(optimize=True)
    with ix.reader() as reader:
        postings = _postings(reader)
        stored = list(reader.iter_docs())
        lengths = [(n, field, reader.doc_field_length(n, field)) for n, _ in stored for field in ("grams", "words")]
        # each term's info as stored: its statistics, its postings inlined or where they stand
        terminfos = [list(leaf._terms._tindex.items()) for leaf, _ in reader.leaf_readers()]
        return len(reader.leaf_readers()), postings, stored, lengths, terminfos


def _postings(reader):
    found = []
    for field, text in reader.all_terms():
        info = reader.term_info(field, text)
        matcher = reader.postings(field, text)
        items = []
        while matcher.is_active():
            items.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        found.append((field, text, info.weight(), info.doc_frequency(), info.max_weight(), info.min_length(), items))
    return found


@pytest.mark.parametrize(
    "how",
    [
        {},
        {"limitmb": 0.05},  # about 50 KB: the postings go to several runs on disk and are merged
        {"parts": 3, "merge": True},  # three segments merged into one
    ],
    ids=["in memory", "runs on disk", "merged"],
)
def test_the_compact_pool_writes_what_whoosh_writes(tmp_path, documents, how):
    ours = written(tmp_path / "ours", CompactSegmentWriter, documents, **how)
    whooshs = written(tmp_path / "whoosh", SegmentWriter, documents, **how)
    assert ours[1] and ours[2]  # terms and documents were written
    assert ours == whooshs


def test_a_parallel_write_given_up_ends_its_writer_processes(tmp_path, documents):
    """Whoosh's own cancel only flagged its copies of the tasks: its processes waited for work
    for ever, and the process that started them for them, when it exited."""
    ix = whoosh_index.create_in(tmp_path, SCHEMA)
    writer = CompactMpWriter(ix, procs=2, batchsize=5, multisegment=True, codec=PortalCodec())
    for doc in documents:
        writer.add_document(**doc)
    tasks = list(writer.tasks)
    assert len(tasks) == 2 and all(task.is_alive() for task in tasks)
    try:
        writer.cancel()
        assert not any(task.is_alive() for task in tasks)
    finally:
        for task in tasks:  # on a failure, not left behind for the rest of the suite
            task.kill()
    assert whoosh_index.open_dir(tmp_path).doc_count() == 0


KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema
    from search.backends.whoosh_pool import CompactMpWriter

    ix = index.create_in(sys.argv[1], Schema(id=ID(stored=True), text=TEXT()))
    writer = CompactMpWriter(ix, procs=2, batchsize=1, multisegment=True)
    for n in range(4):
        writer.add_document(id=str(n), text="the people's daily")
    print(" ".join(str(task.pid) for task in writer.tasks), flush=True)
    time.sleep(600)
    """
)


def test_a_process_killed_while_writing_in_parallel_leaves_no_writer_process(tmp_path):
    """kill -9 of an import while its index writers run: they ended with it, where they waited
    for work for ever, holding their memory."""
    root = Path(__file__).parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(tmp_path)], env=env, stdout=subprocess.PIPE, text=True)
    pids = [int(pid) for pid in writer.stdout.readline().split()]
    assert len(pids) == 2 and all(_alive(pid) for pid in pids)
    writer.kill()
    writer.wait()
    try:
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in pids)
    finally:
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _alive(pid):
    """Whether ``pid`` runs (an exited process not yet reaped by init counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
