"""Mentions and extracted records follow the text: an edited article, or an edited name, is
linked and read again; a deleted article takes what only it attested with it."""
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from . import changes, names
from .extraction import appearances, careers, extract_articles
from .linking import is_deferred, link_mentions, relink_person
from .models import Alias, Article, Event, Evidence, Organization, Person, Place


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
@receiver(post_save, sender=Alias)
@receiver(post_delete, sender=Alias)
def relink_names(sender, instance, raw=False, **kwargs):
    if raw or is_deferred():
        return
    names.invalidate()
    person = instance if sender is Person else Person.objects.filter(pk=instance.person_id).first()
    if person is not None:
        relink_person(person)


@receiver(post_save, sender=Place)
@receiver(post_delete, sender=Place)
@receiver(post_save, sender=Organization)
@receiver(post_delete, sender=Organization)
def names_changed(sender, **kwargs):
    names.invalidate()
