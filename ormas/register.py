"""The register's queries: the visitor's filters, search and sort, and the summary counts, all from one queryset.

Every number on the page (result count, per kabupaten/kota, per legal form, per bidang, SKTs expiring soon) is
computed from the same filtered queryset as the list and the downloads, so they always agree. The number of queries
does not depend on the number of rows (tests/ormas/test_public.py counts them at 5 and 50 rows).
"""

import datetime as dt
from collections import Counter

from django import forms
from django.db import connection
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from ormas.models import INCORPORATED, RENEWAL_WINDOW_DAYS, Activity, LegalForm, Ormas, Regency, Scope, Status
from ormas.regions import TILES, short_name

PER_PAGE = 25
IMPORT_ACTION = "ormas.import"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.id"
SORTS = {
    "nama": ("name", "pk"),
    "-nama": ("-name", "-pk"),
    "laporan": (F("latest_report_date").desc(nulls_last=True), "name", "pk"),
    "berlaku": (F("skt_valid_until").asc(nulls_last=True), "name", "pk"),
}


def _blank(label):
    return [("", label)]


class RegisterFilterForm(forms.Form):
    """The visitor's GET form: every field optional; a value that is not offered is ignored, never an error page."""

    q = forms.CharField(label=_("Name or abbreviation"), required=False, max_length=100)
    kab = forms.ChoiceField(label=_("Regency or city"), required=False)
    bidang = forms.ChoiceField(
        label=_("Field of activity"), required=False, choices=_blank(_("All fields")) + Activity.choices
    )
    bentuk = forms.ChoiceField(
        label=_("Legal form"), required=False, choices=_blank(_("All legal forms")) + LegalForm.choices
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_blank(_("All statuses")) + Status.choices)
    lingkup = forms.ChoiceField(label=_("Scope"), required=False, choices=_blank(_("All scopes")) + Scope.choices)
    urut = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("nama", _("Name (A–Z)")),
            ("-nama", _("Name (Z–A)")),
            ("laporan", _("Latest annual report first")),
            ("berlaku", _("SKT expiring first")),
        ],
    )

    def __init__(self, data, regencies):
        super().__init__(data)
        self.fields["kab"].choices = _blank(_("All regencies and cities")) + [(r.code, r.name) for r in regencies]

    def values(self):
        self.is_valid()  # fills cleaned_data with the fields that are valid; the others are left out
        return {name: value for name, value in self.cleaned_data.items() if value}


def search(queryset, text):
    """Name or abbreviation.

    PostgreSQL: full-text words under both the 'simple' configuration (the words as typed, so "pemuda" finds
    "Pemuda") and the 'indonesian' one (PostgreSQL's Snowball stemmer for Bahasa Indonesia, which strips affixes, so
    "kepedulian" finds "Peduli" and "lingkungannya" finds "Lingkungan"), or a substring. Elsewhere (SQLite) a
    case-insensitive substring.
    """
    text = " ".join(text.split())[:100]
    if not text:
        return queryset
    substring = Q(name__icontains=text) | Q(abbreviation__icontains=text)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        words = SearchVector("name", "abbreviation", config="simple")
        stems = SearchVector("name", "abbreviation", config="indonesian")
        return queryset.annotate(words=words, stems=stems).filter(
            Q(words=SearchQuery(text, config="simple", search_type="websearch"))
            | Q(stems=SearchQuery(text, config="indonesian", search_type="websearch"))
            | substring
        )
    return queryset.filter(substring)


def filtered(values, today=None, regencies=None):
    """The register after the visitor's filters (a dict from RegisterFilterForm.values()), with `status`."""
    queryset = Ormas.objects.with_status(today).select_related("regency")
    if values.get("q"):
        queryset = search(queryset, values["q"])
    if values.get("kab"):
        queryset = queryset.filter(regency__code=values["kab"])
    if values.get("bidang"):
        queryset = queryset.filter(activity=values["bidang"])
    if values.get("bentuk"):
        queryset = queryset.filter(legal_form=values["bentuk"])
    if values.get("lingkup"):
        queryset = queryset.filter(scope=values["lingkup"])
    if values.get("status"):
        queryset = queryset.filter(status=values["status"])
    return queryset.order_by(*SORTS[values.get("urut") or "nama"])


