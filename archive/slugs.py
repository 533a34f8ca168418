"""Readable, stable URL slugs for Chinese names: 车俊 -> che-jun."""
from django.utils.text import slugify
from pypinyin import lazy_pinyin


def slug_base(text):
    return slugify(" ".join(lazy_pinyin(text))) or "item"


def _taken(model, base="", exclude_pk=None):
    """The slugs starting with ``base`` that a row of ``model`` may not take: other rows' own, and
    those still answering for rows merged away (``model.retired_slugs()``), so a bookmark keeps
    reaching the record it meant."""
    taken = set(model.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    retired = getattr(model, "retired_slugs", None)
    if retired is not None:
        taken.update(retired().filter(slug__startswith=base).values_list("slug", flat=True))
    return taken


def unique_slug(model, text, exclude_pk=None):
    """The pinyin slug of ``text``, with -2, -3... when another row has it already."""
    base = slug_base(text)
    return _first_free(base, _taken(model, base, exclude_pk))


def _first_free(base, taken):
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


class SlugAllocator:
    """Unique slugs for many new rows at once, with one query for the slugs already taken."""

    def __init__(self, model):
        self._taken = _taken(model)

    def __call__(self, text):
        slug = _first_free(slug_base(text), self._taken)
        self._taken.add(slug)
        return slug
