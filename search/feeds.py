"""Atom feeds: the newest articles of any search, and of each person.

Every address in a feed, its own (``rel="self"``, with the search's parameters) too, is on the
portal's public address (settings.SITE_URL), not on the host that served the request.
"""
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from archive.models import Person
from archive.permalinks import permalink, public_url
from chinese.normalize import strip_controls

from .exports import search_form
from .service import articles_of, find_all

FEED_SIZE = 50


class ArticleFeed(Feed):
    """Text goes out without control characters: XML cannot carry them, whatever the archive holds."""

    feed_type = Atom1Feed

    def item_title(self, article):
        return strip_controls(article.title)

    def item_link(self, article):
        return permalink(article)

    def item_pubdate(self, article):
        return article.published

    def item_updateddate(self, article):
        return article.updated

    def item_author_name(self, article):
        return strip_controls(article.author or article.source.name)

    def item_description(self, article):
        return strip_controls(article.body[:300])


class SearchFeed(ArticleFeed):
    """GET /search/feed/?…: the same parameters as /search/, newest first."""

    def get_object(self, request):
        form = search_form(request)
        spec = form.spec()
        spec.sort = "newest"
        return spec, request.GET, form.cleaned_data["q"]

    def title(self, obj):
        query = obj[2]
        return _("政务新闻档案 · 检索：%s") % query if query else _("政务新闻档案 · 检索")

    def link(self, obj):
        return public_url(f"{reverse('search')}?{obj[1].urlencode()}")

    def feed_url(self, obj):
        return public_url(f"{reverse('search_feed')}?{obj[1].urlencode()}")

    def items(self, obj):
        found = find_all(obj[0], FEED_SIZE)[0]  # no snippets: a feed shows the opening of each article
        return [article for article, _people, _latin in articles_of(found)]


class PersonFeed(ArticleFeed):
    """GET /people/<slug>/feed/: the newest articles that name the person."""

    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def title(self, person):
        return _("政务新闻档案 · %s") % person.name

    def link(self, person):
        return permalink(person)

    def feed_url(self, person):
        return public_url(reverse("person_feed", args=[person.slug]))

    def items(self, person):
        return person.articles.select_related("source")[:FEED_SIZE]
