"""The archive's names, from the database into the segmenter and the name index.

Every person's name and alias, every place and organization enters jieba's dictionary
before text is linked, indexed or queried, in every process. Each process loads the names
on first use and reloads them when the database's names have changed since (an editor's
rename in one gunicorn worker reaches the others on their next search).
"""
import threading
import time

from django.db.models import Count, Max

from chinese.names import NameIndex
from chinese.romanize import place_stem
from chinese.segmenter import segmenter

from .models import Alias, Mention, Organization, Person, Place

# How long a process trusts its names before it asks the database again: an editor's change
# made in another process reaches this one within that time (in this one, at once).
RECHECK_SECONDS = 1.0

_lock = threading.Lock()
_current = NameIndex()
_checked_at = float("-inf")


def _database_version():
    """(count, last change) of each table that holds names: cheap enough to ask per search."""
    return tuple(
        tuple(model.objects.aggregate(n=Count("id"), t=Max("updated")).values())
        for model in (Person, Alias, Place, Organization)
    )


def _load(version):
    rows = list(Person.objects.values_list("id", "name", "link_by_text", "romanized"))
    # people whose names are also common words (方向) are neither linked nor searched by name
    named = [(person_id, name) for person_id, name, by_text, _ in rows if by_text]
    named += Alias.objects.filter(person__link_by_text=True).values_list("person_id", "name")
    places = list(Place.objects.values_list("name", "romanized"))
    # a name in Latin letters reads as the person's name, or as the place's own name (Xiaoshan: 萧山)
    romanized = [(latin, name) for _, name, by_text, latin in rows if by_text and latin]
    romanized += [(latin, place_stem(name)) for name, latin in places if latin]
    latin_people = {}
    for _, name, _, latin in rows:  # of two people of one name, the first spelled one
        if latin:
            latin_people.setdefault(name, latin)
    # how many articles name each person: of two names that sound alike, the better known is meant
    prominence = dict(Mention.objects.order_by().values_list("person_id").annotate(n=Count("article_id")))
    index = NameIndex.build(named, version, romanized, latin_people, {n: lt for n, lt in places if lt}, prominence)
    segmenter.add_words(index.people, people=True)
    segmenter.add_words(name for name, _ in places)
    segmenter.add_words(Organization.objects.values_list("name", flat=True))
    return index


def current():
    """The name index, reloaded when the database's names have changed."""
    global _current, _checked_at
    if time.monotonic() - _checked_at < RECHECK_SECONDS:
        return _current
    version = _database_version()
    if version != _current.version:
        with _lock:
            if version != _current.version:
                old = set(_current.people)
                _current = _load(version)
                segmenter.remove_words(old - set(_current.people))
    _checked_at = time.monotonic()
    return _current


def romanized_names():
    """({person's name: name in Latin letters}, {place's name: …}), from the names this process holds."""
    index = current()
    return index.latin_people, index.latin_places


def invalidate():
    """Make the next ``current()`` ask the database (after this process changed a name)."""
    global _checked_at
    _checked_at = float("-inf")


def forget():
    """Drop this process's names, from the index and jieba's dictionary: the next ``current()``
    loads them from the database whatever it last saw (names written without signals, or
    rolled back since, as between tests)."""
    global _current
    with _lock:
        segmenter.remove_words(set(_current.people))
        _current = NameIndex()
    invalidate()
