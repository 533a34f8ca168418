"""Load test of the portal under gunicorn with wrk: requests/s and latency per kind of page.

    .venv/bin/python bench/load_test.py --data-dir /tmp/load-data [--clients 8 32] [--duration 30s]
        [--warmup 3s] [--workers N] [--json results.json] [--corpus .../199801.txt]

Needs wrk (`apt-get install -y wrk`). Imports the People's Daily 1998-01 corpus into
--data-dir unless it holds it already (so later runs start at once), runs collectstatic and
starts gunicorn as production does (gunicorn.conf.py, PORTAL_ENV=production, a random
SECRET_KEY) on a free loopback port. Then loads it with bench/load_test.lua in five scenarios:
the home page, 200 articles, the 100 most-mentioned people, searches (names, terms, phrases,
person and date filters) and a mix of the four in equal shares, each at every --clients
concurrency after --warmup of load that is not counted. Every URL is checked to answer 200
once first. Prints a table; exits 1 if any request failed or answered other than 2xx.
"""
import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import contextmanager
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "pd199801" / "199801.txt"
LUA_SCRIPT = ROOT / "bench" / "load_test.lua"
MANAGE = [sys.executable, str(ROOT / "manage.py")]
VENV_BIN = Path(sys.executable).parent
ARTICLE_SAMPLE = 200
TOP_PEOPLE = 100
MIX_SIZE = 400
SCENARIOS = ("home", "article", "person", "search", "mix")

