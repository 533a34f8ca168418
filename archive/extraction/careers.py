"""Attestations into positions: one Position per person, title and organization, with evidence.

An attestation whose text names no body (省委书记车俊, 总理李鹏) joins the person's one known
position with that title (and a body ending with the hint, 省委): the archive knows whose
省委 it is when any article said so. Otherwise it stands as written until one does.
"""
from django.db.models import Max, Min, Q

from ..models import Evidence, Organization, Position

EXTRACTED, UNREVIEWED, REJECTED = Position.Origin.EXTRACTED, Position.Review.UNREVIEWED, Position.Review.REJECTED


def store(results):
    """Replace the position evidence of the articles in ``results`` ({article id: Extraction});
    returns the ids of the positions touched."""
    article_ids = list(results)
    before = set(Evidence.objects.filter(article__in=article_ids, position__isnull=False).values_list("position", flat=True))
    Evidence.objects.filter(article__in=article_ids, position__isnull=False).delete()
    attested = [(article_id, a) for article_id, result in results.items() for a in result.positions]
    book = _Book({a.person_id for _, a in attested}, {a.title.organization for _, a in attested if a.title.organization})
    evidence = []
    # attestations naming their body first, so that those naming none can join them
    for article_id, attestation in sorted(attested, key=lambda item: not item[1].title.organization):
        position = book.position_for(attestation)
        if position is not None:
            evidence.append(Evidence(
                article_id=article_id, position=position, date=attestation.date,
                quote=attestation.quote[:300], former=not attestation.current,
            ))
    Evidence.objects.bulk_create(evidence, batch_size=1000)
    touched = before | {e.position_id for e in evidence} | book.join_unplaced()
    tidy(touched)
    return touched


def tidy(position_ids):
    """Drop the unreviewed extracted positions no article attests any more; date the rest."""
    Position.objects.filter(pk__in=position_ids, origin=EXTRACTED, review=UNREVIEWED, evidence__isnull=True).delete()
    current = Q(evidence__former=False)
    for row in (
        Position.objects.filter(pk__in=position_ids)
        .annotate(first=Min("evidence__date", filter=current), last=Max("evidence__date", filter=current))
        .values("pk", "first", "last", "first_attested", "last_attested")
    ):
        if (row["first"], row["last"]) != (row["first_attested"], row["last_attested"]):
            Position.objects.filter(pk=row["pk"]).update(first_attested=row["first"], last_attested=row["last"])


class _Book:
    """The positions of the people concerned, found or made as attestations come."""

    def __init__(self, person_ids, organization_names):
        Organization.objects.bulk_create(
            (Organization(name=name) for name in organization_names), ignore_conflicts=True, batch_size=500
        )
        self.organizations = dict(Organization.objects.filter(name__in=organization_names).values_list("name", "pk"))
        self.names = dict(Organization.objects.filter(positions__person__in=person_ids).values_list("pk", "name"))
        self.names.update({pk: name for name, pk in self.organizations.items()})
        self.by_key, self.by_person = {}, {}
        for position in Position.objects.filter(person__in=person_ids):
            self._add(position)

    def _add(self, position):
        self.by_key.setdefault((position.person_id, position.organization_id, position.title), position)
        self.by_person.setdefault(position.person_id, []).append(position)

    def position_for(self, attestation):
        """The position an attestation attests (made when new); None when an editor rejected it."""
        title = attestation.title
        if title.organization:
            key = (attestation.person_id, self.organizations[title.organization], title.title)
        else:
            known = self._known_body(attestation.person_id, title.title, title.hint)
            key = (attestation.person_id, known, title.title if known else title.hint + title.title)
        position = self.by_key.get(key)
        if position is None:
            position = Position.objects.create(
                person_id=key[0], organization_id=key[1], title=key[2], origin=EXTRACTED, review=UNREVIEWED
            )
            self._add(position)
        return None if position.review == REJECTED else position

    def _known_body(self, person_id, title, hint):
        """The one body of the person's known positions with this title (and a body ending with
        the hint); None when there is none or more than one."""
        bodies = {
            p.organization_id for p in self.by_person.get(person_id, ())
            if p.organization_id and p.title == title and self.names.get(p.organization_id, "").endswith(hint)
        }
        return bodies.pop() if len(bodies) == 1 else None

    def join_unplaced(self):
        """Positions made without a body (省委书记 as written) join the person's one known
        position with that body, now that more articles were read; returns the positions joined."""
        joined = set()
        for person_id, positions in self.by_person.items():
            for position in positions:
                if position.organization_id or not position.is_extracted or position.review != UNREVIEWED:
                    continue
                for hint_length in range(len(position.title) - 1):
                    hint, title = position.title[:hint_length], position.title[hint_length:]
                    body = self._known_body(person_id, title, hint)
                    if body is not None:
                        target = self.by_key[(person_id, body, title)]
                        if target.review != REJECTED:
                            Evidence.objects.filter(position=position).update(position=target)
                            joined |= {target.pk, position.pk}
                        break
        return joined
