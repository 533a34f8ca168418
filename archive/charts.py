"""Counts over time as a bar chart, laid out here and drawn as SVG by templates/archive/_chart.html.

The time axis is continuous: every month (or year) from the first to the last has its slot,
so a stretch without articles shows as a gap, not as neighbouring bars. Under two years the
bars are months, else years. The chart is as wide as its column: bars are placed in percent
of the width and the text keeps its size in pixels, so labels stay readable on a phone.
"""
import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

#: A span of fewer months than this is drawn month by month, a longer one year by year.
MONTH_SCALE_UNDER = 24
HEIGHT, TOP, BOTTOM = 150, 20, 26  # pixels: the top value's label above the plot, the dates below
#: Date labels under the axis: at most this many everywhere, twice as many where the chart is wide.
LABELS, WIDE_LABELS = 4, 8
BAR_SHARE = 0.8  # of a slot's width; the rest is the space between bars


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date
    yearly: bool


def month_period(first_day):
    last_day = calendar.monthrange(first_day.year, first_day.month)[1]
    return Period(first_day.strftime("%Y-%m"), first_day, first_day.replace(day=last_day), yearly=False)


def year_period(year):
    return Period(f"{year:04d}", date(year, 1, 1), date(year, 12, 31), yearly=True)


def time_series(counts):
    """[(Period, count)] from ``counts`` ({first day of month: count}): every month from the
    first to the last, zeros included; every year instead when they span two years or more."""
    if not counts:
        return []
    first, last = min(counts), max(counts)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months >= MONTH_SCALE_UNDER:
        years = Counter()
        for month, n in counts.items():
            years[month.year] += n
        return year_series(years)
    series = []
    for i in range(months):
        month = date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
        series.append((month_period(month), counts.get(month, 0)))
    return series


def year_series(counts):
    """[(Period, count)] for every year from the first to the last of ``counts`` ({year: count})."""
    if not counts:
        return []
    return [(year_period(y), counts.get(y, 0)) for y in range(min(counts), max(counts) + 1)]


@dataclass
class Bar:
    period: Period
    count: int
    column: float  # where its slot begins, in percent of the width (a slot can be pointed at as a whole)
    x: float  # percent of the width
    width: float  # percent of the width
    y: float  # pixels
    height: float  # pixels
    url: str = ""  # where choosing the bar leads, if anywhere
    active: bool = False

    @property
    def label(self):
        return self.period.label


@dataclass
class Tick:
    label: str
    x: float  # percent of the width
    anchor: str  # SVG text-anchor: the first label starts at its bar, the last ends at its bar
    wide_only: bool  # drawn only where the chart is wide enough for twice as many labels


@dataclass
class Chart:
    bars: list
    top: int
    slot: float  # percent of the width per bar
    height: int = HEIGHT
    top_y: int = TOP
    baseline: int = HEIGHT - BOTTOM
    ticks: list = field(default_factory=list)

    @property
    def total(self):
        return sum(bar.count for bar in self.bars)

    @property
    def span(self):
        return self.bars[0].label, self.bars[-1].label

    @property
    def yearly(self):
        return self.bars[0].period.yearly

    @property
    def label_y(self):
        return self.height - 8

    @property
    def plot_height(self):
        return self.baseline - self.top_y


def bar_chart(series):
    """Lay out [(Period, count)] as bars scaled to the largest count; None when there is nothing to draw."""
    if not series:
        return None
    top = max(count for _, count in series) or 1
    plot_height = HEIGHT - TOP - BOTTOM
    slot = 100 / len(series)
    bars = []
    for i, (period, count) in enumerate(series):
        height = plot_height * count / top
        bars.append(Bar(period, count, column=round(i * slot, 3), x=round(i * slot + slot * (1 - BAR_SHARE) / 2, 3),
                        width=round(slot * BAR_SHARE, 3), y=round(TOP + plot_height - height, 2), height=round(height, 2)))
    return Chart(bars=bars, top=top, slot=round(slot, 3), ticks=_ticks(bars))


def _ticks(bars):
    """Date labels under every n-th bar: at most LABELS, and up to WIDE_LABELS where there is room."""
    every = -(-len(bars) // LABELS)
    every_wide = -(-len(bars) // WIDE_LABELS)
    ticks = []
    for i, bar in enumerate(bars):
        if i % every and i % every_wide:
            continue
        center = bar.x + bar.width / 2
        if i == 0:
            x, anchor = bar.x, "start"
        elif center > 85:
            x, anchor = bar.x + bar.width, "end"
        else:
            x, anchor = center, "middle"
        ticks.append(Tick(bar.label, round(x, 3), anchor, wide_only=bool(i % every)))
    return ticks
