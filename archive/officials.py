"""What the pages say of an official: a dated career, appearances and who they met; an event's
participants in the order of their roles, with the post each held that day.

Plain functions over the models, each a fixed number of queries. Rejected records are never
shown; machine-extracted ones carry their evidence, so a reader can judge them.
"""
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery

from .models import Event, Evidence, Participation, Position

#: Evidence sentences shown with each post.
EVIDENCE_SHOWN = 3
ROLE_ORDER = {role: i for i, role in enumerate(Participation.Role.values)}


@dataclass
class Post:
    position: Position
    articles: int  # how many articles attest it
    evidence: list  # the first few Evidence, with their articles

    @property
    def label(self):
        return self.position.label

    @property
    def machine_made(self):
        return self.position.is_extracted

    @property
    def entered_dates(self):
        """Whether an editor dated it (start_date), or only the articles did (attested from)."""
        return self.position.start_date is not None


def career(person):
    """The person's posts, the latest first: entered dates win over attested ones."""
    positions = (
        person.positions.public()
        .select_related("organization")
        .annotate(article_count=Count("evidence__article", distinct=True))
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("article").order_by("date")))
    )
    posts = [Post(p, p.article_count, list(p.evidence.all())[:EVIDENCE_SHOWN]) for p in positions]
    return sorted(posts, key=lambda post: _latest(post.position), reverse=True)


def _latest(position):
    return position.end_date or position.last_attested or position.start_date or position.first_attested or datetime.date.min


def current_post(person):
    """The post the person held last (latest attested or entered), or None."""
    posts = [p for p in person.positions.all() if p.review != Position.Review.REJECTED]
    return max(posts, key=_latest, default=None)


@dataclass
class Appearance:
    event: Event
    roles: list = field(default_factory=list)  # role values, in role order
    machine_made: bool = False
    quote: str = ""

    @property
    def role_labels(self):
        return [Participation.Role(role).label for role in self.roles]


def appearances(person):
    """Each event the person took part in, once, with all their roles: the newest first."""
    first_quote = Evidence.objects.filter(participation=OuterRef("pk")).order_by("date", "pk").values("quote")[:1]
    rows = (
        person.participations.public()
        .exclude(event__review=Event.Review.REJECTED)
        .select_related("event__place")
        .annotate(quote=Subquery(first_quote))
        .order_by("-event__start_date", "event_id")
    )
    found = {}
    for part in rows:
        appearance = found.setdefault(part.event_id, Appearance(part.event))
        appearance.roles.append(part.role)
        appearance.machine_made |= part.is_extracted
        appearance.quote = appearance.quote or part.quote or ""
    for appearance in found.values():
        appearance.roles = sorted(set(appearance.roles), key=ROLE_ORDER.get)
    return list(found.values())


def by_role(participations):
    """Participations in the order an event lists them: host, leader, presiding first."""
    return sorted(participations, key=lambda p: (ROLE_ORDER[p.role], p.person.name))


def met_with(person):
    """[(other person, [dates])] of the meetings and talks the person took part in, most first."""
    sides = (Participation.Role.HOST, Participation.Role.GUEST)
    events = Event.objects.public().filter(
        kind__in=[Event.Kind.MEETING, Event.Kind.TALKS], participations__person=person, participations__role__in=sides
    )
    others = {}
    for part in (
        Participation.objects.public()
        .filter(event__in=events, role__in=sides)
        .exclude(person=person)
        .select_related("person", "event")
        .order_by("event__start_date")
    ):
        dates = others.setdefault(part.person, [])
        if part.event.start_date not in dates:
            dates.append(part.event.start_date)
    return sorted(others.items(), key=lambda item: (-len(item[1]), item[0].name))


@dataclass
class Participant:
    person: object
    roles: list  # role values, in role order
    post: str  # the post held that day, as people write it
    machine_made: bool

    @property
    def role_labels(self):
        return [Participation.Role(role).label for role in self.roles]


def participants(event):
    """The event's participants, each once with all their roles, by role (host, leader,
    presiding first; accompanying last), each with the post the reports give them, else the
    one they held on the day."""
    parts = list(event.participations.public().select_related("person"))
    people = [p.person_id for p in parts]
    reported = {}
    for evidence in (
        Evidence.objects.filter(article__events=event, position__person__in=people, former=False)
        .select_related("position__organization")
        .order_by("date")
    ):
        reported.setdefault(evidence.position.person_id, evidence.position.label)
    held = _posts_on(people, event.start_date)
    found = {}
    for p in parts:
        participant = found.setdefault(p.person_id, Participant(
            p.person, [], reported.get(p.person_id) or held.get(p.person_id, ""), False))
        participant.roles.append(p.role)
        participant.machine_made |= p.is_extracted
    for participant in found.values():
        participant.roles.sort(key=ROLE_ORDER.get)
    return sorted(found.values(), key=lambda part: (ROLE_ORDER[part.roles[0]], part.person.name))


def _posts_on(person_ids, day):
    """{person id: label} of the post each held on ``day``: entered dates, else attested ones."""
    on_day = Q(start_date__lte=day, end_date__isnull=True) | Q(start_date__lte=day, end_date__gte=day)
    attested = Q(start_date__isnull=True, first_attested__lte=day, last_attested__gte=day)
    found = {}
    for position in Position.objects.public().filter(person__in=person_ids).filter(on_day | attested).select_related(
        "organization"
    ):
        found.setdefault(position.person_id, position.label)
    return found


def evidence_of(event):
    """The sentences that report the event's extracted roles, once each, with their articles."""
    seen, found = set(), []
    for evidence in Evidence.objects.filter(participation__event=event).select_related("article").order_by("date", "pk"):
        if evidence.quote not in seen:
            seen.add(evidence.quote)
            found.append(evidence)
    return found
