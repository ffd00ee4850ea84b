"""The events team's digest: one mail per event and hour with the new registrations counted, instead of one per
registration (a flood of registrations once sent the team 61 mails).

Store first: each registration adds an `EditorDigestEntry` in its own transaction (`record`), so nothing is lost
while the timer or the worker is down. `send_digests` (manage.py send_registration_digests, hourly) gathers each
event's waiting entries into one outbox mail whose key names the event and the hour (WIB), so however often it runs
the team gets at most one digest per event per clock hour; entries that arrive after it went wait for the next
hour. Counts and an admin link only, never a name or an address (data minimisation).
"""

from collections import Counter

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EditorDigestEntry, EventPage, Registration


def record(registration):
    """Queue a registration for its event's next digest (inside the registration's transaction)."""
    EditorDigestEntry.objects.create(
        event_id=registration.event_id, registration=registration, status=registration.status
    )


def hour_key(event_id, now):
    return f"event-digest:{event_id}:{timezone.localtime(now):%Y%m%d%H}"


def send_digests(now=None):
    """Queue one digest per event with waiting entries, unless that event had its digest this hour. Returns how many
    digests were queued."""
    from events.mail import _queue, editor_recipients
    from events.seats import counts
    from home.models import OutboxMessage

    now = now or timezone.now()
    waiting_events = EditorDigestEntry.objects.filter(digest_key="").values_list("event_id", flat=True).distinct()
    recipients = None
    queued = 0
    for event_id in sorted(set(waiting_events)):
        key = hour_key(event_id, now)
        if OutboxMessage.objects.filter(key=key).exists():
            continue  # this hour's digest went already; the rest waits for the next hour
        with transaction.atomic():
            # Locked rows, counted here: PostgreSQL allows no FOR UPDATE with GROUP BY.
            rows = list(
                EditorDigestEntry.objects.select_for_update()
                .filter(event_id=event_id, digest_key="")
                .values_list("pk", "status")
            )
            if not rows:
                continue
            new = Counter(status for _pk, status in rows)
            event = EventPage.objects.get(pk=event_id)
            if recipients is None:
                recipients = editor_recipients()
            if event.notify_editors and recipients:
                by_status, _by_category, _attended = counts(event)
                _queue(
                    key=key,
                    to=recipients,
                    subject=_("New registrations for %(event)s: %(count)d")
                    % {"event": event.title, "count": sum(new.values())},
                    template="events/mail/editors",
                    context={
                        "event": event,
                        "new_total": sum(new.values()),
                        "new": [(Registration.Status(status).label, n) for status, n in sorted(new.items())],
                        "by_status": by_status,
                        "remaining": event.remaining_seats,
                        "capacity": event.capacity,
                        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                        + reverse("events:registrations", args=[event.pk]),
                    },
                )
                queued += 1
            EditorDigestEntry.objects.filter(pk__in=[pk for pk, _status in rows]).update(digest_key=key)
    return queued
