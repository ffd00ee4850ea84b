"""Attendance certificates: who gets one, its verification code, the PDF, and the mail that links to it.

A certificate is issued to a registration marked present (`attended_at`) at an event that is over and was not
cancelled. Nothing is stored for it: the PDF is drawn on each download, and its verification code is the
registration code plus an HMAC of the registration (django.utils.crypto.salted_hmac, keyed by SECRET_KEY), so the
public verification page (`/sertifikat/<code>/`) can find the registration by its code and prove the code was
issued here. The registration code alone is sequential and guessable; the 80-bit HMAC part is not. A code made with
a key in Django's SECRET_KEY_FALLBACKS (if a deployment sets it) still verifies, as signed values do
(https://docs.djangoproject.com/en/5.2/ref/settings/#secret-key-fallbacks).

The verification page confirms the name, the event and its date, nothing more. Once retention has anonymised a
registration (events/personal_data.py, 90 days after the event) its name is gone and its code verifies nothing.

The PDF is HTML (events/templates/events/certificate.html) drawn by WeasyPrint, which shapes any script Pango and
the installed fonts cover (Debian's fonts-dejavu-core; docs/deploy.md). Its url_fetcher refuses every URL, so a
certificate never loads anything from another host.
"""

import base64
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from events import links
from events.models import Registration
from home import siteurl

SALT = "events.registration.certificate"
CODE_SHAPE = re.compile(r"[A-Z0-9-]{1,60}-[A-Z2-7]{16}")


def is_issued(registration, now=None):
    """Whether this registration has a certificate: marked present, the event over and not cancelled, and the
    name not yet removed by retention."""
    event = registration.event
    return bool(
        registration.attended_at
        and registration.status == Registration.Status.CONFIRMED
        and registration.full_name
        and not event.cancelled
        and event.ends_at <= (now or timezone.now())
    )


def issued(event, now=None):
    """The event's registrations that have a certificate (all of them, or none while the event is not over)."""
    if event.cancelled or event.ends_at > (now or timezone.now()):
        return event.registrations.none()
    return (
        event.registrations.filter(status=Registration.Status.CONFIRMED, attended_at__isnull=False)
        .exclude(full_name="")
        .order_by("pk")
    )


def _mac(registration, secret=None):
    digest = salted_hmac(SALT, f"{registration.pk}:{registration.code}", secret=secret, algorithm="sha256").digest()
    return base64.b32encode(digest[:10]).decode()  # 16 letters and digits, 80 bits


def verification_code(registration):
    return f"{registration.code}-{_mac(registration)}"


def verify(code):
    """The registration whose certificate carries `code`, or None (unknown, forged, or no certificate issued)."""
    code = (code or "").strip().upper()
    # Registration codes are letters, digits and dashes; anything else (a NUL, which PostgreSQL refuses) is no code.
    if not CODE_SHAPE.fullmatch(code):
        return None
    registration_code, _sep, mac = code.rpartition("-")
    registration = (
        Registration.objects.select_related("event").filter(code__iexact=registration_code).order_by("pk").first()
    )
    if registration is None:
        return None
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if not any(constant_time_compare(_mac(registration, secret), mac) for secret in secrets):
        return None
    return registration if is_issued(registration) else None


def verification_url(registration):
    """Printed on the PDF: always the public address (SITE_URL), whatever host the download came through."""
    return siteurl.absolute(reverse("event_certificate_verify", args=[verification_code(registration)]))


def download_path(registration):
    return reverse("event_certificate", args=[links.manage_token(registration)])


def event_date(event):
    """'16 Mei 2026', or '16 Mei 2026 – 17 Mei 2026' for an event over several days (in the event's zone)."""
    start, end = event.local(event.starts_at).date(), event.local(event.ends_at).date()
    first = formats.date_format(start, "j F Y")
    return first if start == end else f"{first} – {formats.date_format(end, 'j F Y')}"


def event_place(event):
    if event.venue_name:
        return event.venue_name
    return _("online") if event.attendance_mode == event.AttendanceMode.ONLINE else ""


def _refuse_urls(url, *args, **kwargs):
    raise ValueError("certificates load nothing by URL")


def render_pdf(registration, request=None):
    from weasyprint import HTML  # imported here: loading Pango takes a moment, and only this needs it

    from home.models import SiteSettings

    event = registration.event
    html = render_to_string(
        "events/certificate.html",
        {
            "registration": registration,
            "event": event,
            "date": event_date(event),
            "place": event_place(event),
            "settings": SiteSettings.load(),
            "code": verification_code(registration),
            "verify_url": verification_url(registration),
        },
    )
    return HTML(string=html, url_fetcher=_refuse_urls).write_pdf()


def send_link(registration):
    """Mail the participant the link to their certificate, once (the outbox key is per registration). The key starts
    like the other registration mails', so retention deletes it with them (events/personal_data.py)."""
    from home.outbox import queue_mail

    event = registration.event
    return queue_mail(
        key=f"event-registration:{registration.pk}:certificate",
        to=[registration.email],
        subject=_("Your certificate: %(event)s") % {"event": event.title},
        template="events/mail/certificate",
        context={
            "registration": registration,
            "event": event,
            "date": event_date(event),
            "certificate_url": siteurl.absolute(download_path(registration)),
            "site_name": getattr(settings, "WAGTAIL_SITE_NAME", ""),
        },
    )