def summary(queryset, regencies, today=None):
    """Counts per kabupaten/kota, legal form and bidang, the total and the SKTs expiring within 90 days.

    One query: the ormas counted per (kabupaten/kota, legal form, bidang, scope), summed up here. Its rows are the
    combinations that occur, a few hundred at most, whatever the size of the register."""
    today = today or timezone.localdate()
    soon = Q(
        legal_form=LegalForm.SKT,
        sanction="",
        skt_valid_until__gte=today,
        skt_valid_until__lte=today + dt.timedelta(days=RENEWAL_WINDOW_DAYS),
    )
    groups = (
        queryset.order_by()
        .values_list("regency_id", "legal_form", "activity", "scope")
        .annotate(n=Count("pk"), expiring=Count("pk", filter=soon))
    )
    per_regency, per_form, per_activity = Counter(), Counter(), Counter()
    total = expiring = province = 0
    for regency_id, legal_form, activity, scope, n, n_expiring in groups:
        per_regency[regency_id] += n
        per_form[legal_form] += n
        per_activity[activity] += n
        total += n
        expiring += n_expiring
        province += n if scope == Scope.PROVINCE else 0
    return {
        "total": total,
        "expiring": expiring,
        "province": province,  # the figure the agency gives the press next to the total
        "regencies": [{"regency": r, "count": per_regency[r.pk]} for r in regencies],
        "legal_forms": [{"label": label, "count": per_form[value]} for value, label in LegalForm.choices],
        "incorporated": sum(per_form[value] for value in INCORPORATED),
        "activities": sorted(
            ({"label": label, "count": per_activity[value]} for value, label in Activity.choices),
            key=lambda row: (-row["count"], str(row["label"])),
        ),
    }


# -- the tile map -----------------------------------------------------------------------------------------------
TILE = 104
GAP = 6
SHADES = ["#eef4fa", "#c6dbef", "#7fb0d8", "#2f76b4", "#0b3d63"]  # light to dark (dark text on the first three)


def tile_map(regency_counts):
    """Geometry of an SVG tile grid: one equal square per kabupaten/kota, shaded by its count (five steps)."""
    highest = max((row["count"] for row in regency_counts), default=0)
    tiles = []
    for row in regency_counts:
        regency, count = row["regency"], row["count"]
        grid_row, grid_col = TILES.get(regency.code, (3, 0))
        step = 0 if not highest or not count else min(4, 1 + (count * 4 - 1) // highest)
        tiles.append(
            {
                "code": regency.code,
                "label": short_name(regency.name),
                "count": count,
                "x": grid_col * (TILE + GAP),
                "y": grid_row * (TILE + GAP),
                "fill": SHADES[step],
                "text": "#ffffff" if step >= 3 else "#1a1a1a",
            }
        )
    columns = 1 + max((t["x"] for t in tiles), default=0) // (TILE + GAP)
    rows = 1 + max((t["y"] for t in tiles), default=0) // (TILE + GAP)
    return {
        "tiles": tiles,
        "width": columns * (TILE + GAP) - GAP,
        "height": rows * (TILE + GAP) - GAP,
        "size": TILE,
        "legend": SHADES,
    }


def data_as_of():
    """The latest change to the register: a row edited or an import run (even one that changed nothing)."""
    latest = Ormas.objects.aggregate(latest=Max("updated_at"))["latest"]
    imported = (
        ModelLogEntry.objects.filter(action=IMPORT_ACTION).order_by("-timestamp").values_list("timestamp", flat=True)
    ).first()
    moments = [m for m in (latest, imported) if m]
    return timezone.localtime(max(moments)) if moments else None


def regencies():
    return list(Regency.objects.order_by("code"))
