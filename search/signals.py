"""haystack signal processor: every change that alters a search document queues it (search.indexing)."""
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive.models import Alias, Article, Event, Participation, Person, Place, Position, Source

from .indexing import enqueue


def _affected(sender, instance):
    """(model, ids) whose documents show something of ``instance``."""
    if sender is Article:
        return [(Article, [instance.pk])]
    if sender is Person:
        return [(Person, [instance.pk]), (Article, instance.mentions.values_list("article_id", flat=True))]
    if sender in (Alias, Position):
        return [(Person, [instance.person_id])]
    if sender is Event:
        return [(Event, [instance.pk]), (Article, instance.articles.values_list("pk", flat=True))]
    if sender is Participation:
        return [(Event, [instance.event_id])]
    if sender is Source:
        return [(Article, instance.articles.values_list("pk", flat=True))]
    if sender is Place:
        return [(Article, instance.articles.values_list("pk", flat=True))]
    return []


class QueuedSignalProcessor(BaseSignalProcessor):
    watched = (Article, Person, Alias, Position, Event, Participation, Source, Place)

    def _connections(self):
        """(signal, receiver, sender) for every change that alters a search document."""
        for model in self.watched:
            yield signals.post_save, self.handle_change, model
            yield signals.pre_delete, self.handle_change, model
        for through in (Event.articles.through, Article.places.through):
            yield signals.m2m_changed, self.handle_m2m, through

    def setup(self):
        for signal, receiver, sender in self._connections():
            signal.connect(receiver, sender=sender)

    def teardown(self):
        for signal, receiver, sender in self._connections():
            signal.disconnect(receiver, sender=sender)

    def handle_change(self, sender, instance, raw=False, **kwargs):
        if raw:  # fixtures: bootstrap indexes everything after loading
            return
        for model, ids in _affected(sender, instance):
            enqueue(model, list(ids))

    def handle_m2m(self, sender, instance, action, reverse, model, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if isinstance(instance, Article):
            enqueue(Article, [instance.pk])
        elif model is Article and pk_set:
            enqueue(Article, pk_set)
        if isinstance(instance, Event):
            enqueue(Event, [instance.pk])
