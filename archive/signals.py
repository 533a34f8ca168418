"""Mentions follow the text: an edited article, or an edited name, is linked again."""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import names
from .linking import is_deferred, link_mentions, relink_person
from .models import Alias, Article, Organization, Person, Place


@receiver(post_save, sender=Article)
def relink_article(sender, instance, raw=False, **kwargs):
    if not (raw or is_deferred()):
        link_mentions([instance])


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
