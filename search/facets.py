"""Facets, active-filter chips and the results-over-time chart as links for the search page.

Every link is the current request with one filter added or removed (and the page reset).
"""
import calendar
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from archive.charts import bar_chart
from archive.models import Event

KIND_LABELS = dict(Event.Kind.choices)


@dataclass
class FacetLink:
    label: str
    count: int
    url: str
    active: bool


def _url(params, remove=(), add=(), **changes):
    """The query string of ``params`` with (key, value) pairs removed or added, keys set or
    dropped (None), and no page."""
    q = params.copy()
    q.pop("page", None)
    for key, value in remove:
        kept = [v for v in q.getlist(key) if v != value]
        if kept:
            q.setlist(key, kept)
        else:
            q.pop(key, None)
    for key, value in add:
        if value not in q.getlist(key):
            q.appendlist(key, value)
    for key, value in changes.items():
        if value is None:
            q.pop(key, None)
        else:
            q.setlist(key, [value])
    return "?" + q.urlencode()


def _year_range(year):
    return f"{year}-01-01", f"{year}-12-31"


def _month_range(month):
    year, mon = (int(x) for x in month.split("-"))
    return f"{month}-01", f"{month}-{calendar.monthrange(year, mon)[1]:02d}"


def chosen_year(params):
    """The year when the date filter covers exactly one calendar year, else None."""
    start, end = params.get("date_from", ""), params.get("date_to", "")
    if start[:4] and start[:4] == end[:4] and start.endswith("-01-01") and end.endswith("-12-31"):
        return start[:4]
    return None


def _single_value(params, key, counts, label=str):
    current = params.get(key)
    return [
        FacetLink(label(value), count, _url(params, **{key: None if value == current else value}), value == current)
        for value, count in counts
    ]


def _dated(params, counts, date_range):
    current = (params.get("date_from"), params.get("date_to"))
    links = []
    for value, count in counts:
        start, end = date_range(value)
        active = current == (start, end)
        url = _url(params, date_from=None, date_to=None) if active else _url(params, date_from=start, date_to=end)
        links.append(FacetLink(value, count, url, active))
    return links


def facet_groups(page, params):
    """[(title, [FacetLink])] in the order the page shows them; empty groups left out."""
    facets = page.facets
    people = params.getlist("person")
    person_links = [
        FacetLink(v, c, _url(params, remove=[("person", v)]) if v in people else _url(params, add=[("person", v)]), v in people)
        for v, c in facets.get("people", [])[:15]
    ]
    groups = [
        (_("来源"), _single_value(params, "source", facets.get("source", [])[:15])),
        (_("人物"), person_links),
        (_("地点"), _single_value(params, "place", facets.get("places", [])[:15])),
        (_("活动类型"), _single_value(params, "kind", facets.get("kinds", []), lambda k: KIND_LABELS.get(k, k))),
        (_("年份"), _dated(params, sorted(facets.get("year", [])), _year_range)),
    ]
    year = chosen_year(params)
    if year:
        months = sorted((m, c) for m, c in facets.get("month", []) if m.startswith(year))
        groups.append((_("月份"), _dated(params, months, _month_range)))
    return [(title, links) for title, links in groups if links]


def active_filters(params):
    """[(label, url that removes it)] for each filter in force."""
    chips = [(f"{_('人物')}: {p}", _url(params, remove=[("person", p)])) for p in params.getlist("person")]
    for key, title in (("source", _("来源")), ("place", _("地点")), ("kind", _("活动类型"))):
        value = params.get(key)
        if value:
            chips.append((f"{title}: {KIND_LABELS.get(value, value) if key == 'kind' else value}", _url(params, **{key: None})))
    if params.get("date_from") or params.get("date_to"):
        label = f"{params.get('date_from', '…')} – {params.get('date_to', '…')}"
        chips.append((label, _url(params, date_from=None, date_to=None)))
    return chips


def year_chart(page, params):
    """Results over time as a chart and its bars' links: months of the chosen year, else years."""
    year = chosen_year(params)
    if year:
        counts = sorted((m, c) for m, c in page.facets.get("month", []) if m.startswith(year))
        links = _dated(params, counts, _month_range)
    else:
        links = _dated(params, sorted(page.facets.get("year", [])), _year_range)
    chart = bar_chart([(link.label, link.count) for link in links])
    return chart, list(zip(chart.bars, links)) if chart else []
