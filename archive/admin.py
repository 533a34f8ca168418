"""The editors' admin: every record editable, names found in either script, and search follows each edit."""
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from chinese.normalize import normalize

from . import changes, linking
from .extraction import extract_articles
from .merging import merge_people
from .slugs import unique_slug
from .models import (
    Alias,
    Article,
    Event,
    Mention,
    Evidence,
    NameCandidate,
    Organization,
    Participation,
    Person,
    Place,
    PlaceFormerName,
    Position,
    Reviewed,
    ShortNameQuestion,
    Source,
    SourceFormerName,
)


admin.site.site_header = _("政务新闻档案 管理")
admin.site.site_title = _("政务新闻档案")


class ArchiveAdmin(admin.ModelAdmin):
    """The archive's admin pages: searching 車俊 finds 车俊 (the term is also searched in
    simplified characters); a URL typed without a scheme is https; a time is read in the
    archive's time zone, as its help text says (the admin's per-field notice that the browser
    keeps another time zone is hidden: static/css/admin.css)."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField) and field is not None:
            field.help_text = _("时区：%(zone)s") % {"zone": settings.TIME_ZONE}
        return field

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        simplified = normalize(search_term)
        if simplified != search_term.lower():
            more, more_duplicates = super().get_search_results(request, queryset, simplified)
            results = results | more
            may_have_duplicates = may_have_duplicates or more_duplicates
        return results, may_have_duplicates

    def save_formset(self, request, form, formset, change):
        if issubclass(formset.model, Reviewed):  # positions on a person's page, participants on an event's
            _made_editors(f.instance for f in formset.forms if f.has_changed() and not formset._should_delete_form(f))
        super().save_formset(request, form, formset, change)


def _made_editors(objects):
    """An extracted record an editor changed is the editor's: extraction never touches it again."""
    for obj in objects:
        if obj.pk and obj.is_extracted:
            obj.origin = Reviewed.Origin.EDITOR
            if obj.review == Reviewed.Review.UNREVIEWED:
                obj.review = Reviewed.Review.CONFIRMED


class ReviewedAdmin(ArchiveAdmin):
    """Records that extraction may have made: filter them by origin and review, confirm or
    reject them in bulk; editing one makes it the editor's. A rejected one stays rejected."""

    actions = ["confirm_records", "reject_records"]

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            _made_editors([obj])
        super().save_model(request, obj, form, change)

    @admin.action(description=_("确认所选记录"))
    def confirm_records(self, request, queryset):
        self._review(request, queryset, Reviewed.Review.CONFIRMED)

    @admin.action(description=_("驳回所选记录（不再显示，重新抽取也不会再生成）"))
    def reject_records(self, request, queryset):
        self._review(request, queryset, Reviewed.Review.REJECTED)

    def _review(self, request, queryset, review):
        ids = list(queryset.values_list("pk", flat=True))
        queryset.model.objects.filter(pk__in=ids).update(review=review)
        events = self.events_of(ids)
        changes.announce(Event, events)
        changes.announce(Article, Event.articles.through.objects.filter(event__in=events).values_list("article", flat=True))
        self.message_user(request, _("已更新 %(n)d 条记录。") % {"n": len(ids)}, messages.SUCCESS)

    def events_of(self, ids):
        """The events whose pages and search documents show these records."""
        return []


