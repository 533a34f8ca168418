"""haystack signal processor: every change that alters a search document queues it (search.indexing).

Saves and deletes of the archive's models are Django's own signals; what they do not show
(mentions relinked in bulk, an import batch, a merge) the archive announces through
archive.changes. Both reach the index queue here, and only here.
"""
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive import changes
from archive.models import Article, Event, Participation, Person, Place, Source

from . import indexing


def _affected(sender, instance):
    """(model, ids) whose documents show something of ``instance``."""
    if sender is Article:  # an event's document holds the sources of its articles
        return [(Article, [instance.pk]), (Event, instance.events.values_list("pk", flat=True))]
    if sender is Person:
        return [
            (Article, instance.mentions.values_list("article_id", flat=True)),
            (Event, instance.participations.values_list("event_id", flat=True)),
        ]
    if sender is Event:
        return [(Event, [instance.pk]), (Article, instance.articles.values_list("pk", flat=True))]
    if sender is Participation:
        return [(Event, [instance.event_id])]
    if sender is Source:
        return [
            (Article, instance.articles.values_list("pk", flat=True)),
            (Event, Event.objects.filter(articles__source=instance).values_list("pk", flat=True)),
        ]
    if sender is Place:
        return [
            (Article, instance.articles.values_list("pk", flat=True)),
            (Event, Event.objects.filter(place__in=instance.with_descendants()).values_list("pk", flat=True)),
        ]
    return []


class QueuedSignalProcessor(BaseSignalProcessor):
    watched = (Article, Person, Event, Participation, Source, Place)

    def _connections(self):
        """(signal, receiver, sender) for every change that alters a search document."""
        for model in self.watched:
            yield signals.post_save, self.handle_change, model
            yield signals.pre_delete, self.handle_change, model
        for through in (Event.articles.through, Article.places.through):
            yield signals.m2m_changed, self.handle_m2m, through
        yield changes.records_changed, self.handle_announcement, None
        yield changes.bulk_done, self.handle_bulk_done, None

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
            changes.announce(model, list(ids))

    def handle_m2m(self, sender, instance, action, reverse, model, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if isinstance(instance, Article):
            changes.announce(Article, [instance.pk])
        elif model is Article and pk_set:
            changes.announce(Article, pk_set)
        if isinstance(instance, Event):
            changes.announce(Event, [instance.pk])
        elif model is Event and pk_set:  # articles added to events from the article's side
            changes.announce(Event, pk_set)

    def handle_announcement(self, sender, ids, bulk, **kwargs):
        # a bulk job's changes are drained when it says it is done (handle_bulk_done)
        indexing.enqueue(sender, ids, drain_after_commit=not bulk)

    def handle_bulk_done(self, sender, **kwargs):
        indexing.drain()
