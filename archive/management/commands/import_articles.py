import sys
import time
from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from archive.importers.readers import Problem, read_file
from archive.importing import Importer, ImportSummary

BATCH_SIZE = 4000  # articles saved, linked and indexed together: Whoosh writes each term once per batch


class Command(BaseCommand):
    help = (
        "Import articles from captured news pages (text or HTML), the People's Daily 1998 corpus "
        "or JSON lines. Idempotent; bad records are reported with file and line and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--format", choices=["auto", "page", "pku1998", "jsonl"], default="auto")
        parser.add_argument("--source", help="the source name for every article (overrides the file's)")
        parser.add_argument("--dry-run", action="store_true", help="read and check everything, write nothing")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, paths, format, source, dry_run, batch_size, **options):
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError("no such file: " + ", ".join(missing))
        summary = ImportSummary()
        started = time.monotonic()
        # Each article commits on its own; a dry run does all the work in one transaction it rolls back.
        with transaction.atomic() if dry_run else nullcontext():
            importer = Importer(summary, dry_run=dry_run)
            finished = importer.finish_interrupted(batch_size)
            if finished:
                self.stderr.write(f"finished the linking and indexing of {finished} articles left by an interrupted import")
            for path in paths:
                self._import_file(importer, path, format, source, batch_size)
            if dry_run:
                transaction.set_rollback(True)
        elapsed = time.monotonic() - started
        self._report(summary, elapsed, dry_run)
        if summary.failed:
            raise CommandError(f"{summary.failed} records or files could not be imported (listed above)")

    def _import_file(self, importer, path, fmt, source, batch_size):
        """Import ``path`` a batch at a time as it is read: memory stays that of a batch,
        whatever the size of the file."""
        problems = importer.summary.problems
        progress = self._progress(path)
        batch = []
        for item in read_file(path, fmt, source):
            if isinstance(item, Problem):
                problems.append(item)
                continue
            batch.append(item)
            if len(batch) == batch_size:
                self._import_batch(importer, batch, progress)
                batch = []
        self._import_batch(importer, batch, progress)
        progress(0, done=True)

    def _import_batch(self, importer, batch, progress):
        self._list_problems(importer.summary.problems)
        if batch:
            importer.import_batch(batch)
            self._list_problems(importer.summary.problems)
            progress(len(batch))

    def _list_problems(self, problems):
        """Each problem once, with its file, line and reason, as soon as it is known."""
        listed = getattr(self, "_listed", 0)
        for problem in problems[listed:]:
            self.stderr.write(f"skipped {problem}")
        self._listed = len(problems)

    def _progress(self, path):
        """A progress bar on a terminal, a plain line per batch elsewhere."""
        if sys.stderr.isatty():
            bar = tqdm(desc=path.name, unit="art", file=sys.stderr)
            return lambda n, done=False: bar.close() if done else bar.update(n)
        state = {"count": 0, "started": time.monotonic()}

        def report(n, done=False):
            state["count"] += n
            rate = state["count"] / max(time.monotonic() - state["started"], 1e-6)
            if n or done:
                self.stderr.write(f"{path.name}: {state['count']} articles ({rate:.0f}/s)")

        return report

    def _report(self, summary, elapsed, dry_run):
        prefix = "dry run, nothing written: " if dry_run else ""
        self.stdout.write(f"{prefix}{summary.as_line()} in {elapsed:.1f} s")
        if summary.candidates:
            top = ", ".join(f"{name} ({n})" for name, n in summary.candidates.most_common(15))
            self.stdout.write(f"name candidates for editors (admin: 待确认人名): {top}")
