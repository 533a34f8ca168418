"""Mentions and extracted records follow the text, and an edit keeps what it would otherwise lose.

* An edited article is linked and read again; so are the articles of a person whose names or
  linking flag changed (not those of a biography edit), once jieba's dictionary has the new
  names. A deleted article takes what only it attested with it.
* A renamed person, place or source keeps the old name (archive.former_names).
* An edit of the fields that records are found by is announced (archive.changes.edited).
"""
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from . import changes, former_names, names
from .extraction import appearances, careers, extract_articles
from .linking import is_deferred, link_mentions, relink_person
from .models import Alias, Article, Event, Evidence, Organization, Person, Place, Source

#: The fields that records are found by, per model: what an edit of them changes is announced.
WATCHED = {
    Person: ("name", "link_by_text"),
    Alias: ("name", "person_id"),
    Place: ("name", "parent_id"),
    Source: ("name",),
    Organization: ("name",),
}


def remember_stored(sender, instance, raw=False, **kwargs):
    """Before a save: the watched fields as stored, to tell afterwards what the save changed."""
    instance._stored = None
    if not raw and instance.pk is not None:
        instance._stored = sender.objects.filter(pk=instance.pk).values(*WATCHED[sender]).first()


def announce_edit(sender, instance, raw=False, **kwargs):
    """After a save: keep a former name, and announce the watched fields that changed."""
    stored = getattr(instance, "_stored", None) or {}
    instance.edited_fields = {f: old for f, old in stored.items() if getattr(instance, f) != old}
    if raw or not instance.edited_fields:
        return
    if "name" in instance.edited_fields and sender in former_names.FORMER:
        former_names.keep(instance, instance.edited_fields["name"])
    changes.edited.send(sender=sender, instance=instance, before=instance.edited_fields)


for model in WATCHED:  # connected first: the handlers below read instance.edited_fields
    pre_save.connect(remember_stored, sender=model, dispatch_uid=f"remember_stored_{model.__name__}")
    post_save.connect(announce_edit, sender=model, dispatch_uid=f"announce_edit_{model.__name__}")


@receiver(post_save, sender=Article)
def relink_article(sender, instance, raw=False, **kwargs):
    if not (raw or is_deferred()):
        link_mentions([instance])
        extract_articles([instance])


@receiver(pre_delete, sender=Article)
def note_extracted_records(sender, instance, **kwargs):
    evidence = Evidence.objects.filter(article=instance)
    instance.extracted_records = (
        set(evidence.filter(position__isnull=False).values_list("position", flat=True)),
        set(evidence.filter(participation__isnull=False).values_list("participation__event", flat=True))
        | set(instance.events.values_list("pk", flat=True)),
    )


@receiver(post_delete, sender=Article)
def forget_extracted_records(sender, instance, **kwargs):
    positions, events = getattr(instance, "extracted_records", (set(), set()))
    careers.tidy(positions)
    appearances.tidy(events)
    changes.announce(Event, events)


@receiver(post_save, sender=Person)
def relink_renamed_person(sender, instance, created, raw=False, **kwargs):
    if raw or is_deferred():
        return
    names.invalidate()  # the name index also holds what else a save may change (the name in Latin letters)
    if created or instance.edited_fields:  # a biography edit changes no mention
        relink_person(instance)


@receiver(post_save, sender=Alias)
@receiver(post_delete, sender=Alias)
def relink_alias_bearers(sender, instance, created=True, raw=False, **kwargs):
    if raw or is_deferred() or not (created or instance.edited_fields):
        return  # only the alias's kind changed
    names.invalidate()
    bearers = {instance.person_id, getattr(instance, "edited_fields", {}).get("person_id")}
    for person in Person.objects.filter(pk__in=bearers - {None}):
        relink_person(person)


@receiver(post_save, sender=Place)
@receiver(post_delete, sender=Place)
@receiver(post_save, sender=Organization)
@receiver(post_delete, sender=Organization)
def names_changed(sender, **kwargs):
    names.invalidate()
