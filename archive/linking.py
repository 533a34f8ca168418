"""Keep each article's Mentions in step with its text: the people it names, how often, where first."""
import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q

from . import changes, names
from .models import Article, Mention

_state = threading.local()


@contextmanager
def deferred():
    """Skip the per-save relinking (archive.signals) while a bulk job links its articles itself."""
    outer, _state.deferred = is_deferred(), True
    try:
        yield
    finally:
        _state.deferred = outer


def is_deferred():
    return getattr(_state, "deferred", False)


def link_mentions(articles, name_index=None):
    """Recompute the Mentions of ``articles``; returns the ids of the articles whose mentions changed."""
    matcher = (name_index or names.current()).matcher
    articles = list(articles)
    held = {}
    for m in Mention.objects.filter(article__in=[a.pk for a in articles]):
        held.setdefault(m.article_id, {})[m.person_id] = (m.count, m.first_offset)
    changed, mentions = [], []
    for article in articles:
        found = matcher.people_in(article.full_text)
        if found != held.get(article.pk, {}):
            changed.append(article.pk)
            mentions += [
                Mention(article=article, person_id=person_id, count=count, first_offset=first)
                for person_id, (count, first) in found.items()
            ]
    with transaction.atomic():
        Mention.objects.filter(article__in=changed).delete()
        Mention.objects.bulk_create(mentions, batch_size=1000)
    return changed


def relink(articles):
    """Relink ``articles`` and announce those whose mentions changed; returns their ids."""
    changed = link_mentions(articles)
    changes.announce(Article, changed)
    return changed


def relink_person(person):
    """After a person's names change: relink every article that names them (in either script), or did."""
    named = Article.objects.naming(person.all_names()).values("pk")
    relink(Article.objects.filter(Q(mentions__person=person) | Q(pk__in=named)).distinct())
