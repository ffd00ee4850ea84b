"""The mails of event registration, all queued in the durable outbox (home.outbox) inside the caller's transaction.

Nothing here talks to an SMTP server: `queue_mail` stores the message with the registration and sends it after
commit, retrying with backoff, so a failed or hung mail server never loses or errors a registration. Each mail
has a key that names the event that caused it, so a retried request or a re-run command queues nothing new.
"""

import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from events import calendar, links


def _queue(**kwargs):
    from home.outbox import queue_mail

    return queue_mail(**kwargs)


def qr_png(registration):
    """The registration's QR code (links.check_in_qr) as a PNG, for the check-in desk to scan."""
    buffer = io.BytesIO()
    links.check_in_qr(registration).save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def hold_hours():
    from events.seats import hold_duration

    return int(hold_duration().total_seconds() // 3600)


def _context(registration, request=None):
    event = registration.event
    confirmed = registration.status == registration.Status.CONFIRMED
    pending = registration.awaits_confirmation
    return {
        # Only while the address is unconfirmed: the link that confirms it, and until when (in the event's zone).
        "confirm_url": links.confirm_url(registration) if pending else "",
        "hold_until": event.moment_display(registration.hold_expires_at) if pending else "",
        "hold_hours": hold_hours(),
        "registration": registration,
        "event": event,
        "when": event.when_display(),
        "event_url": event.get_full_url(request),
        "manage_url": links.manage_url(registration),
        "online_url": event.online_url if confirmed and event.attendance_mode != event.AttendanceMode.OFFLINE else "",
        "map_url": event.map_url(),
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", ""),
    }


def _attachments(registration, request=None):
    event = registration.event
    online_url = event.online_url if event.attendance_mode != event.AttendanceMode.OFFLINE else ""
    return (
        (
            f"{registration.code}.ics",
            calendar.event_ics(event, request, online_url=online_url, sequence=event.schedule_sequence),
            "text/calendar",
        ),
        # Inline in the HTML body (<img src="cid:qr-code">), and a file in clients that show only text.
        (f"{registration.code}-qr.png", qr_png(registration), "image/png", "qr-code"),
    )


def registration_stored(registration, request=None):
    """Right after a registration is stored: the link to confirm a held seat, a confirmation, or the waitlist
    notice. (The events team hears of it in the hourly digest, events/digest.py.)"""
    if registration.status == registration.Status.CONFIRMED:
        _confirmation(registration, request, key=f"event-registration:{registration.pk}:confirmed")
    elif registration.status == registration.Status.HELD:
        _held(registration, request, key=f"event-registration:{registration.pk}:held")
    else:
        context = _context(registration, request)
        context["position"] = waitlist_position(registration)
        _queue(
            key=f"event-registration:{registration.pk}:waitlisted",
            to=[registration.email],
            subject=_("Waitlist: %(event)s (%(code)s)")
            % {"event": registration.event.title, "code": registration.code},
            template="events/mail/waitlisted",
            context=context,
        )


def registration_confirmed(registration, *, promotion, request=None, by_link=False):
    """A registration got its seat: the registrant clicked the mailed link (`by_link`), or a waitlisted (or
    cancelled) one moved up. One whose address is still unconfirmed is only held: they get the link to confirm."""
    if registration.status == registration.Status.HELD:
        _held(registration, request, key=f"event-registration:{registration.pk}:promoted-held", promotion=True)
        return
    if by_link:
        _confirmation(registration, request, key=f"event-registration:{registration.pk}:confirmed")
        return
    stamp = int(registration.confirmed_at.timestamp())
    kind = "promoted" if promotion else "confirmed"
    _confirmation(registration, request, key=f"event-registration:{registration.pk}:{kind}:{stamp}", promotion=True)


def _held(registration, request, *, key, promotion=False):
    """The seat is held until the registrant clicks the link; the mail says until when."""
    context = _context(registration, request)
    context["promotion"] = promotion
    if promotion:
        subject = _("A seat is free: confirm it by %(until)s, %(event)s (%(code)s)")
    else:
        subject = _("Confirm your registration by %(until)s: %(event)s (%(code)s)")
    _queue(
        key=key,
        to=[registration.email],
        subject=subject
        % {"event": registration.event.title, "code": registration.code, "until": context["hold_until"]},
        template="events/mail/held",
        context=context,
    )


def _confirmation(registration, request, *, key, promotion=False):
    context = _context(registration, request)
    context["promotion"] = promotion
    if promotion:
        subject = _("A seat is free: you are confirmed for %(event)s (%(code)s)")
    else:
        subject = _("Registration confirmed: %(event)s (%(code)s)")
    _queue(
        key=key,
        to=[registration.email],
        subject=subject % {"event": registration.event.title, "code": registration.code},
        template="events/mail/confirmed",
        context=context,
        attachments=_attachments(registration, request),
    )


def registration_cancelled(registration, request=None, *, held_seat=False):
    """The cancellation notice. Someone who held a seat was mailed an .ics; this one removes it from their calendar:
    the same UID, METHOD:CANCEL and STATUS:CANCELLED (RFC 5546 §3.2.5). Their copy names only them, so for their
    calendar this cancels the whole event. SEQUENCE stays the one they were last sent (RFC 5545 §3.8.7.4): raising
    it for one person would make the .ics of a later registration look older than this cancel."""
    stamp = int(registration.cancelled_at.timestamp())
    attachments = ()
    if held_seat:
        event = registration.event
        ics = calendar.event_ics(
            event,
            request,
            sequence=event.schedule_sequence,
            method="CANCEL",
            attendee=registration.email,
            cancelled=True,
        )
        attachments = ((f"{registration.code}.ics", ics, "text/calendar"),)
    _queue(
        key=f"event-registration:{registration.pk}:cancelled:{stamp}",
        to=[registration.email],
        subject=_("Registration cancelled: %(event)s (%(code)s)")
        % {"event": registration.event.title, "code": registration.code},
        template="events/mail/cancelled",
        context=_context(registration, request),
        attachments=attachments,
    )


def management_link(registration, request=None, *, bucket):
    """The link to view or cancel, sent again on request; `bucket` (e.g. the hour) limits it to one per bucket."""
    _queue(
        key=f"event-registration:{registration.pk}:link:{bucket}",
        to=[registration.email],
        subject=_("Your registration for %(event)s (%(code)s)")
        % {"event": registration.event.title, "code": registration.code},
        template="events/mail/manage_link",
        context=_context(registration, request),
    )


def reminder(registration):
    _queue(
        key=f"event-registration:{registration.pk}:reminder",
        to=[registration.email],
        subject=_("Reminder: %(event)s, %(when)s")
        % {"event": registration.event.title, "when": registration.event.when_display()},
        template="events/mail/reminder",
        context=_context(registration),
        attachments=_attachments(registration),
    )


def waitlist_position(registration):
    return (
        registration.event.registrations.filter(
            status=registration.Status.WAITLISTED, created_at__lte=registration.created_at
        )
        .exclude(created_at=registration.created_at, pk__gt=registration.pk)
        .count()
    )


def editor_recipients():
    """Active users who may see registrations (through a group or their own permissions). Wagtail's user form never
    sets is_staff, so it is not asked for; the permission is what makes someone part of the events team."""
    users = get_user_model().objects.with_perm(
        "events.view_registration",
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",  # axes' backend is first and grants nothing
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})
