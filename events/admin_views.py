"""The events team's views in the Wagtail admin: registrations per event, export, check-in (by search, or the page a
registration's QR code opens), attendance list.

Every view checks a permission of its own (403 otherwise), on top of Wagtail's admin login:
- events.view_registration: see registrations, the check-in search and page, and the attendance list;
- events.change_registration: confirm, cancel, promote from the waitlist, mark attendance, message participants;
- events.export_registration: download XLSX/CSV (each download is written to the audit log).
Actions on a registration look it up within the event of the URL, so no id from another event can be acted on.
"""

import datetime as dt
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, path, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import log

from builtforms import forms as formbuilder
from events import certificates, seats
from events.models import EventPage, ParticipantCategory, Registration
from home import audit, spreadsheets
from home import converters as _converters  # noqa: F401 (registers <rowid:...>)
from home.models import OutboxMessage
from home.phone import display_phone
from home.security import permission_required as _permission_required

VIEW = "events.view_registration"
CHANGE = "events.change_registration"
EXPORT = "events.export_registration"
Status = Registration.Status

REFUSED = gettext_lazy(
    "Your account may not see event registrations. Ask an administrator to add you to the events team."
)


def permission_required(*perms):
    return _permission_required(*perms, reason=REFUSED)


CANCEL_REFUSED_PRESENT = gettext_lazy(
    "%(code)s is checked in and was not cancelled. Undo the check-in first if the person did not come."
)

CERTIFICATES_SENT = "events.certificates.sent"
CHECK_IN = "events.registration.check_in"
CHECK_IN_UNDONE = "events.registration.check_in_undone"
MESSAGE_SENT = "events.registrations.message"


def _event(event_id):
    return get_object_or_404(EventPage.objects.select_related("kind").prefetch_related("seat_pools"), pk=event_id)


def _search_text(request):
    """The search box's text: spaces collapsed, at most 100 characters, and no NUL (PostgreSQL refuses it in a
    query with an error, which would be a 500)."""
    return " ".join(request.GET.get("q", "").replace("\x00", "").split())[:100]


def _filtered(request, event):
    """The event's registrations under the whitelisted GET filters (status, category, search)."""
    registrations = event.registrations.select_related("category")
    status = request.GET.get("status", "")
    if status in Status.values:
        registrations = registrations.filter(status=status)
    else:
        status = ""
    category = request.GET.get("category", "")
    # ASCII digits of a plausible id only: "²" passes isdigit() but not int(), and 25 digits overflow SQLite.
    if category.isascii() and category.isdigit() and len(category) <= 9:
        registrations = registrations.filter(category_id=int(category))
    else:
        category = ""
    query = _search_text(request)
    if query:
        registrations = registrations.filter(
            Q(full_name__icontains=query) | Q(code__icontains=query) | Q(organisation__icontains=query)
        )
    return registrations, {"status": status, "category": category, "q": query}


@permission_required(VIEW)
def event_list(request):
    events = (
        EventPage.objects.filter(registration_enabled=True)
        .select_related("kind")
        .prefetch_related("seat_pools")
        .order_by("-starts_at")
    )
    page = Paginator(events, 30).get_page(request.GET.get("p"))
    return TemplateResponse(request, "events/admin/event_list.html", {"page_obj": page})


@permission_required(VIEW)
def registrations(request, event_id):
    event = _event(event_id)
    rows, filters = _filtered(request, event)
    by_status, by_category, attended = seats.counts(event)
    categories = ParticipantCategory.objects.filter(
        pk__in={category_id for (_status, category_id) in by_category} | {c.category_id for c in event.categories.all()}
    )
    category_counts = [
        (c, by_category.get((Status.CONFIRMED, c.pk), 0), by_category.get((Status.WAITLISTED, c.pk), 0))
        for c in categories
    ]
    page = Paginator(rows.order_by("created_at", "pk"), 100).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/registrations.html",
        {
            "event": event,
            "page_obj": page,
            "filters": filters,
            "by_status": by_status,
            "attended": attended,
            "category_counts": category_counts,
            "categories": categories,
            "statuses": Status.choices,
            "can_change": request.user.has_perm(CHANGE),
            "can_export": request.user.has_perm(EXPORT),
            "query_string": request.GET.urlencode(),
        },
    )


