"""GET /healthz: 200 when the database, the search index and the pages' static files all answer,
else 503 naming what failed."""
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection
from django.http import JsonResponse
from haystack import connections

# what every page links (templates/base.html): a page cannot render without their URLs
PAGE_STATIC_FILES = ["css/portal.css"]


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _index():
    connections["default"].get_backend().check()


def _static():
    for name in PAGE_STATIC_FILES:
        staticfiles_storage.url(name)  # with hashed names: the manifest must hold it


CHECKS = {"database": _database, "index": _index, "static": _static}


def healthz(request):
    failed = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure is the answer, not an error of this view
            failed[name] = f"{type(error).__name__}: {error}"
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok"})
