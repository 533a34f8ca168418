"""Officials from the text: positions and events read from articles, kept in step with them.

``extract_articles(articles)`` reads each article's plain text (chinese.extraction) and
(re)makes what it attests: positions with their evidence (archive.extraction.careers) and
the events it reports with each participant's role (archive.extraction.appearances). It is
idempotent, runs the same for every import format and for what the archive holds
(``manage.py extract_records``), and never touches an editor's record but to add evidence
to it; a rejected extraction stays rejected.
"""
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from chinese.extraction import extract

from .. import changes, names
from ..models import Article, Event
from . import appearances, careers
from .gazetteer import gazetteer


@dataclass
class ExtractionSummary:
    articles: int = 0
    attestations: int = 0
    reports: int = 0
    positions: set = field(default_factory=set)
    events: set = field(default_factory=set)

    def as_line(self):
        return (
            f"articles {self.articles}: {self.attestations} attestations of {len(self.positions)} positions, "
            f"{self.reports} event reports of {len(self.events)} events"
        )


def extract_articles(articles, name_index=None, summary=None):
    """(Re)make the extracted records of ``articles``; announces the articles and events it changed."""
    articles = list(articles)
    summary = summary or ExtractionSummary()
    if not articles:
        return summary
    name_index = name_index or names.current()
    places = gazetteer()
    results = {
        article.pk: extract(article.full_text, timezone.localtime(article.published).date(), name_index, places,
                            body_start=len(article.full_text) - len(article.body))
        for article in articles
    }
    with transaction.atomic():
        summary.positions |= careers.store(results)
        touched_events, touched_articles = appearances.store(results, places)
        summary.events |= touched_events
    summary.articles += len(articles)
    summary.attestations += sum(len(r.positions) for r in results.values())
    summary.reports += sum(len(r.events) for r in results.values())
    changes.announce(Event, touched_events)
    changes.announce(Article, touched_articles)
    return summary
