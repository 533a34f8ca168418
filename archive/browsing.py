"""What the browsing pages show, as plain functions: each runs a fixed number of queries."""
from collections import Counter

from django.db.models import Count, IntegerField, Max, Min, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from chinese.romanize import person_pinyin, strip_tones

from .models import Article, Event, Mention, Participation, Person, Position, Source


def archive_summary():
    """Counts of what the archive holds and the dates its articles cover."""
    span = Article.objects.aggregate(first=Min("published"), last=Max("published"), articles=Count("id"))
    return {
        **span,
        "people": Person.objects.count(),
        "events": Event.objects.count(),
        "sources": Source.objects.count(),
    }


def mention_total():
    """A person's mentions summed over all articles, as a subquery (no join to multiply rows)."""
    totals = Mention.objects.filter(person=OuterRef("pk")).values("person").annotate(n=Sum("count")).values("n")
    return Coalesce(Subquery(totals, output_field=IntegerField()), 0)


def most_mentioned(limit=10):
    """The officials named most often, with their mention totals: one aggregate query."""
    return list(
        Person.objects.annotate(mention_count=Sum("mentions__count"))
        .filter(mention_count__gt=0)
        .order_by("-mention_count", "name")[:limit]
    )


def tell_namesakes_apart(people):
    """``people``, each with ``namesake``: for those whose name in Latin letters someone else
    bears too (several Wang Jun), (the name with tones, their latest position), else None."""
    keys = {p.romanized_key for p in people if p.romanized_key}
    shared = set(
        Person.objects.filter(romanized_key__in=keys).values("romanized_key").annotate(n=Count("pk"))
        .filter(n__gt=1).values_list("romanized_key", flat=True)
    )
    ids = [p.pk for p in people if p.romanized_key in shared]
    latest = {}
    for position in Position.objects.filter(person__in=ids).select_related("organization"):  # newest first
        latest.setdefault(position.person_id, position)
    for person in people:
        person.namesake = None
        if person.pk in ids:
            toned = person_pinyin(person.name, tones=True)
            person.namesake = (toned if strip_tones(toned) == person.romanized else "", latest.get(person.pk))
    return people


def co_appearing(person, limit=10):
    """The officials who share most articles and events with ``person``, with that number."""
    shared = Counter(
        dict(
            Mention.objects.filter(article__mentions__person=person)
            .exclude(person=person)
            .values_list("person")
            .annotate(n=Count("article", distinct=True))
        )
    )
    shared.update(
        dict(
            Participation.objects.filter(event__participations__person=person)
            .exclude(person=person)
            .values_list("person")
            .annotate(n=Count("event", distinct=True))
        )
    )
    top = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:limit]
    people = Person.objects.in_bulk([pk for pk, _ in top])
    return [(people[pk], n) for pk, n in top if pk in people]


def related_articles(article, mentions, limit=5):
    """More like this: the articles that name most of this one's leading officials."""
    people = [m.person_id for m in sorted(mentions, key=lambda m: -m.count)[:5]]
    if not people:
        return []
    ranked = (
        Mention.objects.filter(person__in=people)
        .exclude(article=article)
        .values_list("article")
        .annotate(shared=Count("person"), weight=Sum("count"))
        .order_by("-shared", "-weight")[:limit]
    )
    ids = [pk for pk, _, _ in ranked]
    articles = Article.objects.select_related("source").in_bulk(ids)
    return [articles[pk] for pk in ids if pk in articles]


def neighbours(article):
    """(the previous, the next) article from the same source, by publication time."""
    same = Article.objects.filter(source_id=article.source_id).only("pk", "title")
    at, pk = article.published, article.pk
    # One of the same time first (a day's issue shares one), else the nearest time: each an
    # index lookup, where one query with OR read every article of the source.
    older = same.filter(published=at, pk__lt=pk).order_by("-pk").first() or (
        same.filter(published__lt=at).order_by("-published", "-pk").first()
    )
    newer = same.filter(published=at, pk__gt=pk).order_by("pk").first() or (
        same.filter(published__gt=at).order_by("published", "pk").first()
    )
    return older, newer


def monthly_counts(queryset, date_field="published", measure=None):
    """{first day of month: count} of ``queryset``, months in the portal's time zone."""
    rows = (
        queryset.order_by()
        .annotate(month=TruncMonth(date_field, tzinfo=timezone.get_current_timezone()))
        .values_list("month")
        .annotate(n=measure or Count("pk", distinct=True))
    )
    return {_as_date(month): n for month, n in rows if month is not None}


def _as_date(value):
    return value.date() if hasattr(value, "date") else value


def person_mentions_by_month(person):
    return monthly_counts(Mention.objects.filter(person=person), "article__published", Sum("count"))
