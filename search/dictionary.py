"""The archive's names, from the database into jieba and into the name index.

Every person's name and alias, every place and organization enters jieba's dictionary
before text is indexed or queried, in every process. Each process loads the names on
first use and reloads them when the database's names have changed since (an editor's
rename in one gunicorn worker reaches the others on their next search).
"""
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Max

from .analysis import normalize, segmenter


@dataclass(eq=False)
class NameIndex:
    """Normalized name or alias -> ids of the people who bear it; id -> canonical name."""

    people: dict = field(default_factory=dict)
    canonical_names: dict = field(default_factory=dict)
    version: tuple = ()
    _longer: dict = field(default_factory=dict, repr=False)

    def named(self, text):
        """The canonical names of the people a query text names exactly (either script), or ()."""
        ids = self.people.get(normalize(text.strip()), ())
        return tuple(sorted({self.canonical_names[i] for i in ids}))

    @cached_property
    def matcher(self):
        return NameMatcher(self.people)

    def longer_names(self, name):
        """The known names that contain ``name`` (normalized): 陈云 -> 陈云林, 陈云峰…"""
        if name not in self._longer:
            self._longer[name] = tuple(other for other in self.people if name in other and other != name)
        return self._longer[name]


class NameMatcher:
    """Finds the people a text names: leftmost, longest name first, so 陈云林 is not 陈云.

    A name counts only where a word begins, so 罗斯 is not found in 俄罗斯 nor 斯兰 in
    伊斯兰; it may run into the word (邓小平理论, 马克思主义 name their man)."""

    def __init__(self, people):
        self._people = people
        self._by_first = {}
        for name in sorted(people, key=len, reverse=True):
            self._by_first.setdefault(name[0], []).append(name)

    def find(self, text):
        """(normalized name, start) for every name in ``text``, not overlapping."""
        norm = normalize(text)
        starts = segmenter.word_starts(norm)
        by_first, i, end = self._by_first, 0, len(norm)
        while i < end:
            for name in by_first.get(norm[i], ()) if i in starts else ():
                if norm.startswith(name, i):
                    yield name, i
                    i += len(name)
                    break
            else:
                i += 1

    def people_in(self, text):
        """person id -> (count, first offset) for the people ``text`` names."""
        found = {}
        for name, start in self.find(text):
            for person_id in self._people[name]:
                count, first = found.get(person_id, (0, start))
                found[person_id] = (count + 1, first)
        return found


# How long a process trusts its names before it asks the database again: an editor's change
# made in another process reaches this one within that time (in this one, at once).
RECHECK_SECONDS = 1.0

_lock = threading.Lock()
_current = NameIndex()
_checked_at = float("-inf")


def _database_version():
    """(count, last change) of each table that holds names: cheap enough to ask per search."""
    from archive.models import Alias, Organization, Person, Place

    return tuple(
        tuple(model.objects.aggregate(n=Count("id"), t=Max("updated")).values())
        for model in (Person, Alias, Place, Organization)
    )


def _load(version):
    from archive.models import Alias, Organization, Person, Place

    rows = list(Person.objects.values_list("id", "name", "link_by_text"))
    canonical_names = {person_id: name for person_id, name, _ in rows}
    # people whose names are also common words (方向) are neither linked nor searched by name
    named = [(person_id, name) for person_id, name, by_text in rows if by_text]
    named += Alias.objects.filter(person__link_by_text=True).values_list("person_id", "name")
    people = {}
    for person_id, name in named:
        people.setdefault(normalize(name), set()).add(person_id)
    segmenter.add_words(people, people=True)
    segmenter.add_words(Place.objects.values_list("name", flat=True))
    segmenter.add_words(Organization.objects.values_list("name", flat=True))
    return NameIndex(
        people={k: frozenset(v) for k, v in people.items()}, canonical_names=canonical_names, version=version
    )


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


def invalidate():
    """Make the next ``current()`` ask the database (after this process changed a name)."""
    global _checked_at
    _checked_at = float("-inf")
