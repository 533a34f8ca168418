"""Saves in several processes at once, as in gunicorn's workers, on SQLite and on PostgreSQL.

A portal of its own is set up (bootstrap) in a temporary data directory, on a SQLite file or
on a new database of the PostgreSQL server the suite runs on. Two processes edit different
articles through the admin, three rounds each, while a third searches; each process's index
writer thread writes what it saved. Afterwards every article is found by the phrase its last
edit wrote and by no earlier one, nothing is left queued, and no request failed.
"""
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3
SAVERS = ([1, 2, 3, 4], [7, 8, 9, 10])  # different articles for each saving process
TIMEOUT = 600


def _admin_connection():
    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"], port=db["PORT"] or None, user=db["USER"], password=db["PASSWORD"] or None,
        dbname="postgres", autocommit=True,
    )


@pytest.fixture
def portal_env(tmp_path):
    """The environment of a portal of its own: its data directory, and its database."""
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "WHOOSH_PATH", "SEARCH_URL")}
    env.update(
        PORTAL_DATA_DIR=str(tmp_path / "data"), PORTAL_ENV="development", PYTHONPATH=str(ROOT),
        STATIC_ROOT=str(settings.STATIC_ROOT),  # collected for the session (tests/conftest.py)
    )
    if connection.vendor != "postgresql":
        yield env
        return
    db = settings.DATABASES["default"]
    name = f"portal_concurrency_{uuid.uuid4().hex[:8]}"
    with _admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    env["DATABASE_URL"] = f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{name}"
    yield env
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def start(env, *args):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.concurrency_worker", *map(str, args)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finish(process):
    """The JSON line a worker printed, after checking it ended well and logged no error."""
    out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "LockError" not in err and "ERROR" not in err, err
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.django_db
def test_two_processes_save_while_a_third_searches_and_no_update_is_lost(portal_env, tmp_path):
    subprocess.run([sys.executable, "manage.py", "bootstrap"], cwd=ROOT, env=portal_env, check=True,
                   capture_output=True, timeout=TIMEOUT)
    finish(start(portal_env, "setup"))
    stop = tmp_path / "stop-searching"
    searcher = start(portal_env, "search", stop)
    savers = [start(portal_env, "save", ROUNDS, *ids) for ids in SAVERS]
    saved = [finish(saver) for saver in savers]
    stop.touch()
    searched = finish(searcher)
    checked = finish(start(portal_env, "check", ROUNDS, *(pk for ids in SAVERS for pk in ids)))
    saves = sum(s["saves"] for s in saved)
    print(f"\n{connection.vendor}: {saves} saves in {len(savers)} processes, {searched['searches']} searches "
          f"meanwhile, lost updates: {checked['lost_updates']}, stale documents: {checked['stale_documents']}")
    assert saves == ROUNDS * sum(len(ids) for ids in SAVERS)
    assert all(s["statuses"] == {"302": s["saves"]} for s in saved)  # every save redirected: none failed
    assert searched["searches"] > 0 and set(searched["statuses"]) == {"200"}
    assert checked == {"lost_updates": 0, "lost": [], "stale_documents": 0, "queued": 0}
