from django.core.management.base import BaseCommand, CommandError
from haystack import connections

from search import indexing


class Command(BaseCommand):
    help = "Write the search index updates still queued (left behind when the index was busy)."

    def handle(self, *args, **options):
        backend = connections["default"].get_backend()
        try:
            backend.check()
        except backend.unavailable_errors as error:
            raise CommandError(
                f"{error}: nothing written, the updates stay queued. "
                "To rebuild the index from the database: python manage.py bootstrap"
            ) from None
        written = indexing.drain()
        self.stdout.write(f"{written} records written to the index")
