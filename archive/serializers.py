"""The JSON forms of the people and event pages (``?format=json`` on the same URLs): every key always present."""
from django.utils import timezone

from . import officials


def _day(value):
    return value.isoformat() if value else None


def person_in_list(person):
    return {
        "name": person.name,
        "slug": person.slug,
        "url": person.get_absolute_url(),
        "aliases": [a.name for a in person.aliases.all()],
        "mentions": person.mention_count,
    }


def person_as_json(person, mentions):
    return {
        "name": person.name,
        "slug": person.slug,
        "aliases": [a.name for a in person.aliases.all()],
        "positions": [_post(post) for post in officials.career(person)],
        "appearances": [_appearance(a) for a in officials.appearances(person)],
        "mentions": mentions,
    }


def _post(post):
    p = post.position
    return {
        "title": p.title,
        "organization": p.organization.name if p.organization_id else None,
        "start": _day(p.start_date),
        "end": _day(p.end_date),
        "first_attested": _day(p.first_attested),
        "last_attested": _day(p.last_attested),
        "origin": p.origin,
        "evidence": [
            {
                "article_id": e.article_id,
                "external_id": e.article.external_id,
                "published": _day(timezone.localtime(e.article.published).date()),
                "quote": e.quote,
            }
            for e in p.evidence.all()
        ],
    }


def _appearance(appearance):
    event = appearance.event
    return {
        "event_id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "date": _day(event.start_date),
        "place": event.place.name if event.place_id else None,
        "roles": appearance.roles,
    }


def event_in_list(event):
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "date": _day(event.start_date),
        "place": event.place.name if event.place_id else None,
        "participants": [{"name": p.person.name, "role": p.role} for p in officials.by_role(event.listed_participations)],
        "articles": [{"id": a.pk, "external_id": a.external_id} for a in event.articles.all()],
        "origin": event.origin,
    }
