from django.contrib import admin
from django.urls import include, path

from archive import views as archive_views
from search import views as search_views

urlpatterns = [
    path("", archive_views.home, name="home"),
    path("articles/<int:pk>/", archive_views.article_detail, name="article_detail"),
    path("people/<slug:slug>/", archive_views.person_detail, name="person_detail"),
    path("events/<int:pk>/", archive_views.event_detail, name="event_detail"),
    path("sources/<slug:slug>/", archive_views.source_detail, name="source_detail"),
    path("places/<slug:slug>/", archive_views.place_detail, name="place_detail"),
    path("search/", search_views.search, name="search"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
