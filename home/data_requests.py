"""Data-subject requests (UU 27/2022, articles 7-9 and 16): for a person identified by e-mail, show what the site
holds about them, export it (JSON or XLSX) and erase it everywhere. Settings › Pelindungan data in the admin.

Only users with `home.handle_data_requests` (a permission of `home.DataSubjectRequest`; administrators) get in;
everyone else gets a 403. Every export and erasure is written to Wagtail's history (Reports › Site history) with
who, when and the counts, naming the person only by a keyed hash (`home.personal_data.subject_hash`), never by the
address. Erasure asks for confirmation in a second POST; both go through Django's CSRF check.
The e-mail travels in POST bodies only, never in a URL (which browsers keep in their history and proxies log).
"""

import functools
import json

from django import forms
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from home import personal_data, spreadsheets
from home.security import forbidden

PERMISSION = "home.handle_data_requests"
TEMPLATE = "home/admin/data_requests.html"
EXPORT_ACTION = "kesbangpol.personal_data.export"
ERASE_ACTION = "kesbangpol.personal_data.erase"


class PersonForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person"),
        max_length=254,
        help_text=_("The address the person used on the site's forms."),
    )


def permission_required(view):
    """403 (not Wagtail's redirect to the dashboard) for anyone without the permission: honest and testable."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.has_perm(PERMISSION):
            return forbidden(request, _("Only administrators may export or erase a person's personal data."))
        return view(request, *args, **kwargs)

    return wrapper


def summary(email):
    """[(source, number of rows)] for the page, every source listed (zero too), so the admin sees where was looked."""
    return [(source, rows.count()) for source, rows in personal_data.find_person(email).items()]


def audit(request, action, email, data):
    """A line in Wagtail's history. It is logged against the administrator's own account (the object Wagtail's
    reports can always look up), titled with the person's keyed hash."""
    subject = personal_data.subject_hash(email)
    log(request.user, action, user=request.user, title=f"Subjek data {subject}", data={"subject": subject, **data})


@permission_required
def index(request):
    if request.method != "POST":
        return TemplateResponse(request, TEMPLATE, {"form": PersonForm()})
    form = PersonForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(request, TEMPLATE, {"form": form}, status=400)
    email = form.cleaned_data["email"]
    action = request.POST.get("action", "find")
    if action in ("json", "xlsx"):
        return export(request, email, action)
    if action == "erase":
        if request.POST.get("confirmed") != "yes":
            return TemplateResponse(request, TEMPLATE, {"form": form, "found": summary(email), "confirm": True})
        counts = personal_data.erase_person(email)
        audit(request, ERASE_ACTION, email, {"counts": counts})
        return TemplateResponse(request, TEMPLATE, {"form": PersonForm(), "erased": counts})
    return TemplateResponse(request, TEMPLATE, {"form": form, "found": summary(email)})


def export(request, email, fmt):
    held = personal_data.export_person(email)
    counts = {title: len(rows) for title, rows in held.items()}
    audit(request, EXPORT_ACTION, email, {"format": fmt, "counts": counts})
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"data-pribadi-{personal_data.subject_hash(email)}-{stamp}"
    if fmt == "json":
        document = {"email": email, "exported_at": timezone.localtime().isoformat(), "data": held}
        content = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
        filename += ".json"
    else:
        content = xlsx_bytes(held)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        filename += ".xlsx"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def xlsx_bytes(held):
    """One sheet per place the person's data is held; every cell text or a number, never a formula."""
    if not held:
        return spreadsheets.xlsx_bytes({"Tidak ada data": (["Tidak ada data tersimpan."], [])})
    sheets = {}
    for title, rows in held.items():
        headers = list(dict.fromkeys(key for row in rows for key in row))
        sheets[title] = (headers, [[row.get(header) for header in headers] for row in rows])
    return spreadsheets.xlsx_bytes(sheets)
