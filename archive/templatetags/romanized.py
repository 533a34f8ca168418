"""Names beside their spelling in Latin letters on English pages: 车俊 Che Jun."""
from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter
def with_romanized(named, romanized=None):
    """A person or place (or a name, with its ``romanized`` spelling given) for a page: on an
    English page followed by its name in Latin letters when it has one (a foreign name may
    wait for an editor's spelling), elsewhere the name alone."""
    name = getattr(named, "name", named)
    if romanized is None:
        romanized = getattr(named, "romanized", "")
    if not romanized or not (get_language() or "").startswith("en"):
        return name
    return format_html('<span lang="zh-Hans">{}</span> <span class="romanized">{}</span>', name, romanized)
