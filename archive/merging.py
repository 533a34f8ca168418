"""Merging records of the same official: nothing is lost, and search follows."""
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Least

from . import changes, linking, names
from .models import Alias, Article, MergedPerson, Mention, Participation, Position


@transaction.atomic
def merge_people(target, others, alias_kind=Alias.Kind.FORMER):
    """Move everything of ``others`` onto ``target`` and delete them.

    Their names become aliases of ``target`` (of ``alias_kind``: 曾用名, or 简称 for the short
    form of a foreign name), their aliases, positions,
    participations and mentions move over (a mention of both in one article keeps the
    sum of the counts and the earlier first offset), and their pages lead to ``target``'s
    (MergedPerson). The mentions are moved, not linked again: those an editor's merge
    brings together stay, whatever the matcher would find. Returns the names merged in.
    """
    others = [p for p in others if p.pk != target.pk]
    merged_names, article_ids = [], set()
    with linking.deferred():  # no relink on the way: it would drop the moved mentions
        for other in others:
            held_aliases = set(target.aliases.values_list("name", flat=True)) | {target.name}
            for alias in other.aliases.all():
                if alias.name in held_aliases:
                    alias.delete()
                else:
                    Alias.objects.filter(pk=alias.pk).update(person=target)
            if other.name not in held_aliases:
                Alias.objects.create(person=target, name=other.name, kind=alias_kind)
            Position.objects.filter(person=other).update(person=target)
            for participation in Participation.objects.filter(person=other):
                if Participation.objects.filter(event=participation.event, person=target, role=participation.role).exists():
                    participation.delete()
                else:
                    Participation.objects.filter(pk=participation.pk).update(person=target)
            for mention in Mention.objects.filter(person=other):
                article_ids.add(mention.article_id)
                kept = Mention.objects.filter(article_id=mention.article_id, person=target)
                if kept.update(count=F("count") + mention.count, first_offset=Least("first_offset", mention.first_offset)):
                    mention.delete()
                else:
                    Mention.objects.filter(pk=mention.pk).update(person=target)
            MergedPerson.objects.filter(into=other).update(into=target)
            MergedPerson.objects.update_or_create(slug=other.slug, defaults={"name": other.name, "into": target})
            merged_names.append(other.name)
            other.delete()
    names.invalidate()
    changes.announce(Article, article_ids)
    return merged_names