@permission_required(VIEW)
def registration_detail(request, event_id, registration_id):
    event = _event(event_id)
    registration = get_object_or_404(event.registrations.select_related("category"), pk=registration_id)
    answers = []
    if registration.entry_id:
        values = formbuilder.answers_by_entry([registration.entry_id]).get(registration.entry_id, {})
        labels = dict(registration.entry.form.fields.values_list("pk", "label"))
        answers = [(labels.get(field_id, "?"), value) for field_id, value in sorted(values.items())]
    return TemplateResponse(
        request,
        "events/admin/registration_detail.html",
        {
            "event": event,
            "registration": registration,
            "phone": display_phone(registration.phone),
            "answers": answers,
            "can_change": request.user.has_perm(CHANGE),
        },
    )


def _back(request, event, data=None):
    fallback = reverse("events:registrations", args=[event.pk])
    target = (request.POST if data is None else data).get("next", "")
    # Only our own admin paths; never an outside address.
    return target if target.startswith("/admin/") and "//" not in target else fallback


@permission_required(VIEW, CHANGE)
def cancel_registration(request, event_id, registration_id):
    """Cancelling a seat asks first (GET: a confirmation page; POST: cancel), since it mails the person and gives the
    seat away. A person already checked in is not cancelled until the check-in is undone: the attendance would
    otherwise count someone the list says never came."""
    event = _event(event_id)
    registration = get_object_or_404(event.registrations.select_related("category"), pk=registration_id)
    if request.method == "POST":
        was_active = registration.is_active
        promoted = seats.cancel(registration, by_editor=True, keep_checked_in=True)
        if registration.is_active:  # checked in (read under the row lock, so also a check-in since the page showed)
            messages.error(request, CANCEL_REFUSED_PRESENT % {"code": registration.code})
            return redirect(request.get_full_path())
        if was_active:
            messages.success(request, _("%(code)s cancelled.") % {"code": registration.code})
            log(event, "events.registration.cancel", user=request.user, data={"code": registration.code})
        for person in promoted:
            messages.success(request, _("%(code)s moved up from the waitlist.") % {"code": person.code})
        return redirect(_back(request, event))
    return TemplateResponse(
        request,
        "events/admin/cancel_registration.html",
        {"event": event, "registration": registration, "next": _back(request, event, request.GET)},
    )


def _mark_attendance(request, event, registration, *, present):
    seats.mark_attendance(registration, present=present)
    if present == (registration.attended_at is not None):  # only a change that took effect is recorded
        audit.record(event, CHECK_IN if present else CHECK_IN_UNDONE, user=request.user, code=registration.code)
        if present:
            messages.success(
                request,
                _("%(name)s (%(code)s) is marked present.")
                % {"name": registration.full_name, "code": registration.code},
            )
    elif present:
        messages.error(
            request, _("%(code)s is not confirmed and cannot be marked present.") % {"code": registration.code}
        )


@require_POST
@permission_required(VIEW, CHANGE)
def registration_action(request, event_id, registration_id, action):
    event = _event(event_id)
    registration = get_object_or_404(event.registrations, pk=registration_id)
    if action == "confirm":
        if seats.confirm(registration):
            messages.success(request, _("%(code)s confirmed.") % {"code": registration.code})
            log(event, "events.registration.confirm", user=request.user, data={"code": registration.code})
        else:
            messages.error(
                request,
                _("%(code)s could not be confirmed: no seat is free in the event or its category quota.")
                % {"code": registration.code},
            )
    elif action in ("attended", "absent"):
        _mark_attendance(request, event, registration, present=action == "attended")
    return redirect(_back(request, event))


@require_POST
@permission_required(VIEW, CHANGE)
def promote_next(request, event_id):
    event = _event(event_id)
    promoted = seats.promote_next(event)
    if promoted is None:
        messages.error(request, _("Nobody could be moved up: no seat is free, or the waitlist is empty."))
    else:
        messages.success(request, _("%(code)s moved up from the waitlist.") % {"code": promoted.code})
        log(event, "events.registration.confirm", user=request.user, data={"code": promoted.code})
    return redirect(_back(request, event))


