"""Counts of public consultations and their responses, for the public "Data dan Statistik" page (registered in
consultations/wagtail_hooks.py). Only counts per consultation leave this module: never a response's text, name,
organisation or e-mail (the published excerpts stay on each consultation's "Apa yang kami dengar")."""

from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from home.charts import stacked_bars
from home.periods import MONTHS, aware, month_start
from home.reports import Report


def report(today):
    from consultations.models import ConsultationPage

    since = aware(month_start(today, MONTHS - 1))
    now = timezone.now()
    opened = ConsultationPage.objects.live().public().filter(opens_at__lte=now)
    pages = list(
        (opened.filter(opens_at__gte=since) | opened.filter(closes_at__gt=now))
        .annotate(received=Count("responses"))
        .order_by("opens_at", "pk")
        .only("pk", "title", "opens_at", "closes_at", "outcome_published")
    )
    label = _("Responses")

    def name(page):
        return f"{page.title} ({formats.date_format(timezone.localtime(page.opens_at), 'j M Y')})"

    rows = [[name(p), p.status_label, p.received] for p in pages]
    title = _("Responses per public consultation")
    return Report(
        key="konsultasi",
        title=title,
        intro=_(
            "Public consultations opened in the last 12 months (and older ones still open), with the number of "
            "responses each received and where it stands now."
        ),
        chart=stacked_bars("konsultasi", title, [(row[0], {label: row[2]}) for row in rows], [label]),
        headers=[_("Consultation"), _("Status"), label],
        rows=rows,
        footer=[_("Total"), "", sum(p.received for p in pages)],
    )


def open_statistics(today):
    return [report(today)]
