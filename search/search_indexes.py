"""What the search engine holds: articles and events.

Article documents carry the facet fields (source, people, places, event kinds, year, month)
as whole values; sources, people and places by their ids, which a rename leaves as they are
(search.service shows each by its current name). Their text is indexed as character bigrams,
which every search matches (search.backends.query_compiler); the headlines also as words,
which raise the score of a match, and alone as bigrams, for a search in titles only; the names
of known people where they stand as words, which rank a search for a name. A title made from
the first sentence of an item printed without a headline is no headline
(archive.models.Article.headlines).

Event documents carry the same filter fields under the same names (the people taking part,
the sources of the articles reporting them, their place and the places it lies within, their
kind), so that the events shown beside a search obey all of its filters.
"""
from django.db.models import Prefetch
from django.utils import timezone
from haystack import indexes

from archive.models import Article, Event, Participation, Place

from .fields import ChineseBigramField, ChineseTextField, NamesField

#: The article fields a search counts values of (the facets), each kept whole in the index.
FACETS = ("source", "people", "places", "kinds", "year", "month")


def local_naive(value):
    """Whoosh stores datetimes without a zone: keep the archive's wall time (Asia/Shanghai)."""
    return timezone.localtime(value).replace(tzinfo=None)


def place_lineage(place, places_by_id):
    """The place and every place it lies within, nearest first."""
    lineage = []
    while place is not None and place not in lineage:
        lineage.append(place)
        place = places_by_id.get(place.parent_id)
    return lineage


def within(places, places_by_id):
    """The ids of ``places`` and of every place they lie within, without repeats."""
    ids = []
    for place in places:
        ids += [str(p.pk) for p in place_lineage(places_by_id.get(place.pk, place), places_by_id)]
    return list(dict.fromkeys(ids))


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = ChineseBigramField(document=True)
    title = ChineseTextField(boost=3.0)
    title_bigrams = ChineseBigramField()
    names = NamesField(model_attr="searched_text")
    source = indexes.CharField(model_attr="source_id")
    people = indexes.MultiValueField()
    places = indexes.MultiValueField()
    within = indexes.MultiValueField()  # the places and every place enclosing them
    kinds = indexes.MultiValueField()
    year = indexes.CharField()
    month = indexes.CharField()
    published = indexes.DateTimeField(model_attr="published")
    external_id = indexes.CharField(model_attr="external_id", null=True)

    def get_model(self):
        return Article

    def get_updated_field(self):
        return "updated"

    def index_queryset(self, using=None):
        self._places = {p.pk: p for p in Place.objects.all()}
        return (
            Article.objects.select_related("source")
            .with_people()
            .prefetch_related(Prefetch("events", queryset=Event.objects.public().select_related("place")), "places")
            .order_by("pk")
        )

    def _all_places(self, obj):
        places = list(obj.places.all()) + [e.place for e in obj.events.all() if e.place_id]
        return list(dict.fromkeys(places))

    def prepare_text(self, obj):
        return obj.searched_text

    def prepare_title(self, obj):
        return "\n".join(obj.headlines)

    def prepare_title_bigrams(self, obj):
        # the titles as shown: one made from the first sentence is found in titles only too
        return "\n".join(p for p in (obj.kicker, obj.title, obj.subtitle) if p)

    def prepare_people(self, obj):
        return [str(m.person_id) for m in sorted(obj.mentions.all(), key=lambda m: m.first_offset)]

    def prepare_places(self, obj):
        return [str(p.pk) for p in self._all_places(obj)]

    def prepare_within(self, obj):
        places_by_id = getattr(self, "_places", None) or {p.pk: p for p in Place.objects.all()}
        return within(self._all_places(obj), places_by_id)

    def prepare_kinds(self, obj):
        return sorted({e.kind for e in obj.events.all()})

    def prepare_year(self, obj):
        return f"{timezone.localtime(obj.published).year:04d}"

    def prepare_month(self, obj):
        local = timezone.localtime(obj.published)
        return f"{local.year:04d}-{local.month:02d}"

    def prepare_published(self, obj):
        return local_naive(obj.published)


class EventIndex(indexes.SearchIndex, indexes.Indexable):
    text = ChineseBigramField(document=True)
    title_bigrams = ChineseBigramField(model_attr="title")
    kinds = indexes.MultiValueField()
    start_date = indexes.DateField(model_attr="start_date")
    people = indexes.MultiValueField()
    source = indexes.MultiValueField()  # the sources of the articles that report it
    within = indexes.MultiValueField()

    def get_model(self):
        return Event

    def index_queryset(self, using=None):
        self._places = {p.pk: p for p in Place.objects.all()}
        return (
            Event.objects.public()
            .select_related("place")
            .prefetch_related(
                Prefetch("participations", queryset=Participation.objects.public().select_related("person")),
                Prefetch("articles", queryset=Article.objects.select_related("source")),
            )
            .order_by("pk")
        )

    def prepare_text(self, obj):
        return "\n".join(p for p in (obj.title, obj.summary, obj.place.name if obj.place else "") if p)

    def prepare_kinds(self, obj):
        return [obj.kind]

    def prepare_people(self, obj):
        return list(dict.fromkeys(str(part.person_id) for part in obj.participations.all()))

    def prepare_source(self, obj):
        return sorted({str(article.source_id) for article in obj.articles.all()})

    def prepare_within(self, obj):
        places_by_id = getattr(self, "_places", None) or {p.pk: p for p in Place.objects.all()}
        return within([obj.place] if obj.place_id else [], places_by_id)
