"""Event reports into events: one Event per happening, with every article that reports it.

Reports of one article are matched to the events the archive holds on the same day and of
the same kind: the same principal people (hosts and guests, whoever leads), or for a
conference the same name. The roles each report gives are participations, each with the
sentence that says so as evidence.
"""
import datetime

from django.db.models import Q

from chinese.extraction.events import (
    CONFERENCE, FORUM, GUEST, HOST, INSPECTION, PLENARY, PRESIDED, PRINCIPAL_ROLES, STUDY_SESSION,
)

from ..models import Event, Evidence, Participation

EXTRACTED, UNREVIEWED, REJECTED = Event.Origin.EXTRACTED, Event.Review.UNREVIEWED, Event.Review.REJECTED
ONE_DAY = datetime.timedelta(days=1)
#: How far back a report dated "some days before" (日前, 最近) looks for its event.
VAGUE_DAYS = 7
CONFERENCES = (CONFERENCE, FORUM, PLENARY, STUDY_SESSION)
#: The kinds an editor's event may have for what the extractor reads as one kind.
KIND_FAMILIES = {
    **{kind: CONFERENCES for kind in CONFERENCES},
    INSPECTION: (INSPECTION, "study_tour", "visit"),
}
#: Kinds where each person has one role: who received whom does not change with who reports it.
ONE_ROLE_EACH = ("meeting", "talks")


def store(results, places):
    """Replace what the articles in ``results`` report; returns (event ids, article ids) whose
    documents changed."""
    article_ids = list(results)
    links = Event.articles.through.objects
    old_links = set(links.filter(article__in=article_ids, event__origin=EXTRACTED).values_list("event", "article"))
    before = {e for e, _ in old_links}
    before |= set(Evidence.objects.filter(article__in=article_ids, participation__isnull=False)
                  .values_list("participation__event", flat=True))
    Evidence.objects.filter(article__in=article_ids, participation__isnull=False).delete()
    links.filter(article__in=article_ids, event__origin=EXTRACTED).delete()

    dates = {r.date for result in results.values() for r in result.events}
    calendar = _Calendar(dates)
    new_links, evidence = set(), []
    for article_id, result in results.items():
        for report in result.events:
            event = calendar.event_for(report, places)
            if event is None:
                continue
            new_links.add((event.pk, article_id))
            for participant in report.participants:
                if report.kind in ONE_ROLE_EACH and calendar.in_another_role(event, participant.person_id, participant.role):
                    continue  # the other side's report of the same talks: roles stay as first read
                participation = calendar.participation(event, participant.person_id, participant.role)
                if participation is not None:
                    evidence.append(Evidence(
                        article_id=article_id, participation=participation, date=report.date, quote=report.quote[:300],
                    ))
    existing = set(links.filter(article__in=article_ids).values_list("event", "article"))
    links.bulk_create(
        (Event.articles.through(event_id=e, article_id=a) for e, a in new_links - existing), batch_size=1000
    )
    Evidence.objects.bulk_create(evidence, batch_size=1000)
    touched = before | {e for e, _ in new_links}
    tidy(touched)
    changed_articles = {a for _, a in old_links ^ new_links}
    return touched, changed_articles


def tidy(event_ids):
    """Drop unreviewed extracted participations no article supports, and extracted events no
    article reports any more."""
    Participation.objects.filter(
        event__in=event_ids, origin=EXTRACTED, review=UNREVIEWED, evidence__isnull=True
    ).delete()
    Event.objects.filter(pk__in=event_ids, origin=EXTRACTED, review=UNREVIEWED).filter(
        Q(articles__isnull=True) | Q(participations__isnull=True)
    ).delete()


def fingerprint(report):
    if report.kind in CONFERENCES:
        return f"{report.kind}|{report.date}|{report.title}"[:200]
    return f"{report.kind}|{report.date}|{','.join(map(str, sorted(report.principals)))}"[:200]


