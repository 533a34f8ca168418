"""From an editor's save to search, on the imported archive: how long the admin takes to answer,
and how long until a search finds the change (written by the process's index writer thread).

    .venv/bin/python bench/edit_latency.py --data-dir /tmp/pd1998 [--saves 30]

It works on a copy of the data directory (the edits stay there), in-process through Django's
test client, as an editor's browser would: the article change form, the person rename, and
the bulk actions on every article (relink, re-index). Prints median/p95/max per step.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from search_latency import percentile  # noqa: E402


def report(label, seconds):
    ms = [s * 1000 for s in seconds]
    print(f"{label:<34} n={len(ms):>3}  median {statistics.median(ms):8.1f}  p95 {percentile(ms, 95):8.1f}  "
          f"max {max(ms):8.1f}  (ms)")


def timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True, help="a data directory with the corpus imported (it is copied)")
    parser.add_argument("--saves", type=int, default=30)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="edit-latency-")) / "data"
    shutil.copytree(args.data_dir, work)
    os.environ["PORTAL_DATA_DIR"] = str(work)
    os.environ["STATIC_ROOT"] = str(work.parent / "static")  # the admin's pages link the hashed files
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db.models import Count
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from archive.models import Article, Person
    from search import indexing
    from tests.admin_helpers import change_form_data
    from tests.helpers import portal, search_json, wait_for_index

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    indexing.drain()  # what an upgrade queued
    setup_test_environment()
    editor = User.objects.create_superuser("bench-editor", password="not-used-bench")
    client = portal()
    client.force_login(editor)

    saves, searchable = [], []
    for n, article in enumerate(Article.objects.order_by("?")[: args.saves]):
        url = reverse("admin:archive_article_change", args=[article.pk])
        data = change_form_data(client.get(url))
        phrase = f"编辑延迟测量第{n:03d}号"
        data["body"] += f"\n{phrase}"
        response, took = timed(lambda: client.post(url, data))
        assert response.status_code == 302, response.status_code
        saves.append(took)
        start = time.perf_counter()
        while search_json(client, q=phrase)["total"] != 1:
            time.sleep(0.01)  # polled: this is what is measured
        searchable.append(time.perf_counter() - start)
    report("article save (admin POST)", saves)
    report("save answered -> found by search", searchable)

    person = Person.objects.annotate(n=Count("mentions")).order_by("-n").first()
    url = reverse("admin:archive_person_change", args=[person.pk])
    data = {**change_form_data(client.get(url)), "name": person.name + "测"}
    _, took = timed(lambda: client.post(url, data))
    report(f"rename {person.name} ({person.n} articles)", [took])

    # "select all 3,159" on the change list: the page's boxes and select_across
    changelist = reverse("admin:archive_article_changelist")
    everything = {"select_across": "1", "index": "0", "_selected_action": list(Article.objects.values_list("pk", flat=True)[:100])}
    total = Article.objects.count()
    for action in ("relink", "reindex"):
        response, took = timed(lambda: client.post(changelist, {**everything, "action": action}, follow=True))
        assert response.status_code == 200 and list(response.context["messages"]), response.status_code
        report(f"{action} action, {total} articles", [took])
    _, took = timed(lambda: wait_for_index(timeout=900))
    report("  ... until the writer thread is done", [took])
    print(f"(edits left in {work})")


if __name__ == "__main__":
    main()
