"""Pages for reading the archive. Views fetch and render; what they show is decided in the models."""
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Article, Event, Person, Place, Source

PAGE_SIZE = 20


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def home(request):
    articles = Article.objects.select_related("source")
    return render(request, "archive/home.html", {"articles": _page(request, articles)})


def article_detail(request, pk):
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    context = {
        "article": article,
        "mentions": article.mentions.select_related("person"),
        "events": article.events.all(),
        "places": article.places.all(),
    }
    return render(request, "archive/article_detail.html", context)


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    context = {
        "person": person,
        "aliases": person.aliases.all(),
        "positions": person.positions.select_related("organization"),
        "articles": _page(request, person.articles.select_related("source").distinct()),
        "participations": person.participations.select_related("event").order_by("-event__start_date"),
    }
    return render(request, "archive/person_detail.html", context)


def event_detail(request, pk):
    event = get_object_or_404(Event.objects.select_related("place"), pk=pk)
    context = {
        "event": event,
        "participations": event.participations.select_related("person").order_by("role", "person__name"),
        "articles": event.articles.select_related("source"),
    }
    return render(request, "archive/event_detail.html", context)


def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    return render(request, "archive/source_detail.html", {"source": source, "articles": _page(request, source.articles.all())})


def place_detail(request, slug):
    place = get_object_or_404(Place, slug=slug)
    articles = Article.objects.filter(places__in=place.with_descendants()).select_related("source").distinct()
    return render(request, "archive/place_detail.html", {"place": place, "articles": _page(request, articles)})