NAMES = ["江泽民", "李鹏", "朱镕基", "乔石", "李瑞环", "胡锦涛", "钱其琛", "邓小平", "克林顿", "叶利钦"]
TERMS = ["经济", "改革开放", "香港", "国有企业", "农业", "扶贫", "台湾", "春节", "科技", "亚洲金融危机"]
PHRASES = ['"经济体制改革"', '"精神文明建设"', '"社会主义市场经济"', '"依法治国"', '"国有企业改革"']
FILTERED = [
    {"q": "经济", "person": "李鹏"}, {"q": "香港", "person": "钱其琛"}, {"person": "江泽民"},
    {"q": "改革", "date_from": "1998-01-01", "date_to": "1998-12-31"},  # the year facet's link
    {"q": "春节", "date_from": "1998-01-10", "date_to": "1998-01-20", "sort": "newest"},
    {"q": "农业", "source": "人民日报"}, {"q": "科技", "page": "3"}, {"q": "", "sort": "oldest"},
]


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, required=True, help="PORTAL_DATA_DIR; prepared with the corpus if empty")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--clients", type=int, nargs="+", default=[8, 32], help="concurrent connections, one run each")
    ap.add_argument("--duration", type=wrk_duration, default="30s", help="measured load per run (wrk: 30s, 2m)")
    ap.add_argument("--warmup", type=wrk_duration, default="3s", help="uncounted load before each scenario; 0 for none")
    ap.add_argument("--workers", type=int, help="WEB_CONCURRENCY (default: gunicorn.conf.py's, 2 x cores + 1)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    return ap.parse_args()


def wrk_duration(text):
    if not re.fullmatch(r"\d+[smh]?", text):
        raise argparse.ArgumentTypeError(f"not a wrk duration: {text!r} (e.g. 30s, 2m)")
    return text


def production_env(data_dir, port, workers):
    env = {
        **os.environ,
        "PORTAL_DATA_DIR": str(data_dir),
        "BIND": f"127.0.0.1:{port}",
        "PORTAL_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",  # required in production
    }
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def has_corpus():
    from django.db import DatabaseError

    from archive.importers.readers import PEOPLES_DAILY
    from archive.models import Article

    try:
        return Article.objects.filter(source__name=PEOPLES_DAILY, published__year=1998).exists()
    except DatabaseError:  # no database or tables yet
        return False


def prepare_archive(corpus, env):
    """What bench/import_corpus.py does: bootstrap, then import and index the corpus (1-2 minutes)."""
    print(f"preparing {env['PORTAL_DATA_DIR']} with {corpus} ...", file=sys.stderr)
    subprocess.run([*MANAGE, "bootstrap"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*MANAGE, "import_articles", str(corpus), "--format", "pku1998"], env=env, check=True)


def build_scenarios():
    """Each scenario's list of paths, from the archive; the mix takes the four in turn."""
    from archive.browsing import most_mentioned
    from archive.models import Article

    ids = sorted(Article.objects.values_list("pk", flat=True))
    sample = random.Random(1998).sample(ids, min(ARTICLE_SAMPLE, len(ids)))
    searches = [{"q": q} for q in NAMES + TERMS + PHRASES] + FILTERED
    scenarios = {
        "home": ["/"],
        "article": [f"/articles/{pk}/" for pk in sample],
        "person": [person.get_absolute_url() for person in most_mentioned(limit=TOP_PEOPLE)],
        "search": ["/search/?" + urllib.parse.urlencode(params) for params in searches],
    }
    streams = [cycle(paths) for paths in scenarios.values()]
    scenarios["mix"] = [next(streams[i % len(streams)]) for i in range(MIX_SIZE)]
    return scenarios


def collectstatic(env):
    subprocess.run([*MANAGE, "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True)


@contextmanager
def gunicorn(env, log_path):
    """The portal served by gunicorn as in production, until the block ends however it ends."""
    server = start_gunicorn(env, log_path)
    try:
        wait_for(server, env["BIND"], "/healthz", log_path)
        yield env["BIND"]
    finally:
        stop(server)


def start_gunicorn(env, log_path):
    with open(log_path, "wb") as log:
        # A session of its own: Ctrl-C reaches this script only, which then stops gunicorn in order.
        return subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py", "portal.wsgi"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )


def wait_for(server, bind, path, log_path, timeout=120, every=0.5):
    """Ask for ``path`` every ``every`` seconds until it answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}:\n{tail(log_path)}")
        try:
            if get_status(bind, path) == 200:
                return
        except OSError:
            pass  # not listening yet
        time.sleep(every)
    raise SystemExit(f"gunicorn did not answer {path} with 200 in {timeout} s:\n{tail(log_path)}")


def stop(server):
    if server.poll() is None:
        server.terminate()  # graceful: workers finish their requests (graceful_timeout 30 s)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def tail(path, lines=30):
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


def get_status(bind, path):
    host, port = bind.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def verify(bind, scenarios):
    """Every path answers 200 itself: a redirect or an error would measure something else."""
    bad = {}
    for path in sorted({p for paths in scenarios.values() for p in paths}):
        status = get_status(bind, path)
        if status != 200:
            bad[path] = status
    if bad:
        listing = "\n".join(f"  {status} {urllib.parse.unquote(path)}" for path, status in bad.items())
        raise SystemExit(f"{len(bad)} URLs do not answer 200:\n{listing}")


def run_wrk(bind, url_file, clients, duration):
    """One wrk run; its Lua script's done() prints the results as the last JSON line."""
    command = [
        "wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{duration}", "--timeout", "10s",
        "-s", str(LUA_SCRIPT), f"http://{bind}", "--", str(url_file),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    settle(bind)
    return json.loads([line for line in output.splitlines() if line.startswith("{")][-1])


def settle(bind):
    """Wait out the requests wrk left queued when it stopped: gunicorn still serves them, and
    the next run's first requests would wait behind them. This one is answered after them."""
    get_status(bind, "/healthz")


def error_count(result):
    errors = result["errors"]
    # wrk's "status" errors (>= 400) are among the non-2xx the Lua script counts.
    return sum(errors[k] for k in ("connect", "read", "write", "timeout")) + errors["non2xx"]


def load(bind, scenarios, workdir, clients_list, duration, warmup):
    results = []
    for name in SCENARIOS:
        url_file = Path(workdir) / f"{name}.txt"
        url_file.write_text("\n".join(scenarios[name]) + "\n")
        if int(warmup.rstrip("smh")):
            run_wrk(bind, url_file, max(clients_list), warmup)
        for clients in clients_list:
            result = {"scenario": name, "clients": clients, "urls": len(scenarios[name]),
                      **run_wrk(bind, url_file, clients, duration)}
            print_row(result)
            results.append(result)
    return results


def print_header():
    print(f"{'scenario':<9} {'clients':>7} {'rps':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'errors':>6}")


def print_row(r):
    print(f"{r['scenario']:<9} {r['clients']:>7} {r['rps']:>8.1f} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} "
          f"{r['p99_ms']:>8.1f} {r['max_ms']:>8.1f} {error_count(r):>6}", flush=True)


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    # A SIGTERM (e.g. from `timeout`) unwinds like Ctrl-C, so gunicorn is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = production_env(args.data_dir.resolve(), free_port(), args.workers)
    os.environ.update(env)  # the ORM below reads the archive gunicorn will serve
    import django

    django.setup()
    if not has_corpus():
        prepare_archive(args.corpus, env)
    scenarios = build_scenarios()
    collectstatic(env)
    with tempfile.TemporaryDirectory(prefix="load-test-") as workdir:
        with gunicorn(env, Path(workdir) / "gunicorn.log") as bind:
            verify(bind, scenarios)
            print_header()
            results = load(bind, scenarios, workdir, args.clients, args.duration, args.warmup)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    failed = sum(error_count(r) for r in results)
    if failed:
        print(f"{failed} requests failed or answered other than 2xx", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
