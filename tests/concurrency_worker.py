"""One process of tests/test_concurrency.py, on the portal of PORTAL_DATA_DIR (and DATABASE_URL):

    python -m tests.concurrency_worker setup
    python -m tests.concurrency_worker save ROUNDS ARTICLE_ID...   # edits them through the admin
    python -m tests.concurrency_worker search STOP_FILE            # searches until STOP_FILE exists
    python -m tests.concurrency_worker check ROUNDS ARTICLE_ID...  # what search finds afterwards

Each request goes through Django's whole stack (middleware, admin, views) in this process,
as in a gunicorn worker, and the saves are drained by this process's index writer thread.
Each role prints one JSON line: what it did and what it saw.
"""
import json
import os
import sys
from collections import Counter
from pathlib import Path

import django

EDITOR = "concurrency-editor"


def marker(article_id, round_number):
    """A phrase only this round's edit of this article writes."""
    return f"并发校验{article_id:03d}轮{round_number}号"


def setup():
    from django.contrib.auth.models import User

    User.objects.create_superuser(EDITOR, password="not-used-concurrency")
    return {"editor": EDITOR}


def save(rounds, ids):
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from archive.models import Article
    from tests.admin_helpers import change_form_data
    from tests.helpers import wait_for_index

    setup_test_environment()  # responses carry their template context, from which the forms are filled
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=EDITOR))
    bodies = dict(Article.objects.filter(pk__in=ids).values_list("pk", "body"))
    forms = {pk: change_form_data(client.get(reverse("admin:archive_article_change", args=[pk]))) for pk in ids}
    statuses = Counter()
    for round_number in range(1, rounds + 1):
        for pk in ids:
            data = {**forms[pk], "body": f"{bodies[pk]}\n{marker(pk, round_number)}"}
            statuses[client.post(reverse("admin:archive_article_change", args=[pk]), data).status_code] += 1
    wait_for_index()  # this process's writer thread has written what it queued before the process ends
    return {"saves": sum(statuses.values()), "statuses": dict(statuses)}


def search(stop_file):
    from tests.helpers import portal

    client, statuses, searches = portal(), Counter(), 0
    while not Path(stop_file).exists():
        for params in ({"q": "并发校验", "format": "json"}, {"q": "车俊 并发校验"}, {"person": "车俊", "format": "json"}):
            statuses[client.get("/search/", params).status_code] += 1
            searches += 1
    return {"searches": searches, "statuses": dict(statuses)}


def check(rounds, ids):
    from search import indexing
    from tests.helpers import search_json, wait_for_index

    wait_for_index()
    found, stale = {}, {}
    for pk in ids:
        found[pk] = [r["id"] for r in search_json(q=marker(pk, rounds))["results"]]
        stale[pk] = sum(search_json(q=marker(pk, r))["total"] for r in range(1, rounds))
    lost = [pk for pk in ids if found[pk] != [pk]]
    return {
        "lost_updates": len(lost),
        "lost": lost,
        "stale_documents": sum(stale.values()),
        "queued": indexing.pending(retry_failed=True).count(),
    }


def main(role, *args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    if role in ("save", "check"):
        result = globals()[role](int(args[0]), [int(pk) for pk in args[1:]])
    elif role == "search":
        result = search(args[0])
    else:
        result = setup()
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:])