class EvidenceInline(admin.TabularInline):
    """Read-only: the sentences that attest a record, made by extraction."""

    model = Evidence
    extra = 0
    fields = ["article", "date", "quote", "former"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0


class PlaceFormerNameInline(admin.TabularInline):
    """Kept by a rename (archive.former_names); the search's ``place=`` still answers to them."""

    model = PlaceFormerName
    extra = 0
    fields = readonly_fields = ["name", "until"]

    def has_add_permission(self, request, obj=None):
        return False


class SourceFormerNameInline(PlaceFormerNameInline):
    model = SourceFormerName


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    fields = ["title", "organization", "start_date", "end_date", "first_attested", "last_attested", "origin", "review"]
    readonly_fields = ["first_attested", "last_attested", "origin"]
    autocomplete_fields = ["organization"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ["person", "role", "origin", "review"]
    readonly_fields = ["origin"]
    autocomplete_fields = ["person"]


class MentionInline(admin.TabularInline):
    """Read-only: mentions follow the text (archive.linking)."""

    model = Mention
    extra = 0
    fields = ["person", "count", "first_offset"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EventArticleInline(admin.TabularInline):
    model = Event.articles.through
    extra = 0
    autocomplete_fields = ["event"]
    verbose_name = _("报道的活动")
    verbose_name_plural = _("报道的活动")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # the table Django makes for the link has English field names
        return super().formfield_for_foreignkey(db_field, request, label=_("活动"), **kwargs)


@admin.register(Source)
class SourceAdmin(ArchiveAdmin):
    list_display = ["name", "kind", "region", "home_url", "article_count"]
    list_filter = ["kind", "region"]
    search_fields = ["name"]
    autocomplete_fields = ["region"]
    inlines = [SourceFormerNameInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description=_("文章数"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles


@admin.register(Place)
class PlaceAdmin(ArchiveAdmin):
    list_display = ["name", "romanized", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "romanized"]
    autocomplete_fields = ["parent"]
    inlines = [PlaceFormerNameInline]


@admin.register(Organization)
class OrganizationAdmin(ArchiveAdmin):
    list_display = ["name", "level", "region"]
    list_filter = ["level", "region"]
    search_fields = ["name"]
    autocomplete_fields = ["region"]


@admin.register(Person)
class PersonAdmin(ArchiveAdmin):
    list_display = ["name", "romanized", "aliases_shown", "gender", "birth_year", "mention_count"]
    list_filter = ["gender", "foreign", "link_by_text", "positions__organization__level", "positions__organization__region"]
    search_fields = ["name", "aliases__name", "romanized", "romanized_key"]
    inlines = [AliasInline, PositionInline]
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases").annotate(n_mentions=Count("mentions"))

    @admin.display(description=_("别名"))
    def aliases_shown(self, obj):
        return "、".join(a.name for a in obj.aliases.all())

    @admin.display(description=_("提及文章数"), ordering="n_mentions")
    def mention_count(self, obj):
        return obj.n_mentions

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        former = obj.edited_fields.get("name")
        if former:
            self.message_user(
                request,
                _("原名“%(former)s”已保留为%(name)s的曾用名：提到它的文章仍链接到此人，按原名检索和筛选照样有效。")
                % {"former": former, "name": obj.name},
                messages.INFO,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Alias:
            return super().save_formset(request, form, formset, change)
        # a rename has just kept the old name as an alias (archive.former_names): the same
        # name typed in as a new alias is that one, not a second
        aliases = formset.save(commit=False)
        for alias in formset.deleted_objects:
            alias.delete()
        held = set(Alias.objects.filter(person=form.instance).values_list("name", flat=True))
        for alias in aliases:
            if alias.pk is not None or alias.name not in held:
                alias.save()
        formset.save_m2m()

    @admin.action(description=_("合并所选人物（并入提及最多的一位）"))
    def merge(self, request, queryset):
        people = list(queryset.annotate(n=Count("mentions")).order_by("-n", "pk"))
        if len(people) < 2:
            self.message_user(request, _("请至少选择两位人物。"), messages.WARNING)
            return
        target = people[0]
        names = merge_people(target, people[1:])
        self.message_user(
            request,
            _("已将%(names)s并入%(target)s：原名保留为曾用名，提及照旧，原页面转到%(target)s。")
            % {"names": "、".join(names), "target": target.name},
            messages.SUCCESS,
        )


@admin.register(Article)
class ArticleAdmin(ArchiveAdmin):
    list_display = ["title", "source", "published", "script", "external_id"]
    list_filter = ["source", "script", "published"]
    search_fields = ["title", "external_id"]
    date_hierarchy = "published"
    autocomplete_fields = ["source", "places"]
    inlines = [EventArticleInline, MentionInline]
    actions = ["relink"]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Event.articles.through:
            # the inline saves and deletes rows of the link table, which send no m2m_changed:
            # the events linked or unlinked are announced here (their documents hold their
            # articles' sources)
            changed = [f for f in formset.forms if f.has_changed() or f in formset.deleted_forms]
            events = {f.initial.get("event") for f in changed} | {f.instance.event_id for f in changed}
            changes.announce(Event, events - {None})

    @admin.action(description=_("重新识别所选文章提及的人物"))
    def relink(self, request, queryset):
        changed = linking.relink(queryset)
        self.message_user(
            request,
            ngettext("%(n)d 篇文章的人物提及有变化。", "%(n)d 篇文章的人物提及有变化。", len(changed)) % {"n": len(changed)},
            messages.SUCCESS,
        )


@admin.register(Event)
class EventAdmin(ReviewedAdmin):
    list_display = ["title", "kind", "start_date", "end_date", "place", "origin", "review"]
    list_filter = ["review", "origin", "kind", "place"]
    search_fields = ["title", "participants__name"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["place", "articles"]
    readonly_fields = ["origin"]
    exclude = ["fingerprint"]
    inlines = [ParticipationInline]

    def events_of(self, ids):
        return ids


@admin.register(Position)
class PositionAdmin(ReviewedAdmin):
    list_display = ["person", "label", "start_date", "end_date", "first_attested", "last_attested", "origin", "review"]
    list_filter = ["review", "origin", "organization__level", "organization__region"]
    search_fields = ["person__name", "person__aliases__name", "title", "organization__name"]
    list_select_related = ["person", "organization"]
    autocomplete_fields = ["person", "organization", "attested_by"]
    readonly_fields = ["first_attested", "last_attested", "origin"]
    inlines = [EvidenceInline]

    @admin.display(description=_("职务"))
    def label(self, obj):
        return obj.label


@admin.register(Alias)
class AliasAdmin(ArchiveAdmin):
    list_display = ["name", "person", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]


@admin.register(Participation)
class ParticipationAdmin(ReviewedAdmin):
    list_display = ["event", "person", "role", "origin", "review"]
    list_filter = ["review", "origin", "role", "event__kind"]
    search_fields = ["person__name", "event__title"]
    list_select_related = ["event", "person"]
    autocomplete_fields = ["event", "person"]
    readonly_fields = ["origin"]
    inlines = [EvidenceInline]

    def events_of(self, ids):
        return list(Participation.objects.filter(pk__in=ids).values_list("event", flat=True).distinct())


@admin.register(Mention)
class MentionAdmin(ArchiveAdmin):
    """Read-only: mentions are kept in step with the text, not edited by hand."""

    list_display = ["article", "person", "count", "first_offset"]
    search_fields = ["person__name", "article__title"]
    list_select_related = ["article", "person"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NameCandidate)
class NameCandidateAdmin(ArchiveAdmin):
    list_display = ["name", "title", "count", "context", "first_article"]
    search_fields = ["name", "context"]
    readonly_fields = ["first_article"]
    actions = ["confirm"]

    @admin.action(description=_("确认为人物（创建并关联文章）"))
    def confirm(self, request, queryset):
        created = []
        for candidate in queryset.exclude(name__in=Person.objects.values("name")):
            created.append(Person.objects.create(name=candidate.name, slug=unique_slug(Person, candidate.name)))
        queryset.delete()
        # their positions and appearances come from the articles that name them
        extract_articles(Article.objects.filter(mentions__person__in=created).distinct())
        self.message_user(request, _("已创建 %(n)d 位人物。") % {"n": len(created)}, messages.SUCCESS)


@admin.register(ShortNameQuestion)
class ShortNameQuestionAdmin(ArchiveAdmin):
    """Short foreign names that several people's full names end with: merge the right people by hand."""

    list_display = ["name", "full_names", "first_article"]
    search_fields = ["name", "full_names"]
    readonly_fields = ["first_article"]
