"""Counts of the ormas register for the public "Data dan Statistik" page (registered in ormas/wagtail_hooks.py):
per kabupaten/kota, per legal form and per status, from the same queryset and summary as the register page
(ormas/register.py), so both pages always show the same numbers. Counts of organisations only: no officer, no
address (the register page itself publishes each organisation under its own rules, ormas/models.py)."""

from django.db.models import Count
from django.utils.translation import gettext as _

from home.charts import stacked_bars
from home.reports import Report
from ormas import register
from ormas.models import Status


def _report(key, title, intro, first_header, pairs):
    label = _("Organisations")
    rows = [[name, count] for name, count in pairs]
    return Report(
        key=key,
        title=title,
        intro=intro,
        chart=stacked_bars(key, title, [(name, {label: count}) for name, count in pairs], [label]),
        headers=[first_header, label],
        rows=rows,
        footer=[_("Total"), sum(count for _name, count in pairs)],
    )


def open_statistics(today):
    regencies = register.regencies()
    queryset = register.filtered({}, today=today, regencies=regencies)
    summary = register.summary(queryset, regencies, today=today)
    per_status = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
    return [
        _report(
            "ormas-wilayah",
            _("Ormas per regency or city"),
            _("Organisations in the register by the kabupaten or kota of their secretariat."),
            _("Regency or city"),
            [(row["regency"].name, row["count"]) for row in summary["regencies"]],
        ),
        _report(
            "ormas-bentuk",
            _("Ormas per legal form"),
            _(
                "Organisations in the register by legal form: incorporated associations and foundations (AHU "
                "decree) and ormas registered with an SKT."
            ),
            _("Legal form"),
            [(str(row["label"]), row["count"]) for row in summary["legal_forms"]],
        ),
        _report(
            "ormas-status",
            _("Ormas per status"),
            _(
                "Organisations in the register by status on the day shown: SKTs expire after five years; frozen "
                "and revoked follow a sanction decree."
            ),
            _("Status"),
            [(str(label), per_status.get(value, 0)) for value, label in Status.choices],
        ),
    ]
