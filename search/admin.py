"""What the admin does to the search index: the re-index action, added to the archive's admin pages.

The archive's admin (archive.admin) knows nothing of the index; its saves, merges and
relinks reach the index through signals (search.signals). Only asking for a re-index is
the index's own business, so this module adds that action to each indexed model's page.
"""
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from archive.models import Article, Event, Mention, Person

from . import indexing


def _documents(queryset):
    """(model, ids) of the documents that show the selected records: a person shows in articles."""
    if queryset.model is Person:
        return Article, Mention.objects.filter(person__in=queryset).values_list("article_id", flat=True)
    return queryset.model, queryset.values_list("pk", flat=True)


@admin.action(description=_("重建所选记录的检索索引"))
def reindex(modeladmin, request, queryset):
    indexing.enqueue(*_documents(queryset))
    modeladmin.message_user(request, _("已排队重建索引，保存后即生效。"), messages.SUCCESS)


for model in (Article, Event, Person):
    model_admin = admin.site.get_model_admin(model)
    model_admin.actions = [*model_admin.actions, reindex]
