"""haystack signal processor: every change that alters a search document queues it (search.indexing).

Saves and deletes of the archive's models are Django's own signals; what they do not show
(mentions relinked in bulk, an import batch, a merge, which fields an edit changed) the
archive announces through archive.changes. Both reach the index queue here, and only here.

What a document shows of other records, and so what an edit of them must rewrite:

* the ids of its source, people and places (not their names: a rename rewrites no facet);
* the places enclosing its places (``within``): a place moved elsewhere rewrites the
  articles within it;
* its headlines cut into words by jieba with every name of the archive in its dictionary:
  a name added, renamed or removed rewrites the articles whose headlines hold it;
* an event's place name, in the event's text.
"""
from django.db.models import Q
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive import changes
from archive.models import HEADLINE_FIELDS, Alias, Article, Event, Organization, Participation, Person, Place

from . import indexing

# Records whose names are in jieba's dictionary (archive.names).
NAMED = (Person, Alias, Place, Organization)


def _headlines_naming(*names):
    return Article.objects.naming(names, HEADLINE_FIELDS).values_list("pk", flat=True)


def _within(places):
    """The articles and events at ``places``, or reporting an event there."""
    articles = Article.objects.filter(Q(places__in=places) | Q(events__place__in=places)).distinct()
    return [(Article, articles.values_list("pk", flat=True)), (Event, Event.objects.filter(place__in=places).values_list("pk", flat=True))]


def on_save(sender, instance, created):
    """(model, ids) whose documents show something of ``instance``, just saved."""
    # a record just created is in no event and reports none yet (m2m_changed says when it is):
    # an import would ask once per article
    if sender is Article:  # an event's document holds the sources of its articles
        return [(Article, [instance.pk])] + ([] if created else [(Event, instance.events.values_list("pk", flat=True))])
    if sender is Event:
        return [(Event, [instance.pk])] + ([] if created else [(Article, instance.articles.values_list("pk", flat=True))])
    if sender is Participation:
        return [(Event, [instance.event_id])]
    if created and sender in NAMED:
        return [(Article, _headlines_naming(instance.name))]
    return []  # edits of the fields that matter arrive as changes.edited (on_edit)


def on_delete(sender, instance):
    """(model, ids) whose documents show something of ``instance``, about to be deleted."""
    # as a save shows it: a name leaving the dictionary re-cuts what one arriving did, an article
    # or an event leaving its events or articles rewrites them as an edit would
    affected = on_save(sender, instance, created=sender in NAMED)
    if sender is Person:
        affected.append((Article, instance.mentions.values_list("article_id", flat=True)))
        affected.append((Event, instance.participations.values_list("event_id", flat=True)))
    if sender is Place:
        affected += _within([instance])
    return affected


def on_edit(sender, instance, before):
    """(model, ids) whose documents show the fields of ``instance`` that an edit changed."""
    affected = []
    if "name" in before and sender in NAMED:
        affected.append((Article, _headlines_naming(before["name"], instance.name)))
    if sender is Place and "name" in before:
        affected.append((Event, instance.events.values_list("pk", flat=True)))
    if sender is Place and "parent_id" in before:
        affected += _within(instance.with_descendants())
    return affected


class QueuedSignalProcessor(BaseSignalProcessor):
    watched = (Article, Event, Participation, *NAMED)

    def _connections(self):
        """(signal, receiver, sender) for every change that alters a search document."""
        for model in self.watched:
            yield signals.post_save, self.handle_save, model
            yield signals.pre_delete, self.handle_delete, model
        for through in (Event.articles.through, Article.places.through):
            yield signals.m2m_changed, self.handle_m2m, through
        yield changes.edited, self.handle_edit, None
        yield changes.records_changed, self.handle_announcement, None
        yield changes.bulk_done, self.handle_bulk_done, None

    def setup(self):
        for signal, receiver, sender in self._connections():
            signal.connect(receiver, sender=sender)

    def teardown(self):
        for signal, receiver, sender in self._connections():
            signal.disconnect(receiver, sender=sender)

    @staticmethod
    def _announce(affected):
        for model, ids in affected:
            changes.announce(model, list(ids))

    def handle_save(self, sender, instance, created=False, raw=False, **kwargs):
        if not raw:  # fixtures: bootstrap indexes everything after loading
            self._announce(on_save(sender, instance, created))

    def handle_delete(self, sender, instance, **kwargs):
        self._announce(on_delete(sender, instance))

    def handle_edit(self, sender, instance, before, **kwargs):
        self._announce(on_edit(sender, instance, before))

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
