"""Public views of events: the event page, its registration form at `<event-url>daftar/`, the page after
registering, the link to view or cancel a registration, and re-sending that link. Every POST redirects (PRG) so a
refresh never re-submits.

The event page people read and share holds nothing personal (no CSRF token, no anti-spam token), so the page cache
(home/cache.py) and a front cache (deploy/varnish.vcl) serve it; a registration purges it (`seats.seats_changed`).
The form, with its per-visitor tokens, is a page of its own that is never stored (docs/performance.md, "Event
pages")."""

import datetime as dt
import logging

from django.core import signing
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from builtforms.forms import new_submission_token, questions_form
from events import calendar, certificates, links, seats
from events import mail as notifications
from events.forms import CancelForm, RegistrationForm, ResendLinkForm
from events.models import REGISTRATION_ROUTE, EventIndexPage, EventPage, Registration, email_key
from home import cache as page_cache
from home.ratelimit import allow, client_ip

logger = logging.getLogger(__name__)

# Per client address: generous, since a whole campus can sit behind one NAT address.
REGISTRATIONS_PER_IP = (60, 10 * 60)
# Per e-mail address, across events: strict (a flood of confirmation mails to someone else's address stops here).
REGISTRATIONS_PER_EMAIL = (10, 60 * 60)
LINK_MAILS_PER_IP = (10, 60 * 60)
LINK_MAILS_PER_EMAIL = (3, 60 * 60)


def _private(response):
    """Pages with personal data or a one-time token: never stored by a browser or a shared cache, and their URL
    never sent to another site. (Not "no-referrer": browsers then send `Origin: null` with the page's own POST
    forms, which CSRF protection rightly refuses.)"""
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "same-origin"
    return response


def _show_current_seats(request, event, path):
    """Seats as they are now: releases holds that ran out (lazily, so the seats shown never wait for the timer; the
    seats read say when the first hold runs out, so a view with nothing due releases nothing). `path`: the event
    page's own path, which `seats.seats_changed` purges (also when the form's route shows the seats)."""
    if getattr(request, "is_preview", False):  # a preview shows the draft's own categories
        return
    event.read_seats(path)
    if event.registration_enabled and event.first_hold_expiry and event.first_hold_expiry <= timezone.now():
        seats.release_expired_holds(event)
        page_cache.purge_paths([path])  # also when that hold was confirmed meanwhile: keep the next one
        event.read_seats(path)


def event_page(request, event):
    """The event as people read and share it: the same for every visitor, so it is cached. Its "Register" link
    leads to `registration_page`. A POST here comes from a form rendered before the form moved to its own route
    (a tab left open over a deploy): it is answered like a POST to that route."""
    if request.method == "POST":
        return _register(request, event)
    _show_current_seats(request, event, request.path)
    # Kept by the caches only until its status changes by itself (registration opens or closes, a held seat is freed).
    page_cache.valid_until(request, event.next_change())
    return _render_event(request, event)


def registration_page(request, event):
    """The registration form, with its CSRF and single-use anti-spam tokens: each visitor's own, never stored."""
    if request.method == "POST":
        return _register(request, event)
    _show_current_seats(request, event, request.path.removesuffix(REGISTRATION_ROUTE))
    form = questions = None
    if event.accepts_registrations():
        form = RegistrationForm(event=event, initial={"submission_token": new_submission_token()})
        # Built only if the page renders the blank form's questions, not when the kept copy of them is shown
        # (events/templates/events/includes/registration_form.html).
        questions = SimpleLazyObject(lambda: questions_form(event.registration_form))
    return _private(_render_form(request, event, form, questions))


def _hold_until(registration):
    """Until when an unconfirmed registration is held, in words and the event's zone (WIB); empty once confirmed."""
    if not registration.awaits_confirmation:
        return ""
    return registration.event.moment_display(registration.hold_expires_at)


def _refusal(event, refusal=""):
    return refusal or ("" if event.accepts_registrations() else seats.closed_reason(event))


def _render_event(request, event):
    return event.render(request, context_overrides={"refusal": _refusal(event)})


def _render_form(request, event, form=None, questions=None, *, refusal="", duplicate=None, status=200):
    response = event.render(
        request,
        template="events/registration_page.html",
        context_overrides={
            "form": form,
            "questions": questions,
            "refusal": _refusal(event, refusal),
            "duplicate": duplicate,
            "link_sent": request.GET.get("tautan") == "terkirim",
            "resend_form": ResendLinkForm(initial={"email": duplicate.email}) if duplicate else None,
            "hold_hours": notifications.hold_hours(),
        },
    )
    response.status_code = status
    return response


