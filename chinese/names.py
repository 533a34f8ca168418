"""The name index: which people a name stands for, and where a text names them.

Built from (person id, name) pairs by whoever holds the names (archive.names reads them
from the database); used to link articles to the people they name, to read a query word
as a person, to tell 陈云 from 陈云林, and to hear which name a misspelled word meant. It also
knows the names in Latin letters of people and places, to read ``Che Jun`` as 车俊.
"""
from dataclasses import dataclass, field

import ahocorasick
from functools import cached_property

from .normalize import normalize
from .romanize import latin_key
from .segmenter import segmenter
from .sounds import LatinSpellings, SoundIndex


@dataclass(eq=False)
class NameIndex:
    """Normalized name or alias -> ids of the people who bear it; key of a name in Latin letters
    -> the names in characters it spells; a person's canonical name and a place's name -> its
    name in Latin letters."""

    people: dict = field(default_factory=dict)
    version: tuple = ()
    romanized: dict = field(default_factory=dict)
    latin_people: dict = field(default_factory=dict)
    latin_places: dict = field(default_factory=dict)
    spellings: dict = field(default_factory=dict)  # key of a name in Latin letters -> as first given
    prominence: dict = field(default_factory=dict)  # id -> how many articles name the person
    _longer: dict = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, named, version=(), romanized=(), latin_people=None, latin_places=None, prominence=None):
        """The index of ``named`` (person id, name or alias) pairs, names in either script, and of
        ``romanized`` (name in Latin letters, name in characters it spells) pairs."""
        people = {}
        for person_id, name in named:
            people.setdefault(normalize(name), set()).add(person_id)
        spelled, spellings = {}, {}
        for latin, name in romanized:
            key = latin_key(latin)
            if key:
                spelled.setdefault(key, {})[name] = None
                spellings.setdefault(key, latin)
        return cls(
            people={k: frozenset(v) for k, v in people.items()},
            version=version,
            romanized={k: tuple(v) for k, v in spelled.items()},
            spellings=spellings,
            latin_people=latin_people or {},
            latin_places=latin_places or {},
            prominence=prominence or {},
        )

    def named(self, text):
        """The ids of the people a query text names exactly (by a name or alias, either script)."""
        return self.people.get(normalize(text.strip()), frozenset())

    def spelled(self, latin):
        """The names in characters that ``latin`` spells, with or without spaces, tones or
        capitals (Che Jun, chejun, Chē Jùn -> 车俊), in the order they were given; or ()."""
        return self.romanized.get(latin_key(latin), ())

    @cached_property
    def matcher(self):
        return NameMatcher(self.people)

    @cached_property
    def sounds(self):
        """The names by how they sound (chinese.sounds), the most often named first among equals."""
        return SoundIndex({name: self._weight(name) for name in self.people})

    @cached_property
    def latin_spellings(self):
        """The names in Latin letters, to find the one a misspelling meant (chinese.sounds)."""
        return LatinSpellings({
            key: (shown, max(self._weight(normalize(name)) for name in self.romanized[key]))
            for key, shown in self.spellings.items()
        })

    def _weight(self, name):
        """How many articles name the best known person of that name (0 for a place)."""
        return max((self.prominence.get(i, 0) for i in self.people.get(name, ())), default=0)

    def longer_names(self, name):
        """The known names that contain ``name`` (normalized): 陈云 -> 陈云林, 陈云峰…"""
        if name not in self._longer:
            self._longer[name] = tuple(other for other in self.people if name in other and other != name)
        return self._longer[name]


class NameMatcher:
    """Finds the people a text names: leftmost, longest name first, so 陈云林 is not 陈云.

    A name counts only where a word begins, so 罗斯 is not found in 俄罗斯 nor 斯兰 in
    伊斯兰; it may run into the word (邓小平理论, 马克思主义 name their man). Every name is
    found in one pass (Aho-Corasick); the text is cut into words only when it names someone.
    """

    def __init__(self, people):
        self._people = people
        self._automaton = ahocorasick.Automaton()
        for name in people:
            self._automaton.add_word(name, name)
        if people:
            self._automaton.make_automaton()

    def find(self, text, whole_words=False):
        """(normalized name, start) for every name in ``text``, not overlapping; with
        ``whole_words``, only names that end where a word ends (毛泽东, not 毛泽东思想)."""
        if not self._people:
            return
        norm = normalize(text)
        hits = sorted((end - len(name) + 1, -len(name), name) for end, name in self._automaton.iter(norm))
        if not hits:
            return
        starts, free_from = set(segmenter.word_starts(norm)) | {len(norm)}, 0
        for start, _, name in hits:
            if start >= free_from and start in starts:
                if whole_words and start + len(name) not in starts:
                    continue
                yield name, start
                free_from = start + len(name)

    def people_in(self, text):
        """person id -> (count, first offset) for the people ``text`` names."""
        found = {}
        for name, start in self.find(text):
            for person_id in self._people[name]:
                count, first = found.get(person_id, (0, start))
                found[person_id] = (count + 1, first)
        return found
