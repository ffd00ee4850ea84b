"""Counts of the ormas register for the public "Data dan Statistik" page (registered in ormas/wagtail_hooks.py):
per kabupaten/kota, per legal form and per status, over the whole register with the status rule of the register page
(ormas/models.py `status_expression`), so both pages show the same numbers. Counts of organisations only: no
officer, no address (the register page itself publishes each organisation under its own rules, ormas/models.py)."""

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext as _

from home.charts import stacked_bars
from home.reports import Report
from ormas.models import LegalForm, Regency, Status, status_expression


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


def counts(today):
    """({(regency code, name): ormas}, {legal form: ormas}, {status: ormas}) in one query whatever the size of the
    register (the page's query budget, docs/performance.md "Queries per page"): the ormas counted per (kabupaten/kota,
    legal form, status) from the regencies' side, so that a kabupaten/kota without ormas keeps its row (a LEFT JOIN:
    one row without legal form, counting 0). Regencies in the register page's order (by code)."""
    rows = (
        Regency.objects.annotate(status=status_expression(today, through="ormas__"))
        .values_list("code", "name", "ormas__legal_form", "status")
        .annotate(n=Count("ormas"))
        .order_by("code")
    )
    per_regency, per_form, per_status = Counter(), Counter(), Counter()
    for code, name, legal_form, status, n in rows:
        per_regency[code, name] += n
        per_form[legal_form] += n
        per_status[status] += n
    return per_regency, per_form, per_status


def open_statistics(today):
    per_regency, per_form, per_status = counts(today)
    return [
        _report(
            "ormas-wilayah",
            _("Ormas per regency or city"),
            _("Organisations in the register by the kabupaten or kota of their secretariat."),
            _("Regency or city"),
            [(name, n) for (_code, name), n in per_regency.items()],
        ),
        _report(
            "ormas-bentuk",
            _("Ormas per legal form"),
            _(
                "Organisations in the register by legal form: incorporated associations and foundations (AHU "
                "decree) and ormas registered with an SKT."
            ),
            _("Legal form"),
            [(str(label), per_form[value]) for value, label in LegalForm.choices],
        ),
        _report(
            "ormas-status",
            _("Ormas per status"),
            _(
                "Organisations in the register by status on the day shown: SKTs expire after five years; frozen "
                "and revoked follow a sanction decree."
            ),
            _("Status"),
            [(str(label), per_status[value]) for value, label in Status.choices],
        ),
    ]