def _register(request, event):
    if not event.accepts_registrations():
        return _private(_render_form(request, event, status=409))
    form = RegistrationForm(request.POST, event=event)
    questions = questions_form(event.registration_form, data=request.POST)
    limit, window = REGISTRATIONS_PER_IP
    if not allow("event-registration", client_ip(request), limit, window):
        form.is_valid()
        form.add_error(None, _("Too many registrations from your network just now. Please try again in a few minutes."))
        return _private(_render_form(request, event, form, questions, status=429))
    valid = form.is_valid()
    valid = (questions is None or questions.is_valid()) and valid
    if valid and not allow("event-registration-email", email_key(form.cleaned_data["email"]), *REGISTRATIONS_PER_EMAIL):
        form.add_error("email", _("Many registrations came from this address in the last hour. Try again later."))
        valid = False
    if not valid:
        return _private(_render_form(request, event, form, questions, status=400))

    consent = form.consent_record()
    data = form.cleaned_data
    applicant = seats.Applicant(
        full_name=data["full_name"],
        email=data["email"],
        phone=data["phone"],
        organisation=data["organisation"],
        category_id=data["category"].pk,
        consent_version=consent["version"],
        consented_at=consent["given_at"],
    )
    try:
        registration, _created = seats.register(
            event,
            applicant,
            token=data["submission_token"],
            questions=questions,
            request=request,
            client=seats.client_key(client_ip(request)),
        )
    except seats.ClientBudgetExceeded as refused:
        form.add_error(None, refused.message)
        return _private(_render_form(request, event, form, questions, status=429))
    except seats.AlreadyRegistered as refused:
        form.add_error("email", refused.message)
        return _private(_render_form(request, event, form, questions, duplicate=refused.registration, status=409))
    except seats.OrganisationLimitReached as refused:
        form.add_error("organisation", refused.message)
        return _private(_render_form(request, event, form, questions, status=409))
    except seats.StaleForm as refused:
        form.add_error(None, refused.message)
        form.data = form.data.copy()
        form.data["submission_token"] = new_submission_token()
        return _private(_render_form(request, event, form, questions, status=409))
    except seats.RegistrationRefused as refused:
        return _private(_render_form(request, event, refusal=refused.message, status=409))
    except DatabaseError:
        # Nothing was stored (the transaction rolled back); say so instead of a bare error page.
        logger.exception("event registration could not be stored (event %s)", event.pk)
        form.add_error(
            None, _("Your registration could not be saved because of a fault on our side. Please send it again.")
        )
        return _private(_render_form(request, event, form, questions, status=503))
    return redirect("event_registered", ref=links.done_ref(registration))


# The feed carries the coming events and those of the past year: calendars need no more, and it stays small.
FEED_PAST = dt.timedelta(days=365)


def calendar_feed(request):
    index = EventIndexPage.objects.live().public().first()
    events = (
        EventPage.objects.live()
        .public()
        .filter(ends_at__gte=timezone.now() - FEED_PAST)
        .select_related("kind")
        .order_by("starts_at")
    )
    return calendar.feed_response(request, index.title if index else "Agenda Kegiatan", events)


def event_calendar(request, event_id):
    event = get_object_or_404(EventPage.objects.live().public(), pk=event_id)
    return calendar.event_response(request, event)


def registered(request, ref):
    try:
        registration_id = links.load_done_ref(ref)
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    registration = get_object_or_404(
        Registration.objects.select_related("category", "event"),
        pk=registration_id,
        created_at__gte=timezone.now() - links.DONE_LINK_MAX_AGE,
    )
    event = registration.event
    response = event.render(
        request,
        template="events/registered.html",
        context_overrides={
            "registration": registration,
            "qr_svg": qr_svg(registration),
            "hold_until": _hold_until(registration),
        },
    )
    return _private(response)


def resend_link(request, event):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ResendLinkForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        per_ip, ip_window = LINK_MAILS_PER_IP
        per_email, email_window = LINK_MAILS_PER_EMAIL
        if allow("event-link-ip", client_ip(request), per_ip, ip_window) and allow(
            "event-link-email", email, per_email, email_window
        ):
            seats.release_expired_holds(event)
            registration = seats.active_registration(event, email)
            if registration is not None:
                bucket = timezone.now().strftime("%Y%m%d%H")
                notifications.management_link(registration, request, bucket=bucket)
    # The same answer whether or not the address is registered: the page does not tell who registered.
    return redirect(event.registration_url() + "?tautan=terkirim")


