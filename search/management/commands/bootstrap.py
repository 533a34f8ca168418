"""Set up the portal: the archive's tables and seed records, then the search index over them."""
from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive import changes, linking
from archive.fixtures_loading import load_new_fixture_objects
from search import indexing


class Command(BaseCommand):
    help = (
        "Set up the archive: migrate, load the seed fixtures' new records, link their mentions, "
        "build the search index. Idempotent: it never undoes an editor's change."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        with changes.in_bulk():
            load = load_new_fixture_objects()
            self.stdout.write(f"fixtures: {load.count} new objects")
            for skipped in load.skipped:
                self.stdout.write(f"fixtures: not loaded, {skipped}")
            changed = linking.relink(load.articles_to_link()) if load.count else []
        self.stdout.write(f"mentions: relinked in {len(changed)} articles")
        if indexing.index_is_complete():
            self.stdout.write(f"index: up to date, {indexing.drain().written} documents rewritten")
        else:
            counts = indexing.rebuild()
            self.stdout.write("index: rebuilt, " + ", ".join(f"{n} {label}" for label, n in counts.items()))
