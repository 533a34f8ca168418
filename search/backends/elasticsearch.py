"""haystack's Elasticsearch 7 backend, made to read Chinese exactly as the Whoosh backend does.

Elasticsearch has neither jieba with the archive's names nor OpenCC, so the portal analyses
text itself (chinese.tokens) and sends each Chinese field as its tokens: the tokens at one
position joined by ``|``, a position that a stop word left empty as ``_``. The index's
analyzer reads them back at the same positions (whitespace; pattern_capture splits a ``|``
group in place; a stop filter drops ``_`` and keeps the gap), so words, sub-words, phrases
and bigram substrings match as they do in Whoosh, and one dictionary serves both.

Facets are terms aggregations over keyword fields; the page of hits, the total and the
counts come back in the shape search.service expects, so pages and JSON do not change.

Select it with ``SEARCH_URL=http://host:9200/index-name`` (see portal/settings.py).
"""
from contextlib import contextmanager

import elasticsearch
import haystack
from elasticsearch.helpers import bulk
from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchEngine,
)
from haystack.constants import DJANGO_CT, DJANGO_ID, ID

from chinese.tokens import bigram_tokens, word_tokens

from .documents import build
from .query_compiler import BM25_B, BM25_K1, DATE_FIELDS, QueryCompiler, date_bounds, filter_terms

SAME_POSITION = "|"
GAP = "_"
TOKEN_ANALYZER = "portal_tokens"
NAMES_ANALYZER = "portal_names"  # one name a line (search.fields.NamesField)
# BM25 as search.backends.query_compiler sets it; how often a text names someone counted as it is
TEXT_SIMILARITY, COUNT_SIMILARITY = "portal_text", "portal_count"
# Elasticsearch's index.max_result_window: a page beyond it is empty (the total still counts).
MAX_RESULT_WINDOW = 10_000
STREAMS = {"chinese_words": word_tokens, "chinese_bigrams": bigram_tokens}
KEYWORD = {"type": "keyword"}


def token_text(tokens):
    """A token stream (text, position, …) as the text that TOKEN_ANALYZER reads back into it."""
    slots = []
    for text, pos, *_ in tokens:
        slots.extend([] for _ in range(pos + 1 - len(slots)))
        slots[pos].append(text)
    return " ".join(SAME_POSITION.join(slot) if slot else GAP for slot in slots)


