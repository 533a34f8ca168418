from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = "Write the search index updates still queued (left behind when the index was busy)."

    def handle(self, *args, **options):
        written = indexing.drain()
        self.stdout.write(f"{written} records written to the index")
