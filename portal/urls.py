from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from archive import views as archive_views
from search import exports, feeds
from search import views as search_views

from .health import healthz


def favicon(request):
    """The portal's icon for whatever asks /favicon.ico (the admin's pages, feed readers)."""
    return redirect(static("favicon.svg"))


urlpatterns = [
    path("", archive_views.home, name="home"),
    path("articles/", archive_views.article_list, name="article_list"),
    path("articles/<int:pk>/", archive_views.article_detail, name="article_detail"),
    path("people/", archive_views.people_list, name="people_list"),
    path("people/<slug:slug>/", archive_views.person_detail, name="person_detail"),
    path("people/<slug:slug>/feed/", archive_views.follow_merges("person_feed")(feeds.PersonFeed()), name="person_feed"),
    path("events/", archive_views.event_list, name="event_list"),
    path("events/<int:pk>/", archive_views.event_detail, name="event_detail"),
    path("sources/", archive_views.source_list, name="source_list"),
    path("sources/<slug:slug>/", archive_views.source_detail, name="source_detail"),
    path("places/<slug:slug>/", archive_views.place_detail, name="place_detail"),
    path("search/", search_views.search, name="search"),
    path("search/feed/", feeds.SearchFeed(), name="search_feed"),
    path("search/export.csv", exports.search_csv, name="search_csv"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
