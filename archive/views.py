"""Pages for reading the archive. Views fetch and render; what they show is decided in archive.browsing."""
from functools import wraps

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Sum
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from . import browsing, filters, officials, serializers
from .charts import bar_chart, time_series
from .models import Article, Event, MergedPerson, Participation, Person, Place, Source
from .permalinks import permalink
from .reading import rendered

PAGE_SIZE = 20
#: People a JSON lookup (/people/?format=json&q=) answers with.
PEOPLE_LOOKUP_SIZE = 50
# The home page's rankings and totals are aggregates over every mention and article: each
# worker keeps them this long (an edit shows there within a minute, at once everywhere else).
HOME_AGGREGATES_SECONDS = 60


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _chart(counts):
    return bar_chart(time_series(counts))


def _wants_json(request):
    return request.GET.get("format") == "json"


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _filtered_list(request, template, form, queryset, rows=list, **context):
    """A list page: its filter form and a page of what it selects (each page's ``rows``);
    400 with the reason when a filter is bad."""
    status = 200 if form.is_valid() else 400
    page = _page(request, queryset)
    page.object_list = rows(list(page.object_list))
    return render(request, template, {"form": form, "page_obj": page, **context}, status=status)


def home(request):
    context = {
        "articles": Article.objects.select_related("source")[:10],
        "top_people": cache.get_or_set("home:most-mentioned", browsing.most_mentioned, HOME_AGGREGATES_SECONDS),
        "events": Event.objects.public().select_related("place")[:6],
        "summary": cache.get_or_set("home:summary", browsing.archive_summary, HOME_AGGREGATES_SECONDS),
    }
    return render(request, "archive/home.html", context)


def article_list(request):
    form, articles = filters.articles(request.GET)
    return _filtered_list(request, "archive/article_list.html", form, articles)


def article_detail(request, pk):
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    mentions = list(article.mentions.select_related("person"))
    simplified = article.script == Article.Script.TRADITIONAL and request.GET.get("script") == "simplified"
    previous, following = browsing.neighbours(article)
    context = {
        "article": article,
        "text": rendered(article, [m.person for m in mentions], simplified),
        "simplified": simplified,
        "mentions": mentions,
        "events": article.events.all(),
        "places": article.places.all(),
        "related": browsing.related_articles(article, mentions),
        "previous": previous,
        "next": following,
        "permalink": permalink(article),
    }
    return render(request, "archive/article_detail.html", context)


def follow_merges(url_name):
    """For a view of a person by slug: a person merged into another answers 301 with the same
    view of that one (their page, their feed), so links and bookmarks keep working."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            try:
                return view(request, slug, *args, **kwargs)
            except Http404:
                merged = MergedPerson.objects.select_related("into").filter(slug=slug).first()
                if merged is None:
                    raise
                url = reverse(url_name, args=[merged.into.slug])
                return HttpResponsePermanentRedirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)

        return wrapped

    return decorate


def people_list(request):
    form, people = filters.people(request.GET)
    if _wants_json(request):
        if not form.is_valid():
            return _json({"error": form.error_message()}, status=400)
        found = people.prefetch_related("aliases")[:PEOPLE_LOOKUP_SIZE]
        return _json({"results": [serializers.person_in_list(p) for p in found]})
    return _filtered_list(request, "archive/people_list.html", form, people, rows=browsing.tell_namesakes_apart)


@follow_merges("person_detail")
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    if _wants_json(request):
        mentions = person.mentions.aggregate(n=Sum("count"))["n"] or 0
        return _json(serializers.person_as_json(person, mentions))
    context = {
        "person": person,
        "aliases": person.aliases.all(),
        "career": officials.career(person),
        "page_obj": _page(request, person.articles.select_related("source")),
        "appearances": officials.appearances(person),
        "met_with": officials.met_with(person),
        "co_appearing": browsing.co_appearing(person),
        "chart": _chart(browsing.person_mentions_by_month(person)),
    }
    return render(request, "archive/person_detail.html", context)


def event_list(request):
    form, events = filters.events(request.GET)
    if _wants_json(request):
        if not form.is_valid():
            return _json({"error": form.error_message()}, status=400)
        page = _page(request, events.prefetch_related(
            Prefetch("participations", queryset=Participation.objects.public().select_related("person"),
                     to_attr="listed_participations"),
            "articles",
        ))
        return _json({
            "total": page.paginator.count,
            "pages": page.paginator.num_pages,
            "results": [serializers.event_in_list(e) for e in page],
        })
    return _filtered_list(request, "archive/event_list.html", form, events)


def event_detail(request, pk):
    event = get_object_or_404(Event.objects.public().select_related("place"), pk=pk)
    context = {
        "event": event,
        "participants": officials.participants(event),
        "evidence": officials.evidence_of(event),
        "articles": event.articles.select_related("source"),
    }
    return render(request, "archive/event_detail.html", context)


def source_list(request):
    sources = Source.objects.select_related("region").annotate(article_count=Count("articles"))
    return render(request, "archive/source_list.html", {"sources": sources})


def source_detail(request, slug):
    source = get_object_or_404(Source.objects.select_related("region"), slug=slug)
    articles = source.articles.select_related("source")
    context = {"source": source, "page_obj": _page(request, articles), "chart": _chart(browsing.monthly_counts(articles))}
    return render(request, "archive/source_detail.html", context)


def place_detail(request, slug):
    place = get_object_or_404(Place.objects.select_related("parent"), slug=slug)
    articles = Article.objects.filter(places__in=place.with_descendants()).select_related("source").distinct()
    context = {
        "place": place,
        "children": place.children.all(),
        "page_obj": _page(request, articles),
        "chart": _chart(browsing.monthly_counts(articles)),
        "events": place.events.all()[:10],
    }
    return render(request, "archive/place_detail.html", context)
