"""haystack's Whoosh backend, made to read Chinese and to run the portal's searches.

* Text fields are analysed by the text layer's streams (chinese.tokens: words and bigrams),
  through the tokenizers below; facet fields keep their values whole (ID for one value,
  comma-separated KEYWORD for several).
* Writes wait for Whoosh's lock instead of failing on it, and hold it while the caller reads
  what to write (see search.indexing for the queue).
* ``portal_search`` runs a search.service.SearchSpec: the query tree, filters, sort, one
  page and the facet counts, in one pass over one searcher, within the search's cost budget
  (search.budget). haystack's own spelling suggestion is never run: word by word over
  Chinese it takes seconds.
* The index is only opened, never made in passing: a missing or damaged index is
  IndexUnavailable (search answers 503, /healthz names it) until a rebuild
  (``manage.py bootstrap``) makes a new one. Files are read (whoosh_files), not
  memory-mapped: a segment cut short under a running worker is an error to report, not a
  SIGBUS that kills it.
"""
import bisect
import gc
import heapq
import os
import pickle
import shutil
import threading
import time
from collections import Counter
from contextlib import contextmanager
from itertools import chain, groupby
from operator import itemgetter, neg

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.utils import get_identifier, get_model_ct
from whoosh import matching, scoring
from whoosh import query as wq
from whoosh.analysis import RegexTokenizer, Token, Tokenizer
from whoosh.collectors import Collector
from whoosh.fields import DATETIME, ID as WHOOSH_ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.index import TOC, EmptyIndexError, LockError

from chinese.tokens import bigram_tokens, word_tokens

from .. import budget
from ..search_indexes import FACETS
from .documents import build, describe
from .query_compiler import BM25_B, BM25_K1, DATE_FIELDS, QueryCompiler, date_bounds, filter_terms
from .whoosh_codec import PortalCodec
from .whoosh_files import IndexStorage
from .whoosh_phrases import Consecutive
from .whoosh_pool import CompactMpWriter, CompactSegmentWriter
from .whoosh_scoring import BM25F, field_lengths

# How long a save waits for another process's writer before it gives up (the queue keeps it).
WRITE_LOCK_TIMEOUT = 30.0
# With WRITER_PROCESSES (INDEX_WRITER_PROCESSES in the environment), batches at least this large
# are analysed and written by that many other processes.
PARALLEL_WRITE_MIN_DOCS = 400
# The postings a writer holds in memory before it writes them to runs on disk, in MiB: a
# batch of the import's 4,000 articles fits (the 1998 corpus's 3,148: about 100 MiB).
WRITER_LIMIT_MB = 256
# Segments the index may hold before the small ones are merged, in a commit of its own.
MERGE_SEGMENTS = 8
# The keys of a document's (model label, pk), and of the documents in the order of a field, in
# a DocumentTable's segment tables, beside the facets' fields.
IDENTITY, ORDER = "identity", "order"
# BM25 as search.backends.query_compiler sets it; how often a text names someone, counted as it is
WEIGHTING = BM25F(B=BM25_B, K1=BM25_K1, names_B=0.0)


class _StreamTokenizer(Tokenizer):
    """A Whoosh tokenizer over one of the text layer's token streams."""

    stream = None

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, start, end in type(self).stream(value, index=(mode != "query")):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class WordTokenizer(_StreamTokenizer):
    stream = staticmethod(word_tokens)


class BigramTokenizer(_StreamTokenizer):
    stream = staticmethod(bigram_tokens)


def _holds_an_index(path):
    """Whether ``path`` holds an index's table of contents (Whoosh's exists_in would open it)."""
    return os.path.isdir(path) and any(n.startswith("_MAIN_") and n.endswith(".toc") for n in os.listdir(path))


