from django.contrib import admin

from .models import Alias, Article, Event, Mention, Organization, Participation, Person, Place, Position, Source


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organization", "attested_by"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["person"]


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ["person", "count", "first_offset"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "home_url"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["region"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "region"]
    list_filter = ["level", "region"]
    search_fields = ["name"]
    autocomplete_fields = ["region"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "gender", "birth_year"]
    list_filter = ["gender"]
    search_fields = ["name", "aliases__name"]
    inlines = [AliasInline, PositionInline]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published", "script", "external_id"]
    list_filter = ["source", "script", "published"]
    search_fields = ["title", "external_id"]
    date_hierarchy = "published"
    autocomplete_fields = ["source", "places"]
    inlines = [MentionInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start_date", "place"]
    list_filter = ["kind", "place"]
    search_fields = ["title"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["place", "articles"]
    inlines = [ParticipationInline]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organization", "start_date", "end_date"]
    list_filter = ["organization__level"]
    search_fields = ["person__name", "title", "organization__name"]
    autocomplete_fields = ["person", "organization", "attested_by"]


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "person", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["event", "person", "role"]
    list_filter = ["role", "event__kind"]
    search_fields = ["person__name", "event__title"]
    autocomplete_fields = ["event", "person"]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["article", "person", "count", "first_offset"]
    search_fields = ["person__name", "article__title"]
    autocomplete_fields = ["article", "person"]
