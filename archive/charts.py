"""A bar chart of counts over time, laid out here and drawn as SVG by templates/archive/_chart.html."""
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 160
TOP, BOTTOM, LEFT = 12, 24, 32  # margins for the value and date labels


@dataclass
class Bar:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    bars: list
    top: int
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: int = HEIGHT - BOTTOM

    @property
    def total(self):
        return sum(bar.count for bar in self.bars)

    @property
    def span(self):
        return self.bars[0].label, self.bars[-1].label

    @property
    def labelled(self):
        """The bars whose label is drawn under the axis: every n-th, at most eight."""
        return self.bars[:: max(1, -(-len(self.bars) // 8))]


def bar_chart(series):
    """Lay out [(label, count)] as bars scaled to the largest count; None when there is nothing to draw."""
    if not series:
        return None
    top = max(count for _, count in series) or 1
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT) / len(series)
    gap = min(2.0, slot / 4)
    bars = []
    for i, (label, count) in enumerate(series):
        height = plot_height * count / top
        bars.append(Bar(label, count, round(LEFT + i * slot + gap / 2, 2), round(TOP + plot_height - height, 2),
                        round(slot - gap, 2), round(height, 2)))
    return Chart(bars=bars, top=top)
