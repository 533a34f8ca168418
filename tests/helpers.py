"""Test helpers that read like the domain."""
import os
import shutil

from django.test import Client


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


def result_ids(data):
    return sorted(r["id"] for r in data["results"])


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
