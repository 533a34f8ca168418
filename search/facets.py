"""Facets, active-filter chips and the results-over-time chart as links for the search page.

Every link is the current request with one filter added or removed (and the page reset).
"""
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from archive.charts import bar_chart, month_period, time_series, year_period, year_series
from archive.models import Event

KIND_LABELS = dict(Event.Kind.choices)
FACET_LINKS = 15  # values of a facet shown as links


@dataclass
class FacetLink:
    label: str
    count: int
    url: str
    active: bool
    romanized: str = ""


@dataclass
class Chip:
    """A filter in force: what it is, the search without it, and the SearchSpec fields that drop it."""

    title: str
    value: str
    url: str
    without: dict = field(default_factory=dict)
    romanized: str = ""
    count: int | None = None  # what the search would find without it, when that was asked


def _url(params, remove=(), add=(), **changes):
    """The query string of ``params`` with (key, value) pairs removed or added, keys set or
    dropped (None), and no page."""
    q = params.copy()
    q.pop("page", None)
    for key, value in remove:
        kept = [v for v in q.getlist(key) if v.strip() != value]
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


def chosen_year(params):
    """The year when the date filter covers exactly one calendar year, else None."""
    start, end = params.get("date_from", ""), params.get("date_to", "")
    if start[:4] and start[:4] == end[:4] and start.endswith("-01-01") and end.endswith("-12-31"):
        return start[:4]
    return None


def _single_value(params, key, counts, label=str, romanized=None):
    current = params.get(key)
    return [
        FacetLink(label(value), count, _url(params, **{key: None if value == current else value}), value == current,
                  (romanized or {}).get(value, ""))
        for value, count in counts
    ]


def _period_link(params, period, count):
    """The link that narrows the search to ``period``, or widens it again when it is the one chosen."""
    start, end = period.start.isoformat(), period.end.isoformat()
    active = (params.get("date_from"), params.get("date_to")) == (start, end)
    url = _url(params, date_from=None, date_to=None) if active else _url(params, date_from=start, date_to=end)
    return FacetLink(period.label, count, url, active)


def _month(value):
    return date(int(value[:4]), int(value[5:7]), 1)


def facet_groups(page, params, romanized=({}, {})):
    """[(title, [FacetLink])] in the order the page shows them; empty groups left out."""
    facets = page.facets
    people_latin, places_latin = romanized
    people = [p.strip() for p in params.getlist("person")]
    person_links = [
        FacetLink(v, c, _url(params, remove=[("person", v)]) if v in people else _url(params, add=[("person", v)]),
                  v in people, people_latin.get(v, ""))
        for v, c in facets.get("people", [])[:FACET_LINKS]
    ]
    years = sorted(facets.get("year", []))
    groups = [
        (_("来源"), _single_value(params, "source", facets.get("source", [])[:FACET_LINKS])),
        (_("人物"), person_links),
        (_("地点"), _single_value(params, "place", facets.get("places", [])[:FACET_LINKS], romanized=places_latin)),
        (_("活动类型"), _single_value(params, "kind", facets.get("kinds", []), lambda k: KIND_LABELS.get(k, k))),
        (_("年份"), [_period_link(params, year_period(int(y)), c) for y, c in years]),
    ]
    year = chosen_year(params)
    if year:
        months = sorted((m, c) for m, c in facets.get("month", []) if m.startswith(year))
        groups.append((_("月份"), [_period_link(params, month_period(_month(m)), c) for m, c in months]))
    return [(title, links) for title, links in groups if links]


def active_filters(spec, params, romanized=({}, {})):
    """[Chip] for each filter in force, as the search ``spec`` reads ``params``."""
    people_latin, places_latin = romanized
    chips = [
        Chip(_("人物"), p, _url(params, remove=[("person", p)]), {"people": tuple(o for o in spec.people if o != p)},
             people_latin.get(p, ""))
        for p in spec.people
    ]
    if spec.source:
        chips.append(Chip(_("来源"), spec.source, _url(params, source=None), {"source": ""}))
    if spec.place:
        chips.append(Chip(_("地点"), spec.place, _url(params, place=None), {"place": ""}, places_latin.get(spec.place, "")))
    if spec.kind:
        chips.append(Chip(_("活动类型"), KIND_LABELS.get(spec.kind, spec.kind), _url(params, kind=None), {"kind": ""}))
    if spec.date_from or spec.date_to:
        span = f"{spec.date_from or '…'} – {spec.date_to or '…'}"
        chips.append(Chip(_("日期"), span, _url(params, date_from=None, date_to=None), {"date_from": None, "date_to": None}))
    if spec.title_only:
        chips.append(Chip(_("范围"), _("只检索标题"), _url(params, title_only=None), {"title_only": False}))
    return chips


def results_chart(page, params):
    """Results over time on a continuous axis (months under two years, else years), each bar
    leading to the search narrowed to its period, or back from it."""
    months = {_month(m): c for m, c in page.facets.get("month", [])}
    if len(months) < page.spec.facet_limit:
        series = time_series(months)
    else:  # more months than the facet lists: they span many years
        series = year_series({int(y): c for y, c in page.facets.get("year", [])})
    chart = bar_chart(series)
    for bar in chart.bars if chart else ():
        if bar.count:
            link = _period_link(params, bar.period, bar.count)
            bar.url, bar.active = link.url, link.active
    return chart
