"""What the admin does to the search index: the re-index action, added to the archive's admin pages.

The archive's admin (archive.admin) knows nothing of the index; its saves, merges and
relinks reach the index through signals (search.signals). Only asking for a re-index is
the index's own business, so this module adds that action to each indexed model's page.
"""
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive.models import Article, Event, Mention, Person

from . import indexing


def _documents(queryset):
    """(model, ids) of the documents that show the selected records: a person shows in articles."""
    if queryset.model is Person:
        return Article, Mention.objects.filter(person__in=queryset).values_list("article_id", flat=True)
    return queryset.model, queryset.values_list("pk", flat=True)


@admin.action(description=_("重建所选记录的检索索引"))
def reindex(modeladmin, request, queryset):
    """Queues the documents, however many: the index writer thread writes them (search.drainer)."""
    model, ids = _documents(queryset)
    ids = set(ids)
    indexing.enqueue(model, ids)
    message = ngettext(
        "已将 %(n)d 篇文档排入索引队列，正在后台写入，稍后即可检索到。",
        "已将 %(n)d 篇文档排入索引队列，正在后台写入，稍后即可检索到。",
        len(ids),
    )
    modeladmin.message_user(request, message % {"n": len(ids)}, messages.SUCCESS)


for model in (Article, Event, Person):
    model_admin = admin.site.get_model_admin(model)
    model_admin.actions = [*model_admin.actions, reindex]
