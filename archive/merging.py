"""Merging records of the same official: nothing is lost, and search follows."""
from django.db import transaction

from . import changes
from .models import Alias, Article, Mention, Participation, Position


@transaction.atomic
def merge_people(target, others, alias_kind=Alias.Kind.FORMER):
    """Move everything of ``others`` onto ``target`` and delete them.

    Their names become aliases of ``target`` (of ``alias_kind``: 曾用名, or 简称 for the short
    form of a foreign name), their aliases, positions,
    participations and mentions move over (a mention of both in one article keeps the
    sum of the counts and the earlier first offset). Returns the names merged in.
    """
    others = [p for p in others if p.pk != target.pk]
    merged_names = []
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
            kept = Mention.objects.filter(article=mention.article, person=target).first()
            if kept:
                kept.count += mention.count
                kept.first_offset = min(kept.first_offset, mention.first_offset)
                kept.save(update_fields=["count", "first_offset"])
                mention.delete()
            else:
                Mention.objects.filter(pk=mention.pk).update(person=target)
        merged_names.append(other.name)
        article_ids = list(Article.objects.filter(mentions__person=target).values_list("pk", flat=True))
        other.delete()
        changes.announce(Article, article_ids)
    target.save()  # names changed: archive.signals reloads the dictionary and relinks the target's articles
    return merged_names