class IndexUnavailable(Exception):
    """The index cannot be read: its directory is missing or its files are damaged."""


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    # a search that fails with these answers 503; a write leaves its updates queued (search.indexing)
    unavailable_errors = (LockError, IndexUnavailable)

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self._local = threading.local()
        # 0: the index is written by the process that writes (an import of the 1998 corpus: 20 s,
        # 360 MiB); 2: by two processes forked for the write (15 s, 480 MiB in all)
        self.writer_processes = int(connection_options.get("WRITER_PROCESSES", 0))
        self.include_spelling = False
        self.boosts = {}

    # -- opening ------------------------------------------------------------------------

    def setup(self):
        """Open the index that is there; a missing or unreadable one is IndexUnavailable."""
        if not _holds_an_index(self.path):
            raise IndexUnavailable(f"no search index at {self.path}")
        self._open(IndexStorage(self.path))

    def _schema(self):
        from haystack import connections

        return self.build_schema(connections[self.connection_alias].get_unified_index().all_searchfields())

    def _open(self, storage, create=False):
        self.content_field_name, self.schema = self._schema()
        self.storage = storage
        try:
            self.index = storage.create_index(self.schema) if create else storage.open_index(schema=self.schema)
        except Exception as error:  # an overwritten table of contents fails in many ways
            raise IndexUnavailable(self.problem() or f"the search index at {self.path} cannot be opened: {error}") from error
        self._local = threading.local()
        self.setup_complete = True

    def delete_index(self):
        """Remove the index, whatever state it is in, and make an empty one (a rebuild fills it)."""
        shutil.rmtree(self.path, ignore_errors=True)
        os.makedirs(self.path, exist_ok=True)
        self._open(IndexStorage(self.path), create=True)

    def problem(self):
        """What is wrong with the index on disk, or None: it must open and so must each segment."""
        try:
            if not _holds_an_index(self.path):
                return f"no search index at {self.path}"
            storage = IndexStorage(self.path)
            # the portal's schema, as when searching (the stored one names the analyzers' modules)
            with storage.open_index(schema=self._schema()[1]).reader() as reader:
                reader.doc_count_all()
        except Exception as error:  # a truncated segment is an EOFError, an overwritten one anything
            return f"the search index at {self.path} is damaged ({type(error).__name__}: {error})"
        return None

    def check(self):
        """Raise IndexUnavailable unless the index on disk can be read (/healthz)."""
        problem = self.problem()
        if problem:
            raise IndexUnavailable(problem)

    @contextmanager
    def _damage_reported(self):
        """Turn an error that comes from damaged index files into IndexUnavailable; any other
        error is raised as it is. Either way the next use opens the index afresh."""
        try:
            yield
        except (IndexUnavailable, LockError, budget.QueryTooBroad):
            raise
        except Exception as error:
            self.setup_complete = False
            problem = self.problem()
            if problem is None:
                raise
            raise IndexUnavailable(problem) from error

    # -- schema -------------------------------------------------------------------------

    def build_schema(self, fields):
        schema_fields = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
        }
        content_field_name = ""
        self.boosts = {}
        for field in fields.values():
            name = field.index_fieldname
            if field.boost != 1.0:
                # a factor on the field's score, as Elasticsearch applies it; Whoosh's field_boost
                # would multiply the term counts, which BM25 saturates
                self.boosts[name] = field.boost
            if field.field_type == "chinese_words":
                schema_fields[name] = TEXT(analyzer=WordTokenizer(), phrase=True)
            elif field.field_type == "chinese_bigrams":
                schema_fields[name] = TEXT(analyzer=BigramTokenizer(), phrase=True)
            elif field.field_type == "names":  # one name a line, counted
                schema_fields[name] = TEXT(analyzer=RegexTokenizer(r"[^\n]+"), phrase=False)
            elif field.is_multivalued:
                schema_fields[name] = KEYWORD(stored=True, commas=True, lowercase=False)
            elif field.field_type in ("date", "datetime"):
                schema_fields[name] = DATETIME(stored=True, sortable=True)
            elif field.field_type in ("integer", "float"):
                numtype = int if field.field_type == "integer" else float
                schema_fields[name] = NUMERIC(stored=True, numtype=numtype, sortable=True)
            else:
                schema_fields[name] = WHOOSH_ID(stored=True, sortable=True)
            if field.document:
                content_field_name = name
        return content_field_name, Schema(**schema_fields)

    # -- writing ------------------------------------------------------------------------

    def _writer(self, procs=0, **options):
        """A writer in this process, or one that hands the documents to ``procs`` other processes."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        options.update(timeout=WRITE_LOCK_TIMEOUT, delay=0.05, codec=PortalCodec())
        return CompactMpWriter(self.index, procs=procs, **options) if procs else CompactSegmentWriter(self.index, **options)

    def _document(self, index, obj):
        doc = index.full_prepare(obj)
        doc.pop("boost", None)
        return {key: self._from_python(value) for key, value in doc.items() if value is not None}

    def update(self, index, iterable, commit=True):
        self.apply([(index, obj) for obj in iterable], [])

    def remove(self, obj_or_string, commit=True):
        with self._writer() as writer:
            writer.delete_by_term(ID, get_identifier(obj_or_string))

    def clear(self, models=None, commit=True):
        if models is None:
            self.delete_index()
            return
        with self._writer() as writer:
            for model in models:
                writer.delete_by_term(DJANGO_CT, get_model_ct(model))

    def apply(self, updates, removals):
        """Write documents and delete identifiers in one commit; returns {identifier: error} for
        the records whose documents could not be written."""
        with self.writing(len(updates)) as batch:
            return batch.write(updates, removals)

    @contextmanager
    def writing(self, size=0):
        """Whoosh's writer lock, held while the caller reads what to write and writes it (a
        WhooshBatch), committed at the end: taken first, so that the documents are built from
        what the database holds once no other writer can come between, and an older document
        never overwrites a newer one. Waits WRITE_LOCK_TIMEOUT for another writer, then raises
        LockError.

        With ``writer_processes``, a batch of ``size`` records or more is written by that many
        other processes: only from the main thread, since forking a process while other threads
        run can deadlock the child, and only when they can open the index
        (_schema_loads_as_stored)."""
        with self._damage_reported():
            if not self.setup_complete:
                self.setup()
            parallel = bool(
                self.writer_processes
                and size >= PARALLEL_WRITE_MIN_DOCS
                and threading.current_thread() is threading.main_thread()
                and self._schema_loads_as_stored()
            )
            # in parallel, each process writes a segment of its own: merging them would cost more
            # than writing them (Whoosh merges small segments as later commits come)
            options = {"procs": self.writer_processes, "multisegment": True} if parallel else {}
            writer = self._writer(limitmb=WRITER_LIMIT_MB, **options)
        batch = WhooshBatch(self, writer, forks=parallel)
        try:
            yield batch
        except BaseException:
            writer.cancel()
            raise
        finally:
            if parallel:
                gc.unfreeze()
        if not batch.written:
            writer.cancel()
            return
        # Searchable at once: Whoosh would first merge small segments (MERGE_SMALL), which can
        # take seconds; they are merged afterwards, when there are many.
        with self._damage_reported():
            writer.commit(merge=False)
        self._merge_small_segments()

    def _schema_loads_as_stored(self):
        """Whether the schema pickled in the index loads as it is, as a parallel writer's other
        processes load it. An index written by an older version names the modules its analyzers
        lived in then: those processes would die on it and leave the writer waiting for ever.
        Any commit from this process stores the current schema."""
        try:
            TOC.read(self.storage, self.index.indexname)
        except Exception:  # noqa: BLE001 - whatever fails to load, write in this process
            return False
        return True

    def _merge_small_segments(self):
        with self._damage_reported():
            self.index = self.index.refresh()
            if len(self.index._segments()) <= MERGE_SEGMENTS:
                return
            try:
                CompactSegmentWriter(self.index, codec=PortalCodec()).commit()  # nothing added: Whoosh's merge policy alone
            except LockError:  # another writer holds the index (not waited for): the next write merges
                pass

    # -- searching ----------------------------------------------------------------------

    def searcher(self):
        """This thread's searcher, refreshed when the index has changed since."""
        if not self.setup_complete:
            self.setup()
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self.index.searcher(weighting=WEIGHTING)
        else:
            searcher = searcher.refresh()
        self._local.searcher = searcher
        return searcher

    def warm_up(self):
        """Read what searches would read first: each segment's field lengths, for scoring
        (about 25 ms for the 1998 corpus, otherwise paid by the first searches of a worker).
        For this thread's searcher: a sync gunicorn worker's one thread."""
        for leaf, _ in self.searcher().leaf_searchers():
            for name, field in self.schema.items():
                if field.scorable:
                    field_lengths(leaf.reader(), name)

    def document_count(self):
        return self.searcher().doc_count()

    def schema_is_current(self):
        """Whether the index was written with every field the search indexes define (a field
        added since is missing from the documents until they are written again)."""
        if not self.setup_complete:
            self.setup()
        try:
            written = self.storage.open_index().schema  # the schema of the last commit, not ours
        except (EmptyIndexError, ImportError, AttributeError, pickle.UnpicklingError):
            return False  # none yet, or written by code whose analyzers are gone: rebuild it
        return set(self.schema.names()) <= set(written.names())

    def portal_search(self, spec):
        """Run a search.service.SearchSpec: ((model label, pk) of the page's hits, total, facets).

        Raises budget.QueryTooBroad when the query would cost more than the search's budget."""
        with self._damage_reported():
            return self._portal_search(spec)

    def _portal_search(self, spec):
        searcher = self.searcher()
        query = self._compiled(searcher, spec)
        allowed = self._allowed_docs(searcher, spec)
        if not allowed:  # Whoosh reads an empty filter as no filter at all
            return [], 0, {field: [] for field in spec.facets}
        sortedby, reverse = {"newest": ("published", True), "oldest": ("published", False)}.get(
            spec.sort, (None, False)
        )
        table = self._document_table(searcher)
        if isinstance(query, wq.Every) and sortedby:  # what the filters allow, by date
            matched = [docnum for docnum in table.in_order(sortedby)[1] if docnum in allowed]
            page = (matched[::-1] if reverse else matched)[spec.offset : spec.offset + spec.limit]
        else:
            # Every match is collected in one pass (no top-N skipping): the total and the facets
            # need them all, and a second pass to count them costs more than it saves.
            collector = ScoredMatches(allowed)
            searcher.search_with_collector(query, collector)
            matched = [docnum for _, docnum in collector.scored]
            if sortedby:
                by_date = sorted(matched, key=table.places_in_order(sortedby).__getitem__, reverse=reverse)
                page = by_date[spec.offset : spec.offset + spec.limit]
            else:
                later = table.places_in_order(DATE_FIELDS[spec.model])
                page = page_by_score(sorted(collector.scored), spec.offset, spec.limit, later)
        counts = table.count(matched, spec.facets, spec.facet_limit) if spec.facets else {}
        return table.identities(page), len(matched), counts

    def _compiled(self, searcher, spec):
        """The engine's query for ``spec``; the last one is kept, so that the events shown beside
        a page of articles reuse its expanded terms."""
        key = (searcher, spec.query, spec.names.version if spec.names else None, spec.title_only)
        last = getattr(self._local, "compiled", None)
        if last is None or last[0] != key:
            compiler = WhooshQueryCompiler(searcher.reader(), self.boosts)
            last = self._local.compiled = (key, compiler.build(spec.query, spec.names, spec.title_only))
        return last[1]

    def _dated(self, searcher, field, start, end):
        """The documents whose ``field`` lies from ``start`` to ``end`` (datetimes, either one
        None for no limit), as Whoosh's DateRange finds them: a document without a date never.
        A slice of the documents in date order, instead of a union of the range's terms; it may
        hold deleted documents, and the caller keeps those the filters allow."""
        keys, docnums = self._document_table(searcher).in_order(field)
        dates = self.schema[field]  # its default, the largest key, stands for "no date"
        first = bisect.bisect_left(keys, dates.to_column_value(start)) if start else 0
        last = bisect.bisect_right(keys, dates.to_column_value(end)) if end else bisect.bisect_left(keys, dates.default)
        return set(docnums[first:last])

    def _document_table(self, searcher):
        table = getattr(self._local, "document_table", None)
        if table is None or table.searcher is not searcher:
            table = DocumentTable(searcher, FACETS)
            self._local.document_table = table
        return table

    def _allowed_docs(self, searcher, spec):
        """The document numbers the filters allow: the model's documents (kept per searcher), narrowed."""
        cache = getattr(self._local, "model_docs", None)
        if cache is None or cache[0] is not searcher:
            cache = self._local.model_docs = (searcher, {})
        if spec.model not in cache[1]:
            cache[1][spec.model] = set(searcher.docs_for_query(wq.Term(DJANGO_CT, spec.model)))
        allowed = cache[1][spec.model]  # Whoosh only reads it
        filters = [WhooshQueryCompiler.one_of(field, values) for field, values in filter_terms(spec)]
        if filters:
            allowed = allowed.intersection(searcher.docs_for_query(wq.And(filters)))
        bounds = date_bounds(spec)
        if bounds and allowed:  # (an index of no documents has no dates to slice)
            allowed = allowed.intersection(self._dated(searcher, DATE_FIELDS[spec.model], *bounds))
        return allowed


