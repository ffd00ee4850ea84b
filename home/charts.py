"""Server-rendered SVG bar charts for the admin's reports (and any page that wants one).

No JavaScript and nothing from another host: the chart is geometry computed here and drawn by
`templates/components/charts/stacked_bars.html`. Every chart is an image whose title and description read out every
number, and the same numbers always sit in a table next to it, so nobody depends on seeing the bars.

One chart type covers the reports: horizontal bars, one per row, each split into coloured segments (a series per
participant category, per topic, or "on time / late"). A single series is simply a bar with one segment. The
public "Apa yang kami dengar" charts (consultations/results.py) use the same idea with their own
percent labels; they can move onto this helper when that area is next touched.
"""

from dataclasses import dataclass, field

# Geometry in SVG user units; the viewBox scales the drawing to any width.
LABEL_WIDTH = 240
BAR_AREA = 360
VALUE_GAP = 8
VALUE_WIDTH = 60
ROW_HEIGHT = 30
BAR_HEIGHT = 18
LEGEND_ROW = 22

# Colour-blind-safe palette (Okabe-Ito), dark enough on white for the 3:1 contrast graphics need.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8a6d00", "#56B4E9", "#000000", "#E69F00"]


@dataclass
class Segment:
    series: str
    value: float
    x: float
    width: float
    colour: str


@dataclass
class Bar:
    label: str
    total: float
    display: str
    y: int
    end_x: float = LABEL_WIDTH
    segments: list = field(default_factory=list)


@dataclass
class LegendItem:
    label: str
    colour: str
    y: int


@dataclass
class StackedBarChart:
    key: str
    title: str
    bars: list
    legend: list
    height: int
    width: int = LABEL_WIDTH + BAR_AREA + VALUE_GAP + VALUE_WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def description(self):
        """Every number in words, for screen readers (the table carries the same)."""
        parts = []
        for bar in self.bars:
            detail = ", ".join(f"{segment.series} {_number(segment.value)}" for segment in bar.segments)
            parts.append(f"{bar.label}: {bar.display}" + (f" ({detail})" if len(self.legend) > 1 and detail else ""))
        return "; ".join(parts) + "." if parts else ""


def _number(value):
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def stacked_bars(key, title, rows, series, *, maximum=None, display=None):
    """A chart from `rows` = [(label, {series: value})] with `series` = the segment names in legend order.

    `maximum` fixes the scale (100 for percentages); otherwise the largest bar fills the width. `display(total)`
    formats the number printed after a bar (default: the total as a number).
    """
    totals = [sum(values.get(name, 0) or 0 for name in series) for _label, values in rows]
    scale_max = maximum if maximum is not None else max(totals or [0])
    colours = {name: PALETTE[index % len(PALETTE)] for index, name in enumerate(series)}
    legend = [
        LegendItem(label=str(name), colour=colours[name], y=index * LEGEND_ROW) for index, name in enumerate(series)
    ]
    top = len(legend) * LEGEND_ROW + 8 if len(series) > 1 else 0
    bars = []
    for index, ((label, values), total) in enumerate(zip(rows, totals, strict=True)):
        bar = Bar(
            label=str(label),
            total=total,
            display=display(total) if display else _number(total),
            y=top + index * ROW_HEIGHT,
        )
        x = float(LABEL_WIDTH)
        for name in series:
            value = values.get(name, 0) or 0
            if not value:
                continue
            width = BAR_AREA * value / scale_max if scale_max else 0
            bar.segments.append(
                Segment(series=str(name), value=value, x=round(x, 1), width=round(width, 1), colour=colours[name])
            )
            x += width
        bar.end_x = round(x + VALUE_GAP, 1)
        bars.append(bar)
    height = max(top + len(bars) * ROW_HEIGHT, ROW_HEIGHT)
    return StackedBarChart(
        key=key, title=str(title), bars=bars, legend=legend if len(series) > 1 else [], height=height
    )