class ChineseElasticsearchSearchBackend(Elasticsearch7SearchBackend):
    DEFAULT_SETTINGS = {
        "settings": {
            # one shard keeps relevance and facet counts exact; an archive of millions fits in it
            "number_of_shards": 1,
            "similarity": {
                TEXT_SIMILARITY: {"type": "BM25", "b": BM25_B, "k1": BM25_K1},
                COUNT_SIMILARITY: {"type": "BM25", "b": 0.0, "k1": BM25_K1},
            },
            "analysis": {
                "analyzer": {
                    TOKEN_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "whitespace",
                        "filter": ["portal_same_position", "portal_gaps"],
                    },
                    NAMES_ANALYZER: {"type": "pattern", "pattern": "\n", "lowercase": False},
                },
                "filter": {
                    "portal_same_position": {
                        "type": "pattern_capture",
                        "preserve_original": False,
                        "patterns": [f"([^{SAME_POSITION}]+)"],
                    },
                    "portal_gaps": {"type": "stop", "stopwords": [GAP]},
                },
            },
        },
    }
    # a write that fails with these leaves its updates queued (search.indexing)
    unavailable_errors = (elasticsearch.TransportError,)

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.include_spelling = False
        # haystack would log a failed setup and go on without the index's analysis and mapping
        self.silently_fail = False
        self.boosts = {}

    # -- schema -------------------------------------------------------------------------

    def setup(self):
        """haystack's setup, which adds the fields defined since to the index's mapping; the
        documents already written lack them until they are written again."""
        try:
            held = self.conn.indices.get_mapping(index=self.index_name)
            written = set(next(iter(held.values()))["mappings"].get("properties", {}))
        except elasticsearch.NotFoundError:
            written = None
        super().setup()
        unified_index = haystack.connections[self.connection_alias].get_unified_index()
        _, mapping = self.build_schema(unified_index.all_searchfields())
        self.missing_fields = set() if written is None else set(mapping) - written

    def schema_is_current(self):
        """Whether the documents were written with every field the search indexes define."""
        if not self.setup_complete:
            self.setup()
        return not self.missing_fields

    def build_schema(self, fields):
        mapping = {ID: KEYWORD, DJANGO_CT: KEYWORD, DJANGO_ID: KEYWORD}
        content_field_name = ""
        for field in fields.values():
            name = field.index_fieldname
            if field.field_type in STREAMS:
                # queries send the portal's own tokens, split on spaces only
                mapping[name] = {"type": "text", "analyzer": TOKEN_ANALYZER, "search_analyzer": "whitespace",
                                 "similarity": TEXT_SIMILARITY}
            elif field.field_type == "names":
                mapping[name] = {"type": "text", "analyzer": NAMES_ANALYZER, "search_analyzer": "keyword",
                                 "similarity": COUNT_SIMILARITY}
            elif field.field_type in ("date", "datetime"):
                mapping[name] = {"type": "date"}
            elif field.field_type in ("integer", "float"):
                mapping[name] = {"type": "long" if field.field_type == "integer" else "double"}
            else:
                mapping[name] = KEYWORD
            if field.boost != 1.0:
                self.boosts[name] = field.boost
            if field.document:
                content_field_name = name
        return content_field_name, mapping

    # -- writing ------------------------------------------------------------------------

    def _document(self, index, obj):
        doc = index.full_prepare(obj)
        doc.pop("boost", None)
        for field in index.fields.values():
            stream = STREAMS.get(field.field_type)
            if stream and doc.get(field.index_fieldname):
                doc[field.index_fieldname] = token_text(stream(doc[field.index_fieldname]))
        return {key: self._from_python(value) for key, value in doc.items() if value is not None}

    def update(self, index, iterable, commit=True):
        self.apply([(index, obj) for obj in iterable], [])

    @contextmanager
    def writing(self, size=0):
        """A batch whose writes are sent at once. Elasticsearch has no writer lock to take first:
        two processes draining the queue at the same moment may each write what they read."""
        yield self

    def apply(self, updates, removals):
        return self.write(updates, removals)

    def write(self, updates, removals):
        """Write documents and delete identifiers in one bulk request, searchable on return;
        returns {identifier: error} for the records that could not be written."""
        if not self.setup_complete:
            self.setup()
        docs, removals, failed = build(updates, removals, self._document)
        actions = [{"_op_type": "index", "_id": doc[ID], "_source": doc} for doc in docs]
        actions += [{"_op_type": "delete", "_id": identifier} for identifier in removals]
        _, errors = bulk(self.conn, actions, index=self.index_name, ignore_status=(404,), raise_on_error=False)
        for error in errors:
            (action,) = error.values()
            failed[action["_id"]] = str(action.get("error", action))[:1000]
        self.conn.indices.refresh(index=self.index_name)
        return failed

    # -- searching ----------------------------------------------------------------------

    def check(self):
        """Raise unless the server answers and holds the index (/healthz)."""
        self.conn.count(index=self.index_name)

    def warm_up(self):
        """Nothing to read before the first search: the server holds it all."""

    def document_count(self):
        try:
            return self.conn.count(index=self.index_name)["count"]
        except elasticsearch.NotFoundError:  # no index yet: nothing is indexed
            return 0

    def portal_search(self, spec):
        """Run a search.service.SearchSpec: ((model label, pk) of the page's hits, total, facets)."""
        if not self.setup_complete:
            self.setup()
        fits = spec.offset + spec.limit <= MAX_RESULT_WINDOW
        request = {
            "query": {
                "bool": {
                    "must": [ElasticsearchQueryCompiler(self.boosts).build(spec.query, spec.names, spec.title_only)],
                    "filter": self._filters(spec),
                }
            },
            "from_": spec.offset if fits else 0,
            "size": spec.limit if fits else 0,
            "track_total_hits": True,
            "_source": [DJANGO_CT, DJANGO_ID],
            "sort": {"newest": [{"published": "desc"}], "oldest": [{"published": "asc"}]}.get(spec.sort, ["_score"]),
        }
        if spec.facets:
            request["aggs"] = {
                field: {"terms": {"field": field, "size": spec.facet_limit, "order": [{"_count": "desc"}, {"_key": "asc"}]}}
                for field in spec.facets
            }
        found = self.conn.search(index=self.index_name, **request)
        hits = [(hit["_source"][DJANGO_CT], int(hit["_source"][DJANGO_ID])) for hit in found["hits"]["hits"]]
        facets = {
            field: [(bucket["key"], bucket["doc_count"]) for bucket in found["aggregations"][field]["buckets"]]
            for field in spec.facets
        }
        return hits, found["hits"]["total"]["value"], facets

    def _filters(self, spec):
        filters = [{"term": {DJANGO_CT: spec.model}}]
        filters += [{"terms": {field: values}} for field, values in filter_terms(spec)]
        bounds = date_bounds(spec)
        if bounds:
            start, end = bounds
            limits = {"gte": start and start.isoformat(), "lte": end and end.isoformat()}
            filters.append({"range": {DATE_FIELDS[spec.model]: {k: v for k, v in limits.items() if v}}})
        return filters


class ElasticsearchQueryCompiler(QueryCompiler):
    def __init__(self, boosts):
        self.boosts = boosts

    def combine(self, must, must_not):
        return {"bool": {"must": must or [{"match_all": {}}], "must_not": must_not}}

    def any_of(self, queries):
        return queries[0] if len(queries) == 1 else {"bool": {"should": queries, "minimum_should_match": 1}}

    def all_of(self, queries):
        return queries[0] if len(queries) == 1 else {"bool": {"must": queries}}

    def but_not(self, query, excluded):
        return {"bool": {"must": [query], "must_not": excluded}}

    def scored_by(self, query, optional):
        return {"bool": {"must": [query], "should": [optional]}}

    def unscored(self, query):
        return {"bool": {"filter": [query]}}

    def one_of(self, field, values):
        return {"terms": {field: [str(value) for value in values]}}

    def term(self, field, text):
        return {"term": {field: {"value": text, "boost": self.boosts.get(field, 1.0)}}}

    def prefix(self, field, text):
        return {"prefix": {field: {"value": text}}}

    def phrase(self, field, terms):
        return {"match_phrase": {field: {"query": " ".join(terms), "boost": self.boosts.get(field, 1.0)}}}

    def positions(self, field, alternatives, tail):
        clauses = [{"span_or": {"clauses": [{"span_term": {field: term}} for term in terms]}} for terms in alternatives]
        if tail:
            clauses.append({"span_multi": {"match": {"prefix": {field: {"value": tail}}}}})
        return {"span_near": {"clauses": clauses, "slop": 0, "in_order": True, "boost": self.boosts.get(field, 1.0)}}

    def nothing(self):
        return {"match_none": {}}


class ChineseElasticsearchEngine(Elasticsearch7SearchEngine):
    backend = ChineseElasticsearchSearchBackend
