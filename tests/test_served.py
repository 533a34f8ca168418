"""The portal as it is served: gunicorn with its configuration, on an archive set up by `bootstrap`
alone (no collectstatic), and what happens to it when its index breaks.

Each test starts gunicorn (2 workers, a free loopback port) on a private SQLite archive made
once for the module; the workers warm up in gunicorn's post_worker_init as in production.
"""
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from .helpers import damage_index

ROOT = Path(settings.BASE_DIR)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(data_dir, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SEARCH_URL", "WHOOSH_PATH", "STATIC_ROOT")}
    return {**env, "PORTAL_DATA_DIR": str(data_dir), "STATIC_ROOT": str(data_dir / "no-collected-static"),
            "WEB_CONCURRENCY": "2", **extra}


def manage(data_dir, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment(data_dir),
                          capture_output=True, text=True, timeout=300)


def get(base, path, **params):
    url = f"{base}{path}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@contextmanager
def gunicorn(data_dir):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT, env=environment(data_dir, BIND=f"127.0.0.1:{port}"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, f"gunicorn exited: {process.stderr.read()[-3000:]}"
            try:
                get(base, "/healthz")
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "gunicorn did not answer within 90 s"
                time.sleep(0.3)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory):
    """A data directory set up by `manage.py bootstrap` alone: the seed archive and its index."""
    data_dir = tmp_path_factory.mktemp("served")
    result = manage(data_dir, "bootstrap")
    assert result.returncode == 0, result.stderr
    return data_dir


@pytest.fixture
def data_dir(archive_dir, tmp_path):
    """A copy of the bootstrapped archive that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(archive_dir, copy)
    return copy


_asked = itertools.count(1)


def assert_pages_work_and_search_is_unavailable(base, index):
    for path in ["/", "/articles/", "/articles/1/", "/people/che-jun/", "/admin/login/"]:
        assert get(base, path)[0] == 200, path
    # a search not asked before (one asked before the damage may be answered from the page cache)
    size = str(next(_asked))
    status, _, body = get(base, "/search/", q="车俊", format="json", page_size=size)
    assert status == 503 and "检索服务暂时无法使用" in body
    assert get(base, "/search/", q="车俊", page_size=size)[0] == 503
    assert get(base, "/search/export.csv", q="车俊", page_size=size)[0] == 503
    status, _, body = get(base, "/healthz")
    assert status == 503 and '"index"' in body and str(index) in body


def test_pages_and_their_stylesheet_work_without_collectstatic(data_dir):
    with gunicorn(data_dir) as (base, _):
        status, _, page = get(base, "/")
        assert status == 200
        stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        status, headers, css = get(base, stylesheet)
        assert status == 200 and "body" in css
        for header in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Content-Security-Policy"):
            assert headers[header], header  # static files carry the pages' security headers
        assert get(base, "/healthz")[0] == 200


@pytest.mark.parametrize("kind", ["toc", "segment", "missing"])
def test_workers_boot_on_a_broken_index_and_bootstrap_heals_it_while_they_run(data_dir, kind):
    index = data_dir / "whoosh_index"
    damage_index(index, kind)
    with gunicorn(data_dir) as (base, process):
        assert_pages_work_and_search_is_unavailable(base, index)
        result = manage(data_dir, "bootstrap")  # the README's recovery command
        assert result.returncode == 0 and "index: rebuilt" in result.stdout, result.stderr
        status, _, body = get(base, "/search/", q="车俊", format="json")
        assert status == 200 and '"total": 2' in body
        assert get(base, "/healthz")[0] == 200
        assert process.poll() is None


def test_a_segment_cut_short_under_running_workers_is_a_503_not_a_crash(data_dir):
    index = data_dir / "whoosh_index"
    with gunicorn(data_dir) as (base, process):
        for _ in range(4):  # both workers have the index open
            assert get(base, "/search/", q="车俊", format="json")[0] == 200
        damage_index(index, "segment")
        for _ in range(4):
            assert_pages_work_and_search_is_unavailable(base, index)
        assert process.poll() is None