class WhooshBatch:
    """Writes into a writer the caller holds (ChineseWhooshSearchBackend.writing)."""

    def __init__(self, backend, writer, forks=False):
        self.backend, self.writer, self.written = backend, writer, False
        self.forks = forks  # the writer forks its processes as the first documents are added

    def write(self, updates, removals):
        """Write the documents of ``updates`` ((index, record) pairs) and delete ``removals``
        (identifiers); returns {identifier: error} for the records that could not be written.

        Old versions are found with one searcher for the whole batch (``update_document``
        opens one per document)."""
        docs, removals, failed = build(updates, removals, self.backend._document)
        writer = self.writer
        with self.backend._damage_reported():
            reader = writer.reader()
            for identifier in set(removals) | {doc[ID] for doc in docs}:
                for docnum in reader.postings(ID, identifier).all_ids() if (ID, identifier) in reader else ():
                    writer.delete_document(docnum)
        forking = self.forks and len(writer.tasks) < writer.procs
        if forking:
            # The processes forked share this one's memory until they write to it, as Python's
            # collector would, going through every object to be collected: frozen, they are
            # skipped, and the writers copy 100 MiB less of it. A writer forks at every 100th
            # document until all have; frozen longer, the chunks written after would never be
            # collected.
            gc.freeze()
        for doc in docs:
            try:
                writer.add_document(**doc)
            except Exception as error:  # noqa: BLE001 - reported with the record; the rest go on
                failed[doc[ID]] = describe(error)
        if forking and len(writer.tasks) == writer.procs:
            gc.unfreeze()
        self.written = True
        return failed


