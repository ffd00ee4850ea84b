""" "Apa yang kami dengar": counts per topic and per question, as server-rendered SVG bar charts and tables.

Charts are plain SVG computed here (no JavaScript, nothing from another host). Each chart is an image with a title
and a description that reads out every number, and the same numbers are always in a table next to it, so nobody
depends on seeing the bars.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _
from forms_builder.forms.models import FieldEntry

from builtforms.models import KINDS_WITH_CHOICES, BuiltFormField, FieldKind

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
    """Everything "Apa yang kami dengar" shows for `page`, in four queries whatever the number of responses.

    Topic counts come from the responses' `topics`; question counts from the answers stored in forms_builder's
    FieldEntry rows, counted by the database (one row per question and distinct answer, not per response).
    """
    rows = list(page.responses.values_list("topics", "entry_id"))
    total = len(rows)
    charts = []

    topic_labels = page.topic_choices()
    if topic_labels:
        counts = Counter()
        for topics, _entry in rows:
            counts.update(t for t in topics or [] if t in topic_labels)
        charts.append(
            bar_chart(
                "topics",
                _("Responses per topic (a response may cover several topics)"),
                {label: counts[label] for label in topic_labels},
                total,
            )
        )

    charts.extend(question_charts(page, total))
    quotes = list(page.responses.filter(quote_approved=True).exclude(quote="").values_list("quote", flat=True))
    return Results(total=total, charts=charts, quotes=quotes)


def question_charts(page, total):
    """A chart per choice question of the page's form, with every option (also those nobody chose).

    Free-text questions are not charted: the team reads those answers, and publishes quotes it approves.
    """
    if not page.question_form_id or not total:
        return []
    questions = [
        field
        for field in BuiltFormField.objects.filter(built_form_id=page.question_form_id).order_by("sort_order", "pk")
        if field.kind in KINDS_WITH_CHOICES
    ]
    if not questions:
        return []
    stored = (
        FieldEntry.objects.filter(
            entry__in=page.responses.exclude(entry=None).values("entry_id"),
            field_id__in=[q.pk for q in questions],
        )
        .exclude(value="")
        .exclude(value=None)
        .values_list("field_id", "value")
        .annotate(n=Count("id"))
    )
    counts = {q.pk: Counter() for q in questions}
    options = {q.pk: [label for label, _value in q.get_choices()] for q in questions}
    for field_id, value, n in stored:
        for option in split_choices(value, options[field_id]):
            counts[field_id][option] += n
    charts = []
    for question in questions:
        title = question.label
        if question.kind == FieldKind.CHECKBOXES:
            title = _("%(question)s (a response may choose several)") % {"question": question.label}
        tally = counts[question.pk]
        charts.append(bar_chart(f"question-{question.pk}", title, {o: tally[o] for o in options[question.pk]}, total))
    return charts


def split_choices(value, options):
    """The options in a stored answer. forms_builder joins several with ", ", and an option may itself hold a comma
    (a quoted choice), so the answer is read by matching known options, longest first; anything else is ignored."""
    found = []
    by_length = sorted(options, key=len, reverse=True)
    position = 0
    while position < len(value):
        for option in by_length:
            end = position + len(option)
            if value.startswith(option, position) and (end == len(value) or value.startswith(", ", end)):
                found.append(option)
                position = end + 2
                break
        else:
            # Not an option (the form changed since): skip to the next separator.
            next_separator = value.find(", ", position)
            if next_separator < 0:
                break
            position = next_separator + 2
    return found
