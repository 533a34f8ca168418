"""An article's text as the reader sees it: officials' names linked, optionally in simplified characters."""
from functools import lru_cache

import opencc
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import names as name_index


@lru_cache(maxsize=1)
def _t2s():
    return opencc.OpenCC("t2s")


def to_simplified(text):
    """Phrase-level traditional-to-simplified conversion, for display."""
    return _t2s().convert(text)


def link_names(text, people_by_id, names=None):
    """``text`` escaped, with each name of a person in ``people_by_id`` linked to their page."""
    names = names or name_index.current()
    parts, done = [], 0
    for name, start in names.matcher.find(text):
        person = next((people_by_id[pk] for pk in sorted(names.people[name]) if pk in people_by_id), None)
        if person is None:
            continue
        end = start + len(name)
        parts += [escape(text[done:start]), f'<a class="person" href="{escape(person.get_absolute_url())}">',
                  escape(text[start:end]), "</a>"]
        done = end
    parts.append(escape(text[done:]))
    return mark_safe("".join(parts))


def rendered(article, people, simplified=False):
    """The headlines and the paragraphs (safe HTML, names linked) of ``article``, simplified if asked."""
    convert = to_simplified if simplified else str
    names = name_index.current()
    by_id = {person.pk: person for person in people}
    return {
        "lang": "zh-Hant" if article.script == article.Script.TRADITIONAL and not simplified else "zh-Hans",
        "title": convert(article.title),
        "kicker": convert(article.kicker),
        "subtitle": convert(article.subtitle),
        "paragraphs": [link_names(convert(p), by_id, names) for p in article.paragraphs()],
    }
