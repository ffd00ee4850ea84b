"""Mail to an event's participants that is not about one registration: the notice of a changed or cancelled event
(sent when an editor publishes the change) and an editor's own message to a group of participants.

Changes are detected at publish (Wagtail's `page_published` signal, connected in events/apps.py) against what
participants were last told, kept in `EventSchedule` outside the page's revisions. Each change raises the row's
`sequence` and every confirmed or waitlisted person gets one mail, keyed by the event, that sequence number and the
registration, so a repeated publish or a re-run queues nothing new (home/outbox.py). Confirmed people get an
updated .ics with the same UID and the higher SEQUENCE (RFC 5545 §3.8.7.4): METHOD:REQUEST for a change,
METHOD:CANCEL with STATUS:CANCELLED for a cancellation (RFC 5546 §3.2.2, §3.2.5). Waitlisted people never got an
.ics or the meeting link, so they get the notice without either.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events import calendar
from events.models import EventPage, EventSchedule, Registration

# What a participant acts on: when, where, the meeting link, whether it takes place at all.
WATCHED = ("starts_at", "ends_at", "venue_name", "venue_address", "online_url", "cancelled")

GROUP_CONFIRMED = "confirmed"
GROUP_WAITLISTED = "waitlisted"
GROUP_PRESENT = "present"
GROUP_ABSENT = "absent"


def _queue(**kwargs):
    from home.outbox import queue_mail

    return queue_mail(**kwargs)


def schedule_of(event):
    """The watched fields of an event as JSON (times in UTC), plus its zone to show old times as they were."""
    event.compute_times()
    return {
        "starts_at": event.starts_at.astimezone(dt.UTC).isoformat(),
        "ends_at": event.ends_at.astimezone(dt.UTC).isoformat(),
        "timezone": event.timezone,
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "online_url": event.online_url,
        "cancelled": bool(event.cancelled),
    }


def on_page_published(sender, instance, revision=None, alias=False, **kwargs):
    if alias or not isinstance(instance, EventPage):
        return
    schedule_published(instance)


def schedule_published(event, now=None):
    """Compare the published event with what participants were last told; on a change, tell them. Returns the number
    of mails queued. The first publish only records the schedule. An event that had already ended sends nothing (a
    corrected venue in the report of a past event is no news for anybody), but its sequence still goes up."""
    now = now or timezone.now()
    new = schedule_of(event)
    with transaction.atomic():
        row, created = EventSchedule.objects.select_for_update().get_or_create(
            event_id=event.pk, defaults={"published": new}
        )
        old = row.published
        if created or all(old.get(field) == new[field] for field in WATCHED):
            return 0
        row.sequence += 1
        row.published = new
        row.save(update_fields=["sequence", "published"])
        if dt.datetime.fromisoformat(old["ends_at"]) <= now or (old["cancelled"] and new["cancelled"]):
            return 0
        people = event.registrations.filter(status__in=Registration.ACTIVE).select_related("category")
        with translation.override(settings.LANGUAGE_CODE):
            changes = _changes(event, old, new)
            for registration in people:
                _schedule_notice(event, registration, row.sequence, changes)
        return len(people)


def _when(schedule):
    """'Kamis, 16 Mei 2024, 09.00–12.00 WIB' for a stored schedule, in the zone it had."""
    page = EventPage(
        timezone=schedule["timezone"],
        starts_at=dt.datetime.fromisoformat(schedule["starts_at"]),
        ends_at=dt.datetime.fromisoformat(schedule["ends_at"]),
    )
    return page.when_display()


def _place(schedule):
    return ", ".join(part for part in (schedule["venue_name"], schedule["venue_address"]) if part) or "-"


def _changes(event, old, new):
    """[(what, old, new, kind)]: `kind` 'link' marks the meeting link, shown to confirmed people only."""
    rows = []
    if (old["starts_at"], old["ends_at"]) != (new["starts_at"], new["ends_at"]):
        rows.append((_("When"), _when(old), event.when_display(), ""))
    if (old["venue_name"], old["venue_address"]) != (new["venue_name"], new["venue_address"]):
        rows.append((_("Where"), _place(old), _place(new), ""))
    if old["online_url"] != new["online_url"]:
        rows.append((_("Online meeting link"), old["online_url"] or "-", new["online_url"] or "-", "link"))
    if old["cancelled"] and not new["cancelled"]:
        rows.append((_("Status"), _("Cancelled"), _("Takes place"), ""))
    return rows


def _schedule_notice(event, registration, sequence, changes):
    from events import mail

    confirmed = registration.status == Registration.Status.CONFIRMED
    context = mail._context(registration)
    context["changes"] = [row for row in changes if confirmed or row[3] != "link"]
    context["link_changed_later"] = not confirmed and any(row[3] == "link" for row in changes)
    attachments = ()
    if confirmed:
        online_url = event.online_url if event.attendance_mode != event.AttendanceMode.OFFLINE else ""
        ics = calendar.event_ics(
            event,
            online_url=online_url,
            sequence=sequence,
            method="CANCEL" if event.cancelled else "REQUEST",
            attendee=registration.email,
        )
        attachments = ((f"{registration.code}.ics", ics, "text/calendar"),)
    if event.cancelled:
        subject = _("Event cancelled: %(event)s (%(code)s)")
    else:
        subject = _("Event changed: %(event)s (%(code)s)")
    _queue(
        key=f"event-schedule:{event.pk}:{sequence}:{registration.pk}",
        to=[registration.email],
        subject=subject % {"event": event.title, "code": registration.code},
        template="events/mail/schedule_changed",
        context=context,
        attachments=attachments,
    )


# An editor's message -----------------------------------------------------------------------------------------------


def recipients(event, group):
    """The registrations a message to `group` goes to; present and absent mean confirmed people, checked in or not."""
    registrations = event.registrations.select_related("category").order_by("created_at", "pk")
    if group == GROUP_WAITLISTED:
        return registrations.filter(status=Registration.Status.WAITLISTED)
    registrations = registrations.filter(status=Registration.Status.CONFIRMED)
    if group == GROUP_PRESENT:
        return registrations.filter(attended_at__isnull=False)
    if group == GROUP_ABSENT:
        return registrations.filter(attended_at__isnull=True)
    return registrations


def message_key_prefix(event, token):
    return f"event-message:{event.pk}:{token}:"


def queue_message(event, *, group, subject, message, token):
    """One mail per recipient, keyed by the confirmation's token: a repeated POST queues nothing new. Returns the
    number of recipients."""
    from events import mail

    people = list(recipients(event, group))
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for registration in people:
            context = mail._context(registration)
            context["message"] = message
            _queue(
                key=f"{message_key_prefix(event, token)}{registration.pk}",
                to=[registration.email],
                subject=subject,
                template="events/mail/message",
                context=context,
            )
    return len(people)
