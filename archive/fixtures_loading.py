"""Loading the shipped fixtures once: what editors have changed or deleted since stays so.

A ledger (FixtureRecord) holds the key of every fixture record ever offered to the database.
``bootstrap`` runs at every start of the Docker image; each run saves only the records the
ledger does not hold yet, i.e. records new in the fixtures. A record already in the database
when first offered (loaded before there was a ledger) is adopted as it stands.
"""
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction

from django.db.models import Q

from . import names
from .models import Alias, Article, FixtureRecord, Person

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


@dataclass
class FixtureLoad:
    added: dict = field(default_factory=dict)  # model -> [pk] saved by this run
    skipped: list = field(default_factory=list)  # "model.pk: why", records not saved

    @property
    def count(self):
        return sum(len(pks) for pks in self.added.values())

    def articles_to_link(self):
        """The articles whose mentions this load may change: its own, and those that name a
        person or alias it brought."""
        new_names = list(Person.objects.filter(pk__in=self.added.get(Person, ())).values_list("name", flat=True))
        new_names += Alias.objects.filter(pk__in=self.added.get(Alias, ())).values_list("name", flat=True)
        naming = Article.objects.naming(new_names).values("pk")
        return Article.objects.filter(Q(pk__in=self.added.get(Article, ())) | Q(pk__in=naming))


def _key(obj):
    return obj._meta.label_lower, str(obj.pk)


def _read(directory):
    for path in sorted(directory.glob("*.json")):
        with path.open(encoding="utf-8") as f:
            yield from serializers.deserialize("json", f, ignorenonexistent=True)


def _present(items, new_keys):
    """(model label, pk) of the records the new ``items`` refer to that exist or come with them."""
    wanted = {}
    for item in items:
        for fk in item.object._meta.concrete_fields:
            if fk.is_relation and getattr(item.object, fk.attname) is not None:
                wanted.setdefault(fk.related_model, set()).add(getattr(item.object, fk.attname))
        for name, pks in (item.m2m_data or {}).items():
            wanted.setdefault(item.object._meta.get_field(name).related_model, set()).update(pks)
    present = set(new_keys)
    for model, pks in wanted.items():
        present.update((model._meta.label_lower, str(pk)) for pk in model.objects.filter(pk__in=pks).values_list("pk", flat=True))
    return present


def _fit(item, present):
    """Drop what ``item`` refers to that an editor deleted; None when it cannot be saved without it."""
    obj = item.object
    for fk in obj._meta.concrete_fields:
        value = getattr(obj, fk.attname) if fk.is_relation else None
        if value is not None and (fk.related_model._meta.label_lower, str(value)) not in present:
            if not fk.null:
                return f"{fk.name} {fk.related_model._meta.label_lower}.{value} was deleted"
            setattr(obj, fk.attname, None)
    for name, pks in (item.m2m_data or {}).items():
        label = obj._meta.get_field(name).related_model._meta.label_lower
        item.m2m_data[name] = [pk for pk in pks if (label, str(pk)) in present]
    return None


def load_new_fixture_objects(directory=None):
    """Save each fixture record (of FIXTURES_DIR) the ledger does not hold yet, and note it
    there: a FixtureLoad."""
    load = FixtureLoad()
    with transaction.atomic():
        offered = set(FixtureRecord.objects.values_list("model", "object_pk"))
        items = [item for item in _read(directory or FIXTURES_DIR) if _key(item.object) not in offered]
        by_model = {}
        for item in items:
            by_model.setdefault(type(item.object), set()).add(item.object.pk)
        held = {
            (model._meta.label_lower, str(pk))
            for model, pks in by_model.items()
            for pk in model.objects.filter(pk__in=pks).values_list("pk", flat=True)
        }
        new = [item for item in items if _key(item.object) not in held]  # the others are adopted as they stand
        while True:  # a record skipped takes those that need it along
            present = _present(new, {_key(item.object) for item in new})
            why = {id(item): _fit(item, present) for item in new}
            if not any(why.values()):
                break
            load.skipped += [f"{'.'.join(_key(item.object))}: {why[id(item)]}" for item in new if why[id(item)]]
            new = [item for item in new if not why[id(item)]]
        for item in new:
            item.save()
            load.added.setdefault(type(item.object), []).append(item.object.pk)
        FixtureRecord.objects.bulk_create(
            [FixtureRecord(model=label, object_pk=pk) for label, pk in {_key(item.object) for item in items}],
            ignore_conflicts=True,
        )
        _reset_sequences(load.added)
    names.invalidate()  # names arrived without signals
    return load


def _reset_sequences(models):
    """Move the id sequences past the fixtures' explicit keys (PostgreSQL), as loaddata does,
    so that the next record an editor adds gets a free id."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)