@permission_required(VIEW, EXPORT)
def export(request, event_id, fmt):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    event = _event(event_id)
    rows, filters = _filtered(request, event)
    rows = list(rows.order_by("created_at", "pk"))
    columns = formbuilder.question_columns(event.registration_form)
    answers = formbuilder.answers_by_entry([r.entry_id for r in rows])
    headers = [
        _("Code"),
        _("Status"),
        _("Full name"),
        _("E-mail"),
        _("Phone / WhatsApp"),
        _("Organisation / institution"),
        _("Participant category"),
        _("Registered at"),
        _("Confirmed at"),
        _("Cancelled at"),
        _("Attended at"),
        _("Privacy notice version"),
        *[label for _field_id, label in columns],
    ]

    def moment(value):
        # Spreadsheets take naive datetimes; give them in the event's zone (named in the file name's sheet).
        return event.local(value).replace(tzinfo=None) if value else None

    data = [
        [
            r.code,
            r.status_display(),
            r.full_name,
            r.email,
            r.phone,
            r.organisation,
            r.category.name,
            moment(r.created_at),
            moment(r.confirmed_at),
            moment(r.cancelled_at),
            moment(r.attended_at),
            r.consent_version,
            *[answers.get(r.entry_id, {}).get(field_id, "") for field_id, _label in columns],
        ]
        for r in rows
    ]
    if fmt == "csv":
        data = [
            [v.isoformat(sep=" ", timespec="minutes") if isinstance(v, dt.datetime) else v for v in row] for row in data
        ]
    # The audit log gets who, when, which format and how many rows: never the names or addresses themselves.
    log(
        event,
        "events.registrations.export",
        user=request.user,
        data={"format": fmt, "rows": len(data), "filters": {k: v for k, v in filters.items() if k != "q"}},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return spreadsheets.export_response(fmt, f"pendaftar-{event.slug}-{stamp}", headers, data)


@permission_required(VIEW, CHANGE)
def message(request, event_id):
    """Kirim pesan ke peserta: write (GET), preview with the number of recipients (POST), confirm (POST with
    `confirm`), then one mail per person through the outbox and one audit entry (group and count, no names)."""
    from events import notices
    from events.forms import ParticipantMessageForm
    from home.models import OutboxMessage

    event = _event(event_id)
    if request.method != "POST":
        form = ParticipantMessageForm(
            event=event, initial={"token": uuid.uuid4().hex, "group": notices.GROUP_CONFIRMED}
        )
        return TemplateResponse(request, "events/admin/message.html", {"event": event, "form": form})
    form = ParticipantMessageForm(request.POST, event=event)
    if not form.is_valid() or "edit" in request.POST:
        return TemplateResponse(request, "events/admin/message.html", {"event": event, "form": form})
    data = form.cleaned_data
    if "confirm" not in request.POST:
        count = notices.recipients(event, data["group"]).count()
        group_label = dict(form.fields["group"].choices)[data["group"]]
        context = {"event": event, "form": form, "preview": True, "count": count, "group_label": group_label}
        return TemplateResponse(request, "events/admin/message.html", context)
    prefix = notices.message_key_prefix(event, data["token"])
    if OutboxMessage.objects.filter(key__startswith=prefix).exists():
        messages.warning(request, _("This message was already sent; it was not sent again."))
        return redirect("events:registrations", event.pk)
    count = notices.queue_message(
        event, group=data["group"], subject=data["subject"], message=data["message"], token=data["token"]
    )
    audit.record(event, MESSAGE_SENT, user=request.user, group=data["group"], recipients=count)
    messages.success(request, _("The message is on its way to %(count)d people.") % {"count": count})
    return redirect("events:registrations", event.pk)


@permission_required(VIEW)
def check_in(request, event_id):
    event = _event(event_id)
    query = _scanned_code(request.GET.get("q", "")) or _search_text(request)
    results = []
    if query:
        results = list(
            event.registrations.filter(status=Status.CONFIRMED)
            .filter(Q(full_name__icontains=query) | Q(code__iexact=query) | Q(code__icontains=query))
            .select_related("category")
            .order_by("full_name")[:30]
        )
    by_status, _by_category, attended = seats.counts(event)
    response = TemplateResponse(
        request,
        "events/admin/check_in.html",
        {
            "event": event,
            "query": query,
            "results": results,
            "confirmed": by_status[Status.CONFIRMED],
            "attended": attended,
            "can_change": request.user.has_perm(CHANGE),
        },
    )
    # The site-wide Permissions-Policy switches the camera off (camera=()), which would also stop the QR scanner
    # of this page; here, and only here, our own origin may ask for it. The middleware keeps a header a view set.
    response["Permissions-Policy"] = settings.PERMISSIONS_POLICY.replace("camera=()", "camera=(self)")
    return response


@permission_required(VIEW)
def check_in_code(request, code):
    """The page a registration's QR code opens (links.check_in_url): that one registration and, for the team, the
    button that marks it present. The permission is checked before the code is looked up, so a refused visitor
    learns nothing, not even whether the code exists."""
    registration = Registration.objects.select_related("event", "category").filter(code=code).first()
    if registration is None:
        return TemplateResponse(request, "events/admin/check_in_code.html", {"code": code}, status=404)
    return TemplateResponse(
        request,
        "events/admin/check_in_code.html",
        {
            "code": code,
            "registration": registration,
            "event": registration.event,
            "can_change": request.user.has_perm(CHANGE),
        },
    )


def _scanned_code(text):
    """The registration code in a scanned check-in URL (a QR code read into the search box by the page's scanner or
    a handheld scanner that types), else None. Older QR codes hold the bare code, which the search finds as it is."""
    try:
        match = resolve(urlsplit(text).path)
    except Resolver404:
        return None
    return match.kwargs["code"] if match.view_name == "events:check_in_code" else None


@permission_required(VIEW)
def attendance_sheet(request, event_id):
    event = _event(event_id)
    people = event.registrations.filter(status=Status.CONFIRMED).select_related("category").order_by("full_name")
    return TemplateResponse(request, "events/admin/attendance_sheet.html", {"event": event, "people": people})


@permission_required(VIEW, CHANGE)
def send_certificates(request, event_id):
    """Mail every participant marked present the link to their certificate (GET: a confirmation page; POST: send).
    One mail per person, ever: the outbox key is per registration, so sending again reaches only those marked
    present since. The audit log gets the count, never who."""
    event = _event(event_id)
    people = certificates.issued(event)
    if request.method == "POST":
        already = set(
            OutboxMessage.objects.filter(
                key__in=[f"event-registration:{pk}:certificate" for pk in people.values_list("pk", flat=True)]
            ).values_list("key", flat=True)
        )
        sent = 0
        for registration in people.select_related("event"):
            if f"event-registration:{registration.pk}:certificate" not in already and certificates.send_link(
                registration
            ):
                sent += 1
        audit.record(event, CERTIFICATES_SENT, user=request.user, count=sent)
        messages.success(request, _("Certificate links sent to %(count)s participants.") % {"count": sent})
        return redirect("events:registrations", event.pk)
    return TemplateResponse(
        request,
        "events/admin/send_certificates.html",
        {"event": event, "count": people.count(), "is_over": event.ends_at <= timezone.now()},
    )


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


class RegistrationsViewSet(ViewSet):
    """The events team's desk under Admin › Event registrations: the events with registration, each event's
    registrations (filter, confirm, cancel, promote, export), one registration, check-in and the attendance sheet.
    A Wagtail ViewSet, like the feedback inbox: it owns its URLs (namespace `events`) and its menu item."""

    name = "events"
    url_prefix = "pendaftaran-kegiatan"
    icon = "list-ul"
    menu_label = gettext_lazy("Event registrations")
    menu_name = "event-registrations"
    menu_order = 240
    menu_item_class = RegistrationsMenuItem
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [
            path("", event_list, name="events"),
            path("check-in/<slug:code>/", check_in_code, name="check_in_code"),
            path("<rowid:event_id>/", registrations, name="registrations"),
            path("<rowid:event_id>/promosikan/", promote_next, name="promote_next"),
            path("<rowid:event_id>/ekspor.<str:fmt>", export, name="export"),
            path("<rowid:event_id>/check-in/", check_in, name="check_in"),
            path("<rowid:event_id>/kirim-pesan/", message, name="message"),
            path("<rowid:event_id>/daftar-hadir/", attendance_sheet, name="attendance_sheet"),
            path("<rowid:event_id>/sertifikat/", send_certificates, name="send_certificates"),
            path("<rowid:event_id>/<rowid:registration_id>/", registration_detail, name="registration"),
            # Before the generic action below, which has the same shape: cancelling asks for confirmation first.
            path("<rowid:event_id>/<rowid:registration_id>/cancel/", cancel_registration, name="cancel_registration"),
            path(
                "<rowid:event_id>/<rowid:registration_id>/<str:action>/",
                registration_action,
                name="registration_action",
            ),
        ]
