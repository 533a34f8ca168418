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

from .exports import search_spec
from .service import search_articles

FEED_SIZE = 50


class ArticleFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, article):
        return article.title

    def item_link(self, article):
        return permalink(article)

    def item_pubdate(self, article):
        return article.published

    def item_updateddate(self, article):
        return article.updated

    def item_author_name(self, article):
        return article.author or article.source.name

    def item_description(self, article):
        return article.body[:300]


class SearchFeed(ArticleFeed):
    """GET /search/feed/?…: the same parameters as /search/, newest first."""

    def get_object(self, request):
        spec = search_spec(request)
        spec.sort, spec.page, spec.page_size, spec.facets = "newest", 1, FEED_SIZE, ()
        return spec, request.GET

    def title(self, obj):
        query = obj[1].get("q", "").strip()
        return _("政务新闻档案 · 检索：%s") % query if query else _("政务新闻档案 · 检索")

    def link(self, obj):
        return public_url(f"{reverse('search')}?{obj[1].urlencode()}")

    def feed_url(self, obj):
        return public_url(f"{reverse('search_feed')}?{obj[1].urlencode()}")

    def items(self, obj):
        return [hit.article for hit in search_articles(obj[0]).hits]


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
