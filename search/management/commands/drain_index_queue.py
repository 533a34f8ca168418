from django.core.management.base import BaseCommand, CommandError
from haystack import connections

from search import indexing


class Command(BaseCommand):
    help = (
        "Write the search index updates still queued: those a busy index left behind, and those "
        "that failed before (each failure is reported again if it fails again)."
    )

    def handle(self, *args, **options):
        backend = connections["default"].get_backend()
        try:
            backend.check()
        except backend.unavailable_errors as error:
            raise CommandError(
                f"{error}: nothing written, the updates stay queued. "
                "To rebuild the index from the database: python manage.py bootstrap"
            ) from None
        report = indexing.drain(retry_failed=True)
        self.stdout.write(f"{report.written} records written to the index")
        for failure in report.failed:
            self.stderr.write(f"not written, left queued: {failure}")
        if report.unavailable:
            raise CommandError(f"the search index could not be written ({report.unavailable}); the updates stay queued")
        if report.failed:
            raise CommandError(f"{len(report.failed)} records could not be written to the index")
