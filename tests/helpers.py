"""Test helpers that read like the domain."""
import os
import shutil
import time

import pytest
from django.test import Client

from search import indexing

#: For a test whose saves commit, as an editor's do: the index writer thread (search.drainer)
#: then writes them, and the test waits for it with wait_for_index(). The seed archive is
#: loaded back at its start (tests/conftest.py).
COMMITS = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INDEX_WAIT_SECONDS = 30


def portal():
    return Client(HTTP_HOST="127.0.0.1")


def english_portal():
    """A reader who chose English in the language menu."""
    client = portal()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def search_json(client=None, **params):
    response = (client or portal()).get("/search/", {**params, "format": "json"})
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [r["title"] for r in data["results"]]


def facet_counts(data, key):
    """{value: count} of one facet of a JSON search."""
    return {f["value"]: f["count"] for f in data["facets"][key]}


def result_ids(data):
    return sorted(r["id"] for r in data["results"])


def wait_for_index(timeout=INDEX_WAIT_SECONDS):
    """Wait until the index queue holds nothing left to write: what was saved is searchable.

    Checks the queue after each drain of this process's index writer thread (or every tenth of
    a second, for drains in other processes); fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while indexing.pending().exists():
        left = deadline - time.monotonic()
        assert left > 0, f"the index queue still holds {indexing.pending().count()} updates after {timeout} s"
        indexing.drainer.wait_for_pass(min(left, 0.1))


def damage_index(directory, kind):
    """Break a Whoosh index on disk as the probes of issue 14 did: its table of contents
    overwritten ("toc"), its largest segment cut in half ("segment"), or the whole directory
    gone ("missing")."""
    if kind == "toc":
        for toc in directory.glob("_MAIN_*.toc"):
            toc.write_bytes(b"not a table of contents")
    elif kind == "segment":
        segment = max(directory.glob("*.seg"), key=lambda p: p.stat().st_size)
        os.truncate(segment, segment.stat().st_size // 2)
    else:
        shutil.rmtree(directory)
