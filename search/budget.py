"""The cost budget of one search: no query text, no filter list may cost more than about a second.

A query is refused, with a sentence saying what to change, rather than answered in part: a
researcher counts totals and facets, and a partial answer would count wrong without saying so.

* Before the engine runs (search.forms): the query's length, its words and alternatives, and
  the repeated person filter are capped.
* In the engine: a single character is found as the first character of the text's bigrams,
  so it stands for every bigram that starts with it (的 for more than two thousand); the
  terms a query expands to are capped (search.backends.whoosh), and the engine stops a
  search that still runs past TIME_LIMIT.
"""
from django.utils.translation import gettext as _

MAX_QUERY_CHARS = 500
MAX_UNITS = 20  # words and phrases, alternatives included
MAX_PEOPLE = 20  # repeated person filters
# Index terms that a query's single characters may stand for, all together: 的 alone is
# about 2,200 in the 1998 corpus and costs about half a second; 江 is 240.
MAX_EXPANDED_TERMS = 3000
TIME_LIMIT = 1.5  # seconds the engine may spend matching one search


class QueryTooBroad(Exception):
    """A search that would cost more than the budget; the message says what to change."""


def too_common(character):
    return QueryTooBroad(
        _("单个字“%(char)s”等出现得太普遍，这次检索的范围太大。请输入两个字以上的词，或减少单字。") % {"char": character}
    )


def too_slow():
    return QueryTooBroad(_("这次检索的范围太大，未能在限定时间内完成。请使用更具体的词语或加上筛选条件。"))
