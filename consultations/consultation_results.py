""" "Apa yang kami dengar": counts per topic and per question, as server-rendered SVG bar charts and tables.

Charts are plain SVG computed here (no JavaScript, nothing from another host). Each chart is an image with a title
and a description that reads out every number, and the same numbers are always in a table next to it, so nobody
depends on seeing the bars.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Geometry of the SVG, in user units; the viewBox scales it to any width.
CHART_WIDTH = 420
BAR_AREA = 320
ROW_HEIGHT = 46
LABEL_OFFSET = 16
BAR_OFFSET = 22
BAR_HEIGHT = 16


@dataclass
class ChartRow:
    label: str
    count: int
    percent: int
    y_label: int = 0
    y_bar: int = 0
    width: int = 0


@dataclass
class Chart:
    key: str
    title: str
    total: int
    rows: list = field(default_factory=list)

    @property
    def height(self):
        return max(1, len(self.rows)) * ROW_HEIGHT

    @property
    def width(self):
        return CHART_WIDTH

    @property
    def description(self):
        parts = [f"{row.label}: {row.count} ({row.percent}%)" for row in self.rows]
        return "; ".join(parts) + "."


def bar_chart(key, title, counts, total):
    """A Chart from {label: count}, largest first (ties keep their given order)."""
    ordered = sorted(counts.items(), key=lambda pair: -pair[1])
    biggest = max([count for _label, count in ordered] or [0])
    chart = Chart(key=key, title=title, total=total)
    for index, (label, count) in enumerate(ordered):
        chart.rows.append(
            ChartRow(
                label=str(label),
                count=count,
                percent=round(100 * count / total) if total else 0,
                y_label=index * ROW_HEIGHT + LABEL_OFFSET,
                y_bar=index * ROW_HEIGHT + BAR_OFFSET,
                # A non-zero count always shows at least a sliver of bar.
                width=max(2, round(BAR_AREA * count / biggest)) if count else 0,
            )
        )
    return chart


@dataclass
class Results:
    total: int
    charts: list
    quotes: list


def results_for(page):
    """Everything "Apa yang kami dengar" shows for `page`, in two queries whatever the number of responses."""
    rows = list(page.responses.values_list("topics", "answers"))
    total = len(rows)
    charts = []

    topic_labels = page.topic_choices()
    if topic_labels:
        counts = Counter()
        for topics, _answers in rows:
            counts.update(t for t in topics or [] if t in topic_labels)
        charts.append(
            bar_chart(
                "topics",
                _("Responses per topic (a response may cover several topics)"),
                {label: counts[label] for label in topic_labels},
                total,
            )
        )

    questions = {}
    for _topics, answers in rows:
        for question, value in (answers or {}).items():
            values = value if isinstance(value, list) else [value]
            counter = questions.setdefault(question, Counter())
            counter.update(str(v) for v in values if str(v).strip())
    for index, (question, counter) in enumerate(questions.items(), start=1):
        # Only questions with a few distinct answers are charted; free-text answers would make one bar each.
        if counter and len(counter) <= 12:
            charts.append(bar_chart(f"question-{index}", question, dict(counter), total))

    quotes = list(page.responses.filter(quote_approved=True).exclude(quote="").values_list("quote", flat=True))
    return Results(total=total, charts=charts, quotes=quotes)
