"""Public views of the register, served through OrmasIndexPage's routes (ormas/models.py)."""

import csv
import io
import json
import re

from django.apps import apps
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import urlencode

from ormas import register
from ormas.models import PUBLIC_COLUMNS, Ormas

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
LIST_TEMPLATE = "ormas/ormas_index_page.html"
DETAIL_TEMPLATE = "ormas/ormas_detail.html"


def register_list(request, page):
    regencies = register.regencies()
    form = register.RegisterFilterForm(request.GET, regencies)
    values = form.values()
    queryset = register.filtered(values, regencies=regencies)
    summary = register.summary(queryset, regencies)
    paginator = Paginator(queryset, register.PER_PAGE)
    paginator.count = summary["total"]  # the summary counted the same rows: no COUNT(*) of its own
    page_obj = paginator.get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k in form.fields and v}
    suffix = ("?" + urlencode(query)) if query else ""
    context = {
        "form": form,
        "filtered": bool(set(values) - {"urut"}),
        "page_obj": page_obj,
        "summary": summary,
        "tile_map": register.tile_map(summary["regencies"]),
        "as_of": register.data_as_of(),
        "csv_url": page.url + "unduh/csv/" + suffix,
        "json_url": page.url + "unduh/json/" + suffix,
        "licence": register.LICENCE,
        "licence_url": register.LICENCE_URL,
        "window_days": 90,
    }
    return page.render_route(request, LIST_TEMPLATE, context)


def detail(request, page, key):
    if not SLUG.fullmatch(key):
        raise Http404  # before any query: a NUL or odd text in the address is a 404, never a database error
    rows = Ormas.objects.with_status().select_related("regency")
    if key.isdigit():
        ormas = rows.filter(pk=int(key)).first()
        if ormas is None:
            raise Http404
        return redirect(page.url + ormas.slug + "/", permanent=True)
    ormas = rows.filter(slug=key).first()
    if ormas is None:
        raise Http404
    context = {
        "ormas": ormas,
        "correction_url": correction_url(ormas),
        "as_of": register.data_as_of(),
    }
    return page.render_route(request, DETAIL_TEMPLATE, context)


def correction_url(ormas):
    """The feedback form with this ormas named in the message and the ormas topic chosen (feedback/forms.py reads
    `tentang` and `topik`); empty when the site has no live feedback page."""
    FeedbackPage = apps.get_model("feedback", "FeedbackPage")
    feedback_page = FeedbackPage.objects.live().first()
    if feedback_page is None:
        return ""
    number = ormas.register_number or ormas.ahu_number or ormas.skt_number
    about = f"Koreksi data ormas: {ormas.name} ({number})"
    return feedback_page.url + "?" + urlencode({"tentang": about, "topik": "ormas", "jenis": "saran"})


def download(request, page, kind):
    regencies = register.regencies()
    values = register.RegisterFilterForm(request.GET, regencies).values()
    rows = [ormas.public_record() for ormas in register.filtered(values, regencies=regencies)]
    as_of = register.data_as_of()
    stamp = (as_of or timezone.localtime()).date().isoformat()
    meta = {
        "judul": "Data ormas Provinsi Kalimantan Tengah",
        "sumber": page.source_note,
        "lisensi": register.LICENCE,
        "lisensi_url": register.LICENCE_URL,
        "data_per": as_of.isoformat() if as_of else "",
        "alamat": page.full_url,
    }
    if kind == "json":
        body = json.dumps({**meta, "jumlah": len(rows), "data": rows}, ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        filename = f"data-ormas-kalteng-{stamp}.json"
    else:
        out = io.StringIO()
        # Two comment lines first (licence, source, date); spreadsheet programs show them, csv readers skip "#".
        out.write(f"# {meta['judul']}. Lisensi {register.LICENCE} ({register.LICENCE_URL}).\n")
        out.write(f"# Sumber: {meta['sumber']} Data per {meta['data_per'] or '-'}. {meta['alamat']}\n")
        writer = csv.DictWriter(out, fieldnames=PUBLIC_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        filename = f"data-ormas-kalteng-{stamp}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
