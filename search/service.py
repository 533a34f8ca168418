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

from archive import former_names, generation, names, officials
from archive.models import Article, Event, Person, Place, Source
from archive.page_rows import articles_with, columns_of, people_named
from chinese.names import NameIndex

from . import indexing
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
    # (field, ids) for each of the filters that name records (people, source, place): found by
    # the names given, current or former (resolve_filters)
    filter_ids: tuple = ()

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @property
    def limit(self):
        return self.page_size


@dataclass
class Hit:
    article: Article
    source: str  # the name of the article's source
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


def resolve_filters(spec):
    """(field, ids) for the filters' names: the records called so now, else those that were
    (a bookmark from before a rename still finds them)."""
    pairs = [("people", former_names.ids_called(Person, name)) for name in spec.people]
    for model, facet, name in ((Source, "source", spec.source), (Place, "within", spec.place)):
        if name:
            pairs.append((facet, former_names.ids_called(model, name)))
    return tuple(pairs)


# The facets whose values are ids, and the records they stand for.
FACET_RECORDS = {"source": Source, "people": Person, "places": Place}


class RecordNames:
    """The names of records by id in one content generation (archive.generation), each asked
    of the database once: a rename or a deletion moves the generation on, and with it to a
    new RecordNames."""

    _latest = None

    def __init__(self, number):
        self.generation, self._names = number, {}

    @classmethod
    def current(cls):
        now = generation.current()
        latest = cls._latest
        if latest is None or latest.generation != now:
            latest = cls._latest = cls(now)
        return latest

    def of(self, model, ids):
        """{id: name} of those of ``ids`` that still stand."""
        return {pk: row[0] for pk, row in self._rows(model, ids).items()}

    def people(self, ids):
        """{id: (name, name in Latin letters or "")} of those people of ``ids`` who still stand."""
        return self._rows(Person, ids)

    def _rows(self, model, ids):
        known = self._names.setdefault(model, {})
        missing = [pk for pk in ids if pk not in known]
        if missing:
            columns = ("name", "romanized") if model is Person else ("name",)
            found = {pk: tuple(row) for pk, *row in columns_of(model, missing, columns)}
            known.update({pk: found.get(pk) for pk in missing})  # None: deleted since it was indexed
        return {pk: known[pk] for pk in ids if known[pk] is not None}


def named_facets(facets, record_names):
    """The facet counts with ids read as the records' current names (two people of one name count as one value)."""
    named = dict(facets)
    for facet, model in FACET_RECORDS.items():
        counts = facets.get(facet)
        if not counts:
            continue
        names_by_id = record_names.of(model, [int(v) for v, _ in counts])
        totals = {}
        for value, count in counts:
            name = names_by_id.get(int(value))
            if name is not None:  # a record deleted since; the queue removes it
                totals[name] = totals.get(name, 0) + count
        named[facet] = sorted(totals.items(), key=lambda vc: (-vc[1], vc[0]))
    return named


def prepare(spec):
    """Fill in what the spec's names stand for: the archive's name index, the filters' records."""
    spec.names = spec.names or names.current()
    spec.filter_ids = resolve_filters(spec)


# What a page of results shows of each article (templates/search, search.serializers): its
# body is read for the snippet, its source shown by the source's current name.
HIT_FIELDS = ("title", "body", "published", "external_id", "script", "source")


def search_articles(spec):
    """The page of articles that ``spec`` asks for, with snippets and facet counts."""
    prepare(spec)
    found, total, facets = run(spec)
    record_names = RecordNames.current()
    facets = named_facets(facets, record_names)
    highlighter = Highlighter(spec.query, spec.names)
    shown = articles_of(found, HIT_FIELDS, record_names)
    sources = record_names.of(Source, {article.source_id for article, _, _ in shown})
    hits = [
        Hit(
            article=article,
            source=sources.get(article.source_id, ""),
            snippet=highlighter.snippet(article.body.replace("\n", " ")),
            title_html=highlighter.whole(article.title),
            people=people,
            romanized=romanized,
        )
        for article, people, romanized in shown
    ]
    return SearchPage(spec=spec, hits=hits, total=total, facets=facets)


def articles_of(found, fields=(), record_names=None):
    """(article, names of the people it mentions, {name: name in Latin letters}) for each
    (model label, pk) found, in order; only ``fields`` of each article when given (another
    field read later costs a query per article), else every field and the source. The people
    are named from ``record_names`` (a RecordNames), by default the current generation's."""
    ids = [pk for _, pk in found]
    if fields:  # (a page of results, on every search: in SQL)
        articles = {article.pk: article for article in articles_with(ids, fields)}
    else:
        articles = Article.objects.select_related("source").order_by().in_bulk(ids)  # (in_bulk sorts what is ordered)
    mentions = people_named(ids)
    named = (record_names or RecordNames.current()).people({person_id for _, person_id in mentions})
    people, romanized = {}, {}
    for article_id, person_id in mentions:
        if person_id in named:  # (a person deleted in between: the mention went with them)
            name, latin = named[person_id]
            people.setdefault(article_id, []).append(name)
            romanized[name] = romanized.get(name) or latin
    # an article deleted since it was indexed is left out; the queue removes it
    return [
        (articles[pk], people.get(pk, []), {name: romanized[name] for name in people.get(pk, [])})
        for pk in ids if pk in articles
    ]


def find_all(spec, limit):
    """(model label, pk) of every match of ``spec``, at most ``limit`` of them, and the total."""
    prepare(spec)
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
    ids = {pk for unit in positive[0].alternatives for pk in spec.names.named(unit.text)}
    people = list(Person.objects.filter(pk__in=ids).prefetch_related("positions__organization", "aliases"))
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
    changed = replace(spec, page=1, page_size=1, facets=(), **changes)
    prepare(changed)
    return run(changed)[1]


def warm_up():
    """Load jieba, the archive's names (how they sound and are spelled), the index's facet table
    and what the engine reads first before the first search, and write what the index queue
    still holds (a worker stopped in the middle of a drain left it).

    Whatever fails here, the worker starts: it serves the pages that do not search, and
    searches answer 503 until the index is back."""
    try:
        index = names.current()
        run(SearchSpec(names=index, page_size=1))
        backend().warm_up()
        index.sounds  # made on first use: half a second for the 1998 corpus's names
        index.latin_spellings  # (and 15 ms), both for the search that finds nothing
    except Exception as error:  # a damaged index fails in many ways
        log.warning("search not warmed up at start-up: %s: %s", type(error).__name__, error)
    indexing.drainer.wake()


def published_date(article):
    return timezone.localtime(article.published).date()