class DocumentTable:
    """Each document's identity (model label, pk) and facet values, so that a page's hits are
    named and a search's facets counted without reading stored fields again; and, once asked
    for, the documents in the order of a sort field (the date), for browsing and date filters.

    Read from the stored fields, one table per segment: segments never change once written
    (a deleted document just never matches), so after an edit only the new segment is read.
    Whoosh's own facets read every matched document's values again on every search, and its
    hits unpickle each one's stored fields.
    """

    # segment id -> {field: [values per document], IDENTITY: [(label, pk) per document],
    #                (ORDER, field): [(sort key, identity, document number)] sorted, made when first asked for}
    _segments = {}
    _lock = threading.Lock()

    def __init__(self, searcher, fields):
        self.searcher = searcher
        self.fields = fields
        leaves = [(self._key(leaf.reader()), leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()]
        self.leaves = [(self._segment_table(key, reader), offset) for key, reader, offset in leaves]
        self.offsets = [offset for _, offset in self.leaves]
        self.readers = [reader for _, reader, _ in leaves]
        self._orders = {}
        with self._lock:  # forget segments merged away since (a searcher in use keeps its own tables)
            current = {key for key, _, _ in leaves}
            for key in set(self._segments) - current:
                del self._segments[key]

    @staticmethod
    def _key(reader):
        return reader.segment().segment_id() if hasattr(reader, "segment") else id(reader)

    @classmethod
    def _segment_table(cls, key, reader):
        with cls._lock:
            table = cls._segments.get(key)
        if table is None:
            table = {field: [()] * reader.doc_count_all() for field in FACETS}
            table[IDENTITY] = [None] * reader.doc_count_all()
            for docnum, stored in reader.iter_docs():
                table[IDENTITY][docnum] = (stored[DJANGO_CT], int(stored[DJANGO_ID]))
                for field in FACETS:
                    value = stored.get(field)
                    if value:
                        table[field][docnum] = tuple(v for v in str(value).split(",") if v)
            with cls._lock:
                cls._segments[key] = table
        return table

    def in_order(self, field):
        """(keys, document numbers) of every document in order of ``field`` (a document without
        it last), then of its identity, so that documents of the same date keep their order
        whatever the order they were written in; deleted ones too (the caller keeps those the
        filters allow). Each segment is sorted once, and the segments merged once per searcher:
        an empty query's page is read off it instead of sorting every document again, and a
        date filter is a slice of it."""
        if field not in self._orders:
            merged = list(heapq.merge(*(
                [(key, identity, offset + docnum) for key, identity, docnum in self._segment_order(table, reader, field)]
                for (table, offset), reader in zip(self.leaves, self.readers)
            )))
            self._orders[field] = ([key for key, _, _ in merged], [docnum for _, _, docnum in merged])
        return self._orders[field]

    def places_in_order(self, field):
        """{document number: its place in ``in_order(field)``}."""
        if ("places", field) not in self._orders:
            docnums = self.in_order(field)[1]
            self._orders["places", field] = dict(zip(docnums, range(len(docnums))))
        return self._orders["places", field]

    @staticmethod
    def _segment_order(table, reader, field):
        order = table.get((ORDER, field))
        if order is None:
            column, identities = reader.column_reader(field), table[IDENTITY]
            order = sorted(
                (column.sort_key(docnum), identities[docnum] or ("", 0), docnum)  # (a deleted document has none)
                for docnum in range(reader.doc_count_all())
            )
            table[(ORDER, field)] = order
        return order

    def identities(self, docnums):
        """(model label, pk) of each of these top-level document numbers."""
        found = []
        for docnum in docnums:
            table, offset = self.leaves[bisect.bisect_right(self.offsets, docnum) - 1]
            found.append(table[IDENTITY][docnum - offset])
        return found

    def count(self, docnums, fields, limit):
        """{field: [(value, count)]}, the ``limit`` most frequent first, for top-level document numbers."""
        counters = {field: Counter() for field in fields}
        docnums = sorted(docnums)
        ends = self.offsets[1:] + [float("inf")]
        start = 0
        for (table, offset), end in zip(self.leaves, ends):
            stop = bisect.bisect_left(docnums, end, start)
            local = [docnum - offset for docnum in docnums[start:stop]]
            for field in fields:  # Counter counts an iterable in C
                counters[field].update(chain.from_iterable(map(table[field].__getitem__, local)))
            start = stop
        return {field: _most_frequent(counter, limit) for field, counter in counters.items()}


def page_by_score(top, offset, limit, later):
    """The document numbers of ``top[offset:offset + limit]``, (score negated, document number)
    pairs best first, with documents of equal score in the order of ``later`` (their places in date
    order), the newest first. Whoosh orders them by document number, which is the order the
    index was written in: another import of the same archive, or an edit that writes a document
    again, would reorder them. Only the ties that reach into the page are sorted."""
    end = min(offset + limit, len(top))
    if offset >= end:
        return []
    start = offset
    while start and top[start - 1][0] == top[offset][0]:
        start -= 1
    while end < len(top) and top[end][0] == top[end - 1][0]:
        end += 1
    window = []
    for _, equal in groupby(top[start:end], key=itemgetter(0)):  # (sorted in C: all may be equal)
        window += sorted((docnum for _, docnum in equal), key=later.__getitem__, reverse=True)
    return window[offset - start : offset - start + limit]


def _most_frequent(counter, limit):
    """The ``limit`` most frequent (value, count) of ``counter``, ties by value: compared as
    (-count, value) pairs, which C compares, where a key function is a Python call per value."""
    return [(value, -count) for count, value in heapq.nsmallest(limit, zip(map(neg, counter.values()), counter))]


class ScoredMatches(Collector):
    """Every match among the ``allowed`` document numbers, as (its score negated, its document
    number) in ``scored``: sorted, best first and by document number among equals, as Whoosh's
    UnlimitedCollector ranks them. Whoosh's collectors take four calls a match (a filter
    around a scored collector); here the loop asks the matcher itself.

    Gives up (QueryTooBroad) when the search runs past budget.TIME_LIMIT. The clock is read
    between matches, which the budget keeps close together; Whoosh's own TimeLimitCollector
    would need SIGALRM, which only the main thread may use.

    Only ``scored`` is kept: not Whoosh's docset, count() or results(); and no weighting's
    final step (the portal's BM25F has none)."""

    # As Whoosh does, every this many matches a matcher becomes a simpler one where it can
    # (an Or whose other side is done is that side).
    SIMPLIFY_EVERY = 10

    def __init__(self, allowed):
        self.allowed = allowed

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self.deadline = time.monotonic() + budget.TIME_LIMIT
        self.scored = []

    def collect_matches(self):
        matcher, allowed, offset, deadline, scored = self.matcher, self.allowed, self.offset, self.deadline, self.scored
        countdown = 0
        while matcher.is_active():
            if not countdown:
                matcher, countdown = matcher.replace(0), self.SIMPLIFY_EVERY
                if not matcher.is_active():
                    break
            countdown -= 1
            if time.monotonic() > deadline:
                raise budget.too_slow()
            docnum = offset + matcher.id()
            if docnum in allowed:
                scored.append((-matcher.score(), docnum))
            matcher.next()


class AnyTerm(wq.Query):
    """Documents holding any of ``terms`` (a prefix's expansion), unscored: each segment's
    postings are read once into a list, where Whoosh would walk a tree of thousands of unions.
    With ``positions``, where they stand too, as one term's (a quoted phrase's last character)."""

    def __init__(self, fieldname, terms, positions=False):
        self.fieldname, self.terms, self.positions = fieldname, tuple(terms), positions
        self._docs = {}  # per segment reader

    def __eq__(self, other):
        return type(other) is AnyTerm and (other.fieldname, other.terms, other.positions) == (
            self.fieldname, self.terms, self.positions)

    def __hash__(self):
        return hash((self.fieldname, self.terms, self.positions))

    def __repr__(self):
        return f"AnyTerm({self.fieldname!r}, {len(self.terms)} terms)"

    def estimate_size(self, ixreader):
        return len(self.terms)

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        key = id(reader)
        if key not in self._docs:
            held = [term for term in self.terms if (self.fieldname, term) in reader]
            if self.positions:
                found = {}
                for term in held:
                    for docnum, positions in reader.postings(self.fieldname, term).items_as("positions"):
                        found.setdefault(docnum, []).extend(positions)
                self._docs[key] = {docnum: sorted(positions) for docnum, positions in sorted(found.items())}
            else:
                self._docs[key] = sorted({docnum for term in held for docnum in reader.postings(self.fieldname, term).all_ids()})
        docs = self._docs[key]
        if not docs:
            return matching.NullMatcher()
        return PositionsMatcher(list(docs), docs) if self.positions else matching.ListMatcher(docs)


class PositionsMatcher(matching.ListMatcher):
    """A list of documents with the positions of a term in each, for phrases (Consecutive)."""

    def __init__(self, docs, positions, **kwargs):
        super().__init__(docs, **kwargs)
        self._positions = positions

    def copy(self):
        return PositionsMatcher(self._ids, self._positions, position=self._i)

    def supports(self, astype):
        return astype == "positions"

    def value_as(self, astype):
        return self._positions[self.id()]


class Occurrences(wq.WrappingQuery):
    """A phrase scored as one term, by BM25 of how often it occurs, as Lucene scores a phrase;
    its rarity is its rarest term's. Whoosh would add up the scores of its terms, wherever each
    stands: 人民 of 中华人民共和国 would count in every article about the people."""

    def __init__(self, child, fieldname, terms, boost=1.0):
        super().__init__(child)
        self.fieldname, self.terms, self.boost = fieldname, tuple(terms), boost

    def __eq__(self, other):
        return type(other) is Occurrences and (other.child, other.boost) == (self.child, self.boost)

    def __hash__(self):
        return hash((self.child, self.boost))

    def _rewrap(self, child):
        return Occurrences(child, self.fieldname, self.terms, self.boost)

    def matcher(self, searcher, context=None):
        matcher = self.child.matcher(searcher, context)
        if not matcher.is_active():
            return matcher
        top = searcher.get_parent()  # rarity and average length are the whole index's
        idf = max(top.idf(self.fieldname, term) for term in self.terms)
        average = top.avg_field_length(self.fieldname) or 1
        lengths = field_lengths(searcher.reader(), self.fieldname)
        return OccurrencesMatcher(matcher, lengths, idf * self.boost, average)


class OccurrencesMatcher(matching.WrappingMatcher):
    def __init__(self, child, lengths, idf, average_length):
        super().__init__(child)
        self.lengths, self.idf, self.average_length = lengths, idf, average_length

    def _replacement(self, newchild):
        return OccurrencesMatcher(newchild, self.lengths, self.idf, self.average_length)

    def copy(self):
        return self._replacement(self.child.copy())

    def supports_block_quality(self):
        return False

    def score(self):
        length = self.lengths[self.child.id()]
        return scoring.bm25(self.idf, len(self.child.spans()), length, self.average_length, WEIGHTING.B, WEIGHTING.K1)


class WhooshQueryCompiler(QueryCompiler):
    """Builds Whoosh queries; a single character's expansion is charged to the query's budget."""

    def __init__(self, reader, boosts=None):
        self.reader = reader
        self.boosts = boosts or {}
        self.expandable = budget.MAX_EXPANDED_TERMS

    def combine(self, must, must_not):
        q = self.all_of(must) if must else wq.Every()
        return self.but_not(q, must_not) if must_not else q

    def but_not(self, query, excluded):
        return wq.AndNot(query, wq.Or(excluded))

    def any_of(self, queries):
        return queries[0] if len(queries) == 1 else wq.Or(queries)

    def all_of(self, queries):
        return queries[0] if len(queries) == 1 else wq.And(queries)

    def scored_by(self, query, optional):
        return wq.AndMaybe(query, optional)

    def unscored(self, query):
        return wq.ConstantScoreQuery(query, 0.0)

    @staticmethod
    def one_of(field, values):
        return wq.Or([wq.Term(field, str(value)) for value in values]) if values else wq.NullQuery

    def term(self, field, text):
        return wq.Term(field, text, boost=self.boosts.get(field, 1.0))

    def prefix(self, field, text):
        terms = self._expanded(field, text)
        return AnyTerm(field, terms) if terms else wq.NullQuery

    def _expanded(self, field, text, cost=1):
        """The terms that begin with ``text``, charged ``cost`` each to the query's budget."""
        terms = []
        for term in self.reader.expand_prefix(field, text):
            terms.append(term)
            if len(terms) * cost > self.expandable:
                raise budget.too_common(text)
        self.expandable -= len(terms) * cost
        return terms

    def phrase(self, field, terms):
        return Occurrences(Consecutive.of_terms(field, terms), field, terms, self.boosts.get(field, 1.0))

    def positions(self, field, alternatives, tail):
        slots = []
        for terms in alternatives:
            held = [term for term in terms if (field, term) in self.reader]
            if not held:
                return wq.NullQuery
            slots.append(held)
        # its rarity is the rarest gram within a run (the grams between runs are alternatives)
        rated = [held[0] for held in slots if len(held) == 1] or [held[0] for held in slots]
        queries = [[wq.Term(field, term) for term in held] for held in slots]
        if tail:
            # where they stand is read for every term of the expansion: it costs twice as much
            queries.append([AnyTerm(field, self._expanded(field, tail, cost=2), positions=True)])
        return Occurrences(Consecutive(field, queries), field, rated, self.boosts.get(field, 1.0))

    def nothing(self):
        return wq.NullQuery


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