def manage_registration(request, token):
    try:
        registration_id, code = links.load_manage_token(token)
    except signing.SignatureExpired:
        return _private(render(request, "events/manage_expired.html", status=410))
    except signing.BadSignature:
        raise Http404 from None
    registration = get_object_or_404(
        Registration.objects.select_related("event", "category"), pk=registration_id, code=code
    )
    event = registration.event
    can_cancel = registration.is_active and timezone.now() < event.starts_at
    form = CancelForm(request.POST or None)
    if request.method == "POST" and can_cancel and form.is_valid():
        seats.cancel(registration)
        return redirect(request.path + "?dibatalkan=1")
    response = render(
        request,
        "events/manage_registration.html",
        {
            "registration": registration,
            "event": event,
            "form": form if can_cancel else None,
            "just_cancelled": request.GET.get("dibatalkan") == "1",
            # Counted as the waitlist mail counts it (and as seats.py moves people up): by time of registration.
            "waitlist_position": (
                notifications.waitlist_position(registration)
                if registration.status == Registration.Status.WAITLISTED
                else None
            ),
            # No check-in code for a seat that is only held: it becomes theirs with the mailed click.
            "qr_svg": qr_svg(registration) if registration.is_active and registration.status != "held" else "",
            "hold_until": _hold_until(registration),
            "certificate_url": (
                certificates.download_path(registration) if certificates.is_issued(registration) else ""
            ),
            "online_url": (
                event.online_url
                if registration.status == Registration.Status.CONFIRMED
                and event.attendance_mode != event.AttendanceMode.OFFLINE
                else ""
            ),
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )
    return _private(response)


def confirm_registration(request, token):
    """The mailed link that makes a held seat the registrant's own. GET shows a button, POST confirms: link checkers
    of mail providers open links, and must not confirm a seat for someone who never saw the mail."""
    try:
        registration_id, code = links.load_confirm_token(token)
    except signing.BadSignature:  # expired included
        raise Http404 from None
    registration = get_object_or_404(
        Registration.objects.select_related("event", "category"), pk=registration_id, code=code
    )
    outcome = request.GET.get("hasil", "")
    if request.method == "POST":
        registration, outcome = seats.confirm_by_link(registration.pk)
        return redirect(f"{request.path}?hasil={outcome}")
    if outcome not in ("confirmed", "verified", "already", "expired"):
        outcome = ""
    if registration.awaits_confirmation and registration.hold_expires_at <= timezone.now():
        seats.release_expired_holds(registration.event)
        registration.refresh_from_db()
    context = {
        "registration": registration,
        "event": registration.event,
        "outcome": outcome,
        "can_confirm": registration.awaits_confirmation,
        "hold_until": registration.event.moment_display(registration.hold_expires_at),
        "manage_url": links.manage_path(registration),
    }
    return _private(render(request, "events/confirm_registration.html", context))


def certificate(request, token):
    """The participant's attendance certificate (PDF), from the same signed link as their registration page. 404 for
    anyone without one: not marked present, the event not over, or cancelled."""
    try:
        registration_id, code = links.load_manage_token(token)
    except signing.BadSignature:  # expired included
        raise Http404 from None
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=registration_id, code=code)
    if not certificates.is_issued(registration):
        raise Http404(_("There is no certificate for this registration."))
    response = HttpResponse(certificates.render_pdf(registration, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{registration.code}.pdf"'
    return _private(response)


def verify_certificate(request, code):
    """Public: does this code belong to a certificate we issued? Name, event and date only; 404 otherwise."""
    registration = certificates.verify(code)
    context = {"registration": registration}
    if registration is not None:
        context.update(event=registration.event, date=certificates.event_date(registration.event))
    response = render(request, "events/certificate_verify.html", context, status=200 if registration else 404)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def qr_svg(registration):
    """The registration's QR code (links.check_in_qr) as an inline SVG (drawn here; nothing loaded from elsewhere)."""
    title = _("QR code of registration %(code)s") % {"code": registration.code}
    svg = links.check_in_qr(registration).svg_inline(scale=7, title=title)
    # Safe: segno writes the markup and escapes the title; the code is our own value (letters, digits, dashes).
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))
