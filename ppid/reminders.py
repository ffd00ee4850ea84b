"""Daily reminders of the PPID clocks: requests whose written notice is due within 2 working days or overdue
(UU 14/2008 Ps. 22(7)–(8)), and objections near or over the Atasan PPID's 30 working days (Ps. 36(2)).

One mail per case per working day, stored in the outbox (home/outbox.py) with a key that holds the case number and
the date: a second run on the same day finds the key and queues nothing, and the outbox retries a failed send.
The mails carry the number, the state, the unit, the dates and a desk link: never the requester's name, NIK, address,
contact or what they asked for (a mail travels further than the admin). Lateness is computed from the stored due
dates (PPIDRequest.lateness), never stored.

Run by `manage.py send_ppid_reminders` (deploy/systemd/kesbangpol-send-ppid-reminders.timer, 07.00 WIB daily); on
a Saturday, Sunday or day off it sends nothing, so a reminder comes once per working day.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home import workdays
from home.outbox import parse_addresses, queue_mail
from ppid import permissions
from ppid.models import PPIDObjection, PPIDRequest, PPIDSettings

# "Due soon": the due date is at most this many working days away.
DUE_SOON_DAYS = 2


def due_soon_limit(today=None, days_off=None):
    """The last due date that counts as due soon on `today`: 2 working days ahead."""
    today = today or timezone.localdate()
    if days_off is None:
        days_off = workdays.calendar_for_deadline(today, DUE_SOON_DAYS)
    return workdays.add_working_days(today, DUE_SOON_DAYS, days_off)


def requests_to_remind(today, limit):
    """Open requests due by `limit`, overdue ones included, soonest first."""
    return PPIDRequest.objects.filter(state__in=PPIDRequest.OPEN_STATES, due_date__lte=limit).order_by("due_date", "id")


def objections_to_remind(today, limit):
    return (
        PPIDObjection.objects.filter(state__in=PPIDObjection.OPEN_STATES, response_due__lte=limit)
        .select_related("request")
        .order_by("response_due", "id")
    )


def _addresses_with_perm(perm):
    """The e-mail addresses of active users given `perm` through a role or directly (superusers are not everyone's
    PPID officer, so they are left out)."""
    users = get_user_model().objects.with_perm(
        perm, is_active=True, include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def desk_addresses():
    """The desk: the notification addresses of Settings › PPID and every Petugas PPID (handle_request)."""
    addresses = parse_addresses(PPIDSettings.load().notify_emails)
    return addresses + [a for a in _addresses_with_perm(permissions.HANDLE) if a not in addresses]


def atasan_addresses():
    """Whoever decides objections (the Atasan PPID role, decide_objection); the desk when nobody has an address."""
    return _addresses_with_perm(permissions.DECIDE) or desk_addresses()


def send(today=None):
    """Queue today's reminders; returns (requests, objections, desk addresses, atasan addresses), or None on a day
    that is not a working day."""
    from ppid.service import desk_url

    today = today or timezone.localdate()
    days_off = workdays.calendar(today, today + datetime.timedelta(days=30))
    if not workdays.is_working_day(today, days_off):
        return None
    limit = workdays.add_working_days(today, DUE_SOON_DAYS, days_off)
    requests = list(requests_to_remind(today, limit))
    objections = list(objections_to_remind(today, limit))
    desk = desk_addresses() if requests else []
    atasan = atasan_addresses() if objections else []
    with transaction.atomic():
        for item in requests:
            late = item.lateness_label(today)
            queue_mail(
                key=f"ppid:reminder:{item.number}:{today.isoformat()}",
                to=desk,
                subject=(
                    _("%(number)s is overdue (%(late)s): the written notice was due on %(date)s")
                    if late
                    else _("%(number)s: the written notice is due on %(date)s")
                )
                % {"number": item.number, "late": late, "date": f"{item.due_date:%d-%m-%Y}"},
                template="ppid/mail/reminder_request",
                context={
                    "item": item,
                    "late": late,
                    "days_left": workdays.working_days_between(today, item.due_date, days_off),
                    "desk_url": desk_url(item),
                },
            )
        for objection in objections:
            late = objection.is_late(today)
            queue_mail(
                key=f"ppid:reminder:{objection.number}:{today.isoformat()}",
                to=atasan,
                subject=(
                    _("Objection %(number)s is overdue: the decision was due on %(date)s")
                    if late
                    else _("Objection %(number)s: the decision is due on %(date)s")
                )
                % {"number": objection.number, "date": f"{objection.response_due:%d-%m-%Y}"},
                template="ppid/mail/reminder_objection",
                context={
                    "objection": objection,
                    "item": objection.request,
                    "late": late,
                    "days_left": workdays.working_days_between(today, objection.response_due, days_off),
                    "desk_url": desk_url(objection.request),
                },
            )
    return len(requests), len(objections), desk, atasan
