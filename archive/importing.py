"""Importing ArticleRecords into the archive: idempotent, nothing half-written.

The work for a batch of records, in order:

1. the people, places and organizations the records mark are created where new (never an
   unmarked name: names that follow an official's title but are unknown become
   NameCandidates for editors);
2. jieba's dictionary learns the new names (archive.names);
3. each article is created, updated in place, or left alone when unchanged (found by source
   and external_id, else by content hash), together with an ImportFollowUp that says its
   follow-up is still to do: an update in a transaction of its own, new articles a thousand
   to a transaction (INSERT_CHUNK), and one at a time when the database refuses a chunk, so
   that only the faulty one fails; a record repeated in the run is imported once, and one
   that repeats an external_id with other content is reported;
4. the follow-up of the batch, in one transaction: the short forms of foreign names join their
   full names (archive.extraction.short_names), its mentions are linked, its name candidates
   noted, its positions and events extracted (archive.extraction), its changes announced at once (archive.changes: the search index queues
   them in the same transaction and writes the whole batch in one commit), its ImportFollowUps
   deleted. An import that was killed part way leaves ImportFollowUps (and queued index
   updates) behind; the next import finishes them before anything else, so that it ends as a
   clean import would. Any later step of an imported batch belongs in ``follow_up``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import ahocorasick
from django.db import connection, transaction
from django.db.models import F

from chinese.normalize import normalize
from chinese.segmenter import segmenter

from . import changes, linking, names
from .extraction import ExtractionSummary, extract_articles
from .extraction.short_names import join_short_forms
from .importers.readers import Problem
from .importers.records import MAX_BODY_CHARS, cleaned
from .models import Alias, Article, ImportFollowUp, Mention, NameCandidate, Organization, Person, Place, Source
from .slugs import SlugAllocator

ARTICLE_FIELDS = ("title", "kicker", "subtitle", "body", "published", "url", "author", "editor", "issue", "page", "script")
# New articles inserted in one transaction: one insert per table for them all, where an article
# in a transaction of its own took three inserts and a commit (the corpus: 3.0 s, now 0.8 s).
INSERT_CHUNK = 1000

# An official's title directly followed by a two- or three-character name and a word that
# ends the name: 省委书记车俊在…, 区长王宏、…
_TITLED_NAME = re.compile(
    r"(省委书记|市委书记|区委书记|县委书记|书记|副省长|省长|副市长|市长|副区长|区长|县长|主任|主席|部长|厅长|局长|总理)"
    r"([\u4e00-\u9fff]{2,3}?)(?=[、，。；：,在主出讲说强指表参陪等和与及率到赴会（(\s]|同志|$)"
)
# Characters that do not begin a Chinese name: the title ran on into a common word.
_NOT_A_NAME_START = set("的了和与在是对为把被将向从以及等也都就又这那其此各该每本副处会议")


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    repeated: int = 0  # records the run had read already, word for word
    finished: int = 0  # articles whose follow-up an interrupted import had left undone
    problems: list = field(default_factory=list)
    people_created: int = 0
    mentions_linked: int = 0
    candidates: Counter = field(default_factory=Counter)
    extraction: ExtractionSummary = field(default_factory=ExtractionSummary)

    @property
    def failed(self):
        return len(self.problems)

    def as_line(self):
        extra = "".join(
            f", {label} {n}" for label, n in (("repeated", self.repeated), ("finished after an interrupted import", self.finished)) if n
        )
        return (
            f"new {self.new}, updated {self.updated}, unchanged {self.unchanged}, failed {self.failed}{extra}; "
            f"people created {self.people_created}, mentions linked {self.mentions_linked}, "
            f"name candidates {len(self.candidates)}; extracted from {self.extraction.as_line()}"
        )


class Importer:
    """Saves batches of records; keeps caches of what exists so a large import stays fast."""

    def __init__(self, summary: ImportSummary, dry_run: bool = False):
        self.summary = summary
        self.dry_run = dry_run
        self._sources = {s.name: s for s in Source.objects.all()}
        self._places = dict(Place.objects.values_list("name", "id"))
        self._known_names = set(Person.objects.values_list("name", flat=True))
        self._known_names.update(Alias.objects.values_list("name", flat=True))
        self._seen = {}  # identity of each record read in this run -> (content hash, where)

    # -- reference data ---------------------------------------------------------------

    def _source(self, name):
        if name not in self._sources:
            source, _ = Source.objects.get_or_create(
                name=name, defaults={"slug": SlugAllocator(Source)(name), "kind": Source.Kind.NEWSPAPER}
            )
            self._sources[name] = source
        return self._sources[name]

    def _create_marked(self, records):
        """People, places and organizations that the records mark and the archive lacks."""
        people = sorted({n for r in records for n in r.people if len(n) >= 2} - self._known_names)
        if people:
            slug = SlugAllocator(Person)
            mostly_words = mostly_other_words(people, records)
            created = Person.objects.bulk_create(
                romanized(Person(name=n, slug=slug(n), link_by_text=n not in mostly_words)) for n in people
            )
            changes.announce(Person, [p.pk for p in created])
            self._known_names.update(people)
            self.summary.people_created += len(people)
        places = sorted({n for r in records for n in r.places if len(n) >= 2} - set(self._places))
        if places:
            slug = SlugAllocator(Place)
            Place.objects.bulk_create(romanized(Place(name=n, slug=slug(n))) for n in places)
            self._places = dict(Place.objects.values_list("name", "id"))
        organizations = {n for r in records for n in r.organizations if len(n) >= 2}
        Organization.objects.bulk_create((Organization(name=n) for n in organizations), ignore_conflicts=True)

    # -- articles -----------------------------------------------------------------------

    def _existing(self, records):
        """(source id, external id or content hash) -> Article, for the articles of ``records`` already held."""
        found = {}
        by_id = {r.external_id for r in records if r.external_id}
        for article in Article.objects.filter(external_id__in=by_id):
            found[(article.source_id, article.external_id)] = article
        hashes = {Article.hash_content(r.title, r.body) for r in records if not r.external_id}
        for article in Article.objects.filter(content_hash__in=hashes, external_id__isnull=True):
            found[(article.source_id, article.content_hash)] = article
        return found

    def _first_time(self, record):
        """Whether the run meets this record's identity (source and external_id, else its content)
        for the first time. A word-for-word repeat is counted; one that gives an external_id
        other content is a problem: the first record of an identity is the one imported."""
        content = Article.hash_content(record.title, record.body)
        key = (record.source, record.external_id or content)
        where = f"{record.path}:{record.line}" if record.line else record.path
        if key not in self._seen:
            self._seen[key] = (content, where)
            return True
        first_content, first_where = self._seen[key]
        if first_content == content:
            self.summary.repeated += 1
        else:
            self.summary.problems.append(Problem(
                record.path, record.line,
                f"external_id {record.external_id} was read already at {first_where} with other content: the first is kept",
            ))
        return False

    def _save_all(self, records, existing):
        """Create, update or leave each record's article; returns the articles written, in the
        records' order. A record that fails is reported (in the records' order); the rest go on."""
        written, new, failures = {}, [], {}
        for n, record in enumerate(records):
            try:
                article, outcome, place_ids = self._prepared(record, existing)
                if outcome == "new":
                    new.append((n, record, article, place_ids))
                elif outcome == "updated":
                    written[n] = self._save(article, outcome, place_ids)
            except Exception as error:  # reported per record; the rest of the batch goes on
                failures[n] = (record, error)
        for start in range(0, len(new), INSERT_CHUNK):
            written.update(self._insert(new[start : start + INSERT_CHUNK], failures))
        for n in sorted(failures):
            record, error = failures[n]
            self.summary.problems.append(Problem(record.path, record.line, _describe(error)))
        return [written[n] for n in sorted(written)]

    def _prepared(self, record, existing):
        """(article, "new", "updated" or "unchanged", its places' ids), the article checked and
        its fields set from the record, not saved."""
        if len(record.body) > MAX_BODY_CHARS:
            raise ValueError(f"body: {len(record.body):,} characters, more than the {MAX_BODY_CHARS:,} an article may have")
        source = self._source(record.source)
        key = record.external_id or Article.hash_content(record.title, record.body)
        article = existing.get((source.pk, key))
        values = {f: getattr(record, f) for f in ARTICLE_FIELDS}
        if article is None:
            article = Article(source=source, external_id=record.external_id, **values)
            outcome = "new"
        elif any(getattr(article, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(article, f, v)
            outcome = "updated"
        else:
            self.summary.unchanged += 1
            return article, "unchanged", set()
        # The database enforces the constraints; full_clean checks each field's value.
        article.full_clean(exclude=["source", "places", "people"], validate_unique=False, validate_constraints=False)
        return article, outcome, {self._places[n] for n in record.places if n in self._places}

    def _insert(self, new, failures):
        """Insert the new articles of ``new`` ((number, record, article, place ids)), their
        places and their ImportFollowUps in one transaction; {number: article} of those written.
        When the database refuses any of it, or cannot say the ids it gave, each article is
        saved on its own and a failure noted in ``failures`` by its number. (On PostgreSQL the
        ids of a refused chunk are not given again.)"""
        if connection.features.can_return_rows_from_bulk_insert:
            try:
                with transaction.atomic():
                    articles = [article for _, _, article, _ in new]
                    for article in articles:
                        article.fill_derived()
                    Article.objects.bulk_create(articles)
                    Article.places.through.objects.bulk_create(
                        Article.places.through(article_id=article.pk, place_id=pk) for _, _, article, ids in new for pk in ids
                    )
                    ImportFollowUp.objects.bulk_create(ImportFollowUp(article=article) for article in articles)
                    changes.announce(Article, [article.pk for article in articles])  # as each one's save would
            except Exception:  # noqa: BLE001 - saved one at a time below, where each failure is the record's
                pass
            else:
                self.summary.new += len(new)
                return {n: article for n, _, article, _ in new}
        written = {}
        for n, record, article, place_ids in new:
            article.pk, article._state.adding = None, True  # (as before an insert rolled back)
            try:
                written[n] = self._save(article, "new", place_ids)
            except Exception as error:  # noqa: BLE001 - reported with the record
                failures[n] = (record, error)
        return written

    def _save(self, article, outcome, place_ids):
        """Save one article, new or updated, with its places and its ImportFollowUp, in a transaction of its own."""
        with transaction.atomic():
            article.save()
            if outcome == "new":  # one insert instead of set()'s reads; the batch is indexed as a whole
                Article.places.through.objects.bulk_create(
                    Article.places.through(article_id=article.pk, place_id=pk) for pk in place_ids
                )
                ImportFollowUp.objects.create(article=article)
            else:
                article.places.set(place_ids)
                ImportFollowUp.objects.get_or_create(article=article)
        setattr(self.summary, outcome, getattr(self.summary, outcome) + 1)
        return article

    def _note_candidates(self, articles):
        for article in articles:
            for match in _TITLED_NAME.finditer(article.body):
                title, name = match.groups()
                if name in self._known_names or name[0] in _NOT_A_NAME_START or segmenter.is_word(normalize(name)):
                    continue  # known, or a word of the language (认为, 理事) rather than a name
                self.summary.candidates[name] += 1
                context = article.body[max(0, match.start() - 20) : match.end() + 20]
                candidate, created = NameCandidate.objects.get_or_create(
                    name=name, defaults={"title": title, "first_article": article, "context": context}
                )
                if not created:
                    NameCandidate.objects.filter(pk=candidate.pk).update(count=F("count") + 1)

    def import_batch(self, records):
        """Save one batch of records, then link and index the articles written."""
        records = [cleaned(r) for r in records if self._first_time(r)]
        with linking.deferred():
            with changes.in_bulk():  # each save's own announcement is queued once, at the end
                self._create_marked(records)
                names.invalidate()
                written = self._save_all(records, self._existing(records))
            self.follow_up(written)
        return written

    def finish_interrupted(self, batch_size):
        """Do the follow-up that an import killed part way left undone, and let the index catch
        up with what it queued; returns how many articles were followed up."""
        pending = list(ImportFollowUp.objects.order_by("article_id").values_list("article_id", flat=True))
        with linking.deferred():
            for start in range(0, len(pending), batch_size):
                self.follow_up(Article.objects.filter(pk__in=pending[start : start + batch_size]))
        self.summary.finished += len(pending)
        if not self.dry_run:  # the index writes what a killed import queued and never wrote
            changes.bulk_done.send(sender=type(self))
        return len(pending)

    def follow_up(self, articles):
        """Everything saved articles need after saving, in one transaction with the index's queue
        and the deletion of their ImportFollowUps; then the index catches up."""
        articles = list(articles)
        if not articles:
            return
        with transaction.atomic():
            with changes.in_bulk():
                join_short_forms({a.pk: a.full_text for a in articles})
                names.invalidate()
                name_index = names.current()  # jieba has learnt the batch's new names
                changed = linking.link_mentions(articles, name_index)
                self._note_candidates(articles)
                extract_articles(articles, name_index, self.summary.extraction)
                changes.announce(Article, [a.pk for a in articles] + changed)
                # inside the bulk job: deleting a follow-up is no change a reader sees, one at a time
                ImportFollowUp.objects.filter(article__in=articles).delete()
        self.summary.mentions_linked += Mention.objects.filter(article__in=articles).count()
        if not self.dry_run:
            changes.bulk_done.send(sender=type(self))


def romanized(record):
    """A new person or place with its name in Latin letters (bulk_create does not call save)."""
    record.fill_romanized()
    return record


def mostly_other_words(names, records):
    """The names that the records' texts mostly use as something else: a file that marks 方向
    as a name once and holds the word in a hundred articles, or 罗斯 against 俄罗斯. Linking
    them wherever the text shows them would mostly be wrong."""
    finder = ahocorasick.Automaton()  # every name in one pass over each text
    for name in names:
        finder.add_word(name, name)
    finder.make_automaton()
    shown = Counter()
    for r in records:
        shown.update({name for _, name in finder.iter(f"{r.title}\n{r.body}")})
    marked = Counter(n for r in records for n in set(r.people))
    return {n for n in names if 2 * marked[n] < shown[n]}


def _describe(error):
    messages = getattr(error, "message_dict", None)
    if messages:
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in messages.items())
    return str(error)
