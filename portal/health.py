"""GET /healthz: 200 when the database and the search index both answer, else 503 naming what failed."""
from django.db import connection
from django.http import JsonResponse
from haystack import connections


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _index():
    connections["default"].get_backend().document_count()


CHECKS = {"database": _database, "index": _index}


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
