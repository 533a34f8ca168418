"""One person, one record: the short form of a foreign name joins the full one.

Foreign names are written in full at first mention and short afterwards (马蒂厄·克雷库 …
克雷库; 桥本龙太郎 … 桥本). Where an article holds both, the short form is the same person:
it becomes an alias of kind 简称 of the full name, and a person made for it alone (the corpus
tags both) is merged in. When the full names of several people end the same way (比尔·克林顿,
希拉里·克林顿), nothing is guessed: the short form is listed for editors (ShortNameQuestion).
"""
import ahocorasick

from chinese.normalize import normalize

from ..importers.pku1998 import COMPOUND_SURNAMES, SINGLE_SURNAMES
from ..merging import merge_people
from ..models import Alias, Person, ShortNameQuestion

#: A full name without a middle dot is shortened to its first characters only when it is
#: this long (桥本龙太郎, 小渊惠三): shorter ones are Chinese names, never cut.
MIN_UNDOTTED = 4


def short_form(name):
    """The form foreign news uses after a first mention, or "" when it has none: the last part
    of a dotted name; the first two characters of a long undotted one that is not Chinese
    (桥本龙太郎, but not 欧阳中石 or the married name 陈方安生)."""
    if "·" in name:
        short = name.rsplit("·", 1)[1]
        return short if len(short) >= 2 else ""
    chinese = name[:2] in COMPOUND_SURNAMES or (name[0] in SINGLE_SURNAMES and name[1] in SINGLE_SURNAMES)
    if len(name) >= MIN_UNDOTTED and not name.isascii() and not chinese:
        return name[:2]
    return ""


def claims():
    """{short form: {full names}} over every person and alias of the archive."""
    found = {}
    for name in [*Person.objects.values_list("name", flat=True), *Alias.objects.values_list("name", flat=True)]:
        short = short_form(name)
        if short and short != name:
            found.setdefault(short, set()).add(name)
    return found


def join_short_forms(texts):
    """Join the short forms that ``texts`` ({article id: text}) show beside their full names.

    Returns the names of the people merged in or aliased."""
    claimed = claims()
    if not claimed:
        return []
    people = {p.name: p for p in Person.objects.filter(name__in={n for names in claimed.values() for n in names} | set(claimed))}
    by_alias = dict(Alias.objects.filter(name__in=set(claimed)).values_list("name", "person_id"))
    finder = ahocorasick.Automaton()  # the full names, found in each text in one pass
    for short, full_names in claimed.items():
        for full in full_names:
            finder.add_word(full, (short, full))
    finder.make_automaton()
    joined, questions = [], {}
    for article_id, text in texts.items():
        norm = normalize(text)
        for short, full in {value for _, value in finder.iter(norm)}:
            full_names = claimed[short]
            if not _stands_alone(norm, short, full):
                continue
            if len(full_names) > 1:
                questions.setdefault(short, (full_names, article_id))
                continue
            full = people.get(full)
            if full is None or by_alias.get(short) == full.pk:
                continue
            other = people.get(short)
            if other is not None and other.pk != full.pk:
                merge_people(full, [other], alias_kind=Alias.Kind.SHORT)
                del people[short]
            elif "·" in full.name and short not in by_alias and short not in people:
                Alias.objects.create(person=full, name=short, kind=Alias.Kind.SHORT)
            else:
                continue  # an undotted name's first characters are a person only where the file says so
            by_alias[short] = full.pk
            joined.append(short)
    for short, (full_names, article_id) in questions.items():
        ShortNameQuestion.objects.update_or_create(
            name=short, defaults={"full_names": "、".join(sorted(full_names))[:300], "first_article_id": article_id}
        )
    return joined


def _stands_alone(norm, short, full):
    """Whether ``short`` appears in ``norm`` other than inside ``full``."""
    return norm.replace(full, "").find(short) != -1
