"""Set up the portal: the archive's tables and seed records, then the search index over them."""
from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive import changes, linking
from archive.fixtures_loading import load_new_fixture_objects
from archive.models import Article
from search import indexing


class Command(BaseCommand):
    help = "Set up the archive: migrate, load the seed fixtures, link mentions, build the search index. Idempotent."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        with changes.in_bulk():
            added = load_new_fixture_objects()
            self.stdout.write(f"fixtures: {added} new objects")
            changed = linking.relink(Article.objects.all())
        self.stdout.write(f"mentions: relinked in {len(changed)} articles")
        if indexing.index_is_complete():
            self.stdout.write(f"index: up to date, {indexing.drain()} documents rewritten")
        else:
            counts = indexing.rebuild()
            self.stdout.write("index: rebuilt, " + ", ".join(f"{n} {label}" for label, n in counts.items()))
