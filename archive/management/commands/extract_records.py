import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive import changes, linking, names
from archive.extraction import ExtractionSummary, extract_articles
from archive.extraction.short_names import join_short_forms
from archive.models import Article, Source

BATCH_SIZE = 500


class Command(BaseCommand):
    help = (
        "Extract positions and events from the articles already in the archive (all, or one source's, "
        "or those published since a date). Idempotent: editors' records and rejections stay as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", help="only the articles of this source (its name)")
        parser.add_argument("--since", help="only the articles published on or after this date (YYYY-MM-DD)")

    def handle(self, *args, source, since, **options):
        articles = Article.objects.order_by("pk")
        if source:
            if not Source.objects.filter(name=source).exists():
                raise CommandError(f"no source named {source!r}")
            articles = articles.filter(source__name=source)
        if since:
            try:
                articles = articles.filter(published__date__gte=datetime.date.fromisoformat(since))
            except ValueError:
                raise CommandError(f"--since must be a date such as 1998-01-05, not {since!r}") from None
        started, summary = time.monotonic(), ExtractionSummary()
        ids = list(articles.values_list("pk", flat=True))
        with transaction.atomic(), linking.deferred(), changes.in_bulk():
            joined = join_short_forms({a.pk: a.full_text for a in Article.objects.filter(pk__in=ids)})
        if joined:
            self.stdout.write(f"short forms joined to their full names: {len(joined)} ({'、'.join(joined[:10])}…)")
        names.invalidate()
        for start in range(0, len(ids), BATCH_SIZE):
            batch = Article.objects.filter(pk__in=ids[start:start + BATCH_SIZE])
            with transaction.atomic(), linking.deferred(), changes.in_bulk():
                if joined:  # the short forms now name their people
                    linking.relink(batch)
                extract_articles(batch, summary=summary)
            changes.bulk_done.send(sender=type(self))
        self.stdout.write(f"extracted from {summary.as_line()} in {time.monotonic() - started:.1f} s")