class _Calendar:
    """The events of the days concerned, with their principal people, found or made as reports come."""

    def __init__(self, dates):
        dates = {day + ONE_DAY * shift for day in dates for shift in range(-VAGUE_DAYS, 2)}
        self.events = {}  # (date, kind) -> [event]
        self.principals = {}  # event id -> {role: {person ids}}
        self.participations = {}
        # the roles some article or an editor still supports (the articles being read again lost theirs)
        self.supported = set(
            Participation.objects.filter(event__start_date__in=dates)
            .filter(Q(evidence__isnull=False) | ~Q(origin=EXTRACTED))
            .values_list("event", "person", "role")
        )
        events = Event.objects.filter(start_date__in=dates).prefetch_related("participations")
        for event in events:
            self._add(event)
            for p in event.participations.all():
                self.participations[(event.pk, p.person_id, p.role)] = p
                self.principals[event.pk].setdefault(p.role, set()).add(p.person_id)

    def _add(self, event):
        self.events.setdefault((event.start_date, event.kind), []).append(event)
        self.principals.setdefault(event.pk, {})

    def _candidates(self, day, kind):
        """The events of a day that may be what a report of ``kind`` tells: an editor's 座谈会 may
        be a forum, a study tour an inspection."""
        return [e for family_kind in KIND_FAMILIES.get(kind, (kind,)) for e in self.events.get((day, family_kind), ())]

    def event_for(self, report, places):
        """The event a report tells of (made when new); None when an editor rejected it.

        The same people meeting a day before or after is the same meeting told from another
        time zone or dateline (Washington's 20th is Beijing's 21st); a report dated only as
        some days before (日前) is the same people's meeting of the week before, if there is one."""
        mark = fingerprint(report)
        for event in self._candidates(report.date, report.kind):
            if event.fingerprint == mark or self._same(event, report):
                return None if event.review == REJECTED else event
        days = [report.date - ONE_DAY * n for n in range(1, VAGUE_DAYS + 1)] if report.vague else []
        for day in [report.date - ONE_DAY, report.date + ONE_DAY] + days[1:]:
            for event in self.events.get((day, report.kind), ()):
                if event.fingerprint.split("|")[2:] == mark.split("|")[2:]:
                    return None if event.review == REJECTED else event
        event = Event.objects.create(
            title=report.title[:300], kind=report.kind, start_date=report.date, place_id=places.get(report.place),
            origin=EXTRACTED, review=UNREVIEWED, fingerprint=mark,
        )
        self._add(event)
        return event

    def _same(self, event, report):
        """Whether a held event is the one reported: for meetings and talks the same host and a
        guest in common; otherwise a principal in common, or a conference's name."""
        held = self.principals[event.pk]
        reported = {}
        for p in report.participants:
            reported.setdefault(p.role, set()).add(p.person_id)
        if report.kind in CONFERENCES:  # the same name, one in the other, or the same chair
            return (report.title in event.title or event.title in report.title
                    or bool(held.get(PRESIDED, set()) & reported.get(PRESIDED, set())))
        if HOST in reported:
            return bool(held.get(HOST, set()) & reported.get(HOST, set())) and bool(
                held.get(GUEST, set()) & reported.get(GUEST, set())
            )
        roles = PRINCIPAL_ROLES.get(report.kind, ())
        return any(held.get(role, set()) & reported.get(role, set()) for role in roles)

    def in_another_role(self, event, person_id, role):
        """Whether an article or an editor already gives the person another role in the event."""
        return any((event.pk, person_id, other) in self.supported for other in self.principals[event.pk] if other != role)

    def participation(self, event, person_id, role):
        key = (event.pk, person_id, role)
        participation = self.participations.get(key)
        if participation is None:
            participation = Participation.objects.create(
                event=event, person_id=person_id, role=role, origin=EXTRACTED, review=UNREVIEWED
            )
            self.participations[key] = participation
            self.principals[event.pk].setdefault(role, set()).add(person_id)
        if participation.review == REJECTED:
            return None
        self.supported.add(key)
        return participation
