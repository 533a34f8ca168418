"""The search service the views call: a SearchSpec in, a SearchPage out, whatever the engine.

The view parses the request into a SearchSpec (search.forms); the backend finds the page's
hits, the total and the facet counts; this module hydrates the hits from the database and
draws their snippets.
"""
import logging
import math
from dataclasses import dataclass, field, replace
from datetime import date

from django.utils import timezone
from haystack import connections

from archive import names, officials
from archive.models import Article, Event, Mention, Person
from chinese.names import NameIndex

from .highlight import Highlighter
from .query_parser import ParsedQuery
from .search_indexes import FACETS

log = logging.getLogger(__name__)


@dataclass
class SearchSpec:
    query: ParsedQuery = field(default_factory=ParsedQuery)
    people: tuple = ()
    source: str = ""
    place: str = ""
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    title_only: bool = False
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    model: str = "archive.article"
    facets: tuple = FACETS
    facet_limit: int = 50  # values per facet, most frequent first
    names: NameIndex | None = None

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @property
    def limit(self):
        return self.page_size


@dataclass
class Hit:
    article: Article
    snippet: str
    title_html: str
    people: list
    romanized: dict = field(default_factory=dict)  # name of each person -> in Latin letters, or ""

    @property
    def named(self):
        """(name, name in Latin letters) of the people it names."""
        return [(name, self.romanized.get(name, "")) for name in self.people]


@dataclass
class SearchPage:
    spec: SearchSpec
    hits: list
    total: int
    facets: dict
    people_cards: list = field(default_factory=list)
    events: list = field(default_factory=list)
    suggestion: str | None = None  # the query with a misspelled name corrected (search.suggestions)

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.spec.page_size))


class SearchUnavailable(Exception):
    """The search engine did not answer (a search server down or unreachable)."""


def backend():
    return connections["default"].get_backend()


def run(spec):
    """The backend's answer to ``spec``: ((model label, pk) of the page's hits, total, facets)."""
    engine = backend()
    try:
        return engine.portal_search(spec)
    except engine.unavailable_errors as error:
        raise SearchUnavailable(str(error)) from error


def search_articles(spec):
    """The page of articles that ``spec`` asks for, with snippets and facet counts."""
    spec.names = spec.names or names.current()
    found, total, facets = run(spec)
    highlighter = Highlighter(spec.query, spec.names)
    hits = [
        Hit(
            article=article,
            snippet=highlighter.snippet(article.body.replace("\n", " ")),
            title_html=highlighter.whole(article.title),
            people=people,
            romanized=romanized,
        )
        for article, people, romanized in articles_of(found)
    ]
    return SearchPage(spec=spec, hits=hits, total=total, facets=facets)


def articles_of(found):
    """(article, names of the people it mentions, {name: name in Latin letters}) for each
    (model label, pk) found, in order."""
    ids = [pk for _, pk in found]
    articles = Article.objects.select_related("source").in_bulk(ids)
    people, romanized = {}, {}
    for article_id, name, latin in (
        Mention.objects.filter(article_id__in=ids)
        .order_by("first_offset")
        .values_list("article_id", "person__name", "person__romanized")
    ):
        people.setdefault(article_id, []).append(name)
        romanized[name] = romanized.get(name) or latin
    # an article deleted since it was indexed is left out; the queue removes it
    return [
        (articles[pk], people.get(pk, []), {name: romanized[name] for name in people.get(pk, [])})
        for pk in ids if pk in articles
    ]


def find_all(spec, limit):
    """(model label, pk) of every match of ``spec``, at most ``limit`` of them, and the total."""
    spec.names = spec.names or names.current()
    spec.page, spec.page_size, spec.facets = 1, limit, ()
    found, total, _ = run(spec)
    return found, total


def add_cards(page):
    """The officials the query names and the events it finds, shown above the articles."""
    if not page.spec.query.is_empty:
        page.people_cards = named_people(page.spec)
        page.events = matching_events(page.spec)
    return page


def named_people(spec):
    """The officials the whole query names (by name or alias, either script, or in Latin letters)."""
    positive = [clause for clause in spec.query.clauses if not clause.negated]
    if len(positive) != 1:
        return []
    names = {name for unit in positive[0].alternatives for name in spec.names.named(unit.text)}
    people = list(Person.objects.filter(name__in=names).prefetch_related("positions__organization", "aliases"))
    for person in people:
        person.current_post = officials.current_post(person)
    return people


def matching_events(spec, limit=5):
    """The events the query finds, under every filter of the search (people taking part, the
    sources reporting them, their place and kind, their date, the title only)."""
    event_spec = replace(spec, model="archive.event", sort="relevance", page=1, page_size=limit, facets=())
    found, _, _ = run(event_spec)
    events = Event.objects.select_related("place").in_bulk([pk for _, pk in found])
    return [events[pk] for _, pk in found if pk in events]


def total_without(spec, **changes):
    """How many articles ``spec`` would find with ``changes`` to its filters (one of them dropped)."""
    return run(replace(spec, page=1, page_size=1, facets=(), **changes))[1]


def warm_up():
    """Load jieba, the archive's names (and how they sound) and the index's facet table before
    the first search.

    Whatever fails here, the worker starts: it serves the pages that do not search, and
    searches answer 503 until the index is back."""
    try:
        index = names.current()
        run(SearchSpec(names=index, page_size=1))
        index.sounds  # made on first use: half a second for the 1998 corpus's names
    except Exception as error:  # a damaged index fails in many ways
        log.warning("search not warmed up at start-up: %s: %s", type(error).__name__, error)


def published_date(article):
    return timezone.localtime(article.published).date()
