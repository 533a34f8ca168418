"""Names records went by: kept when an editor renames one, and still answering afterwards.

A person's old name becomes an alias of kind 曾用名, so the articles that say it stay linked
and a search for it still finds them; a place's or a source's becomes a FormerName. The
search filters (``?person=``, ``?place=``, ``?source=``) take names, and a name from before a
rename (a bookmark, a link elsewhere) still finds the record.
"""
from . import linking
from .models import Alias, Person, Place, PlaceFormerName, Source, SourceFormerName

# model -> (the model of its former names, the field that points back, what a new one is)
FORMER = {
    Person: (Alias, "person", {"kind": Alias.Kind.FORMER}),
    Place: (PlaceFormerName, "place", {}),
    Source: (SourceFormerName, "source", {}),
}


def keep(record, old_name):
    """Keep ``old_name`` as a former name of ``record`` (renamed since); True when it was not kept yet."""
    former, field, defaults = FORMER[type(record)]
    with linking.deferred():  # the rename relinks the person's articles itself, once, with every name
        _, created = former.objects.get_or_create(**{field: record, "name": old_name}, defaults=defaults)
    return created


def ids_called(model, name):
    """The ids of the ``model`` records called ``name`` now, else of those that went by it (for
    people: any alias)."""
    ids = list(model.objects.filter(name=name).values_list("pk", flat=True))
    if not ids:
        former, field, _ = FORMER[model]
        ids = list(former.objects.filter(name=name).values_list(f"{field}_id", flat=True).distinct())
    return ids
