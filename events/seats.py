"""Seats, quotas and the waitlist: every change to who holds a seat goes through this module.

Invariants (docs/security.md, "The form engine"): confirmed registrations never exceed the event's seats
or a category's quota (I5); at most one active registration per e-mail per event (I6); one logical submission
is one row (I2); a registration, its answers, its seat and its mails are stored together or not at all (I3).

How seats stay exact under concurrency, on PostgreSQL and SQLite alike:
- A seat is claimed by a conditional UPDATE, `taken < capacity`, on the event's `SeatPool` row (and then on the
  category's). The database evaluates the condition and the increment as one step on the locked row, so of 50
  people pressing "Daftar" for 5 seats exactly 5 UPDATEs match. No read-then-write in Python.
- Locks are always taken in one order (registration row, event pool, category pool, code sequence), so two
  transactions never wait for each other in a cycle.
- The per-organisation limit is a count, so when an event has one, the event's pool row is locked first
  (SELECT … FOR UPDATE) to make count-and-insert a single step. SQLite serialises writers anyway
  (transaction_mode IMMEDIATE in settings).

Holds (events with "Konfirmasi lewat e-mail", the default): a new registration that gets a seat is HELD, not
confirmed, until the registrant clicks the link mailed to them (`confirm_by_link`). A held seat counts in the pool
exactly like a confirmed one (`Registration.HOLDING_SEAT`): it was claimed by the same conditional UPDATE, so the
seat invariant covers confirmed + held. A registration that gets no seat waits in the waitlist, and its place is
kept just as long unless the address is confirmed. When `hold_expires_at` passes unconfirmed, the registration
expires and its seat goes to the waitlist (`release_expired_holds`): lazily, before every registration and every
view of the event page, and from `manage.py release_expired_holds` on a timer, so nothing depends on the timer.

Per-client budget: at most `EVENT_REGISTRATIONS_PER_CLIENT` registrations of one client (a keyed hash of its
address, `client_key`) per event in a rolling hour, not counting those the registrant confirmed by mail; counted
under the event pool's lock, like the per-organisation limit.
"""

import datetime as dt
import hashlib
import hmac
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from builtforms import forms as formbuilder
from events import digest
from events import mail as notifications
from events.models import REGISTRATION_ROUTE, EventStatus, Registration, SeatPool, email_key, organisation_key
from home import cache as page_cache
from home import front_cache
from home.models import CodeCounter

Status = Registration.Status


class RegistrationRefused(Exception):
    """The registration was not stored; `message` says why, for the person registering."""

    message = _("Registration failed.")

    def __init__(self, message=None, registration=None):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.registration = registration


class RegistrationClosed(RegistrationRefused):
    message = _("Registration for this event is closed.")


class EventFull(RegistrationRefused):
    message = _("All seats are taken and this event has no waitlist.")


class AlreadyRegistered(RegistrationRefused):
    message = _("This e-mail address is already registered for this event.")


class OrganisationLimitReached(RegistrationRefused):
    pass


class StaleForm(RegistrationRefused):
    message = _("This form has expired. Reload the page and send it again.")


class ClientBudgetExceeded(RegistrationRefused):
    message = _(
        "Too many registrations for this event came from your device or network in the last hour without being "
        "confirmed by e-mail. Confirm them with the links we mailed, or try again in an hour."
    )


# Holds and the per-client budget -----------------------------------------------------------------------------------
BUDGET_WINDOW = dt.timedelta(hours=1)


def hold_duration():
    """How long a seat is held for the mailed click (settings.EVENT_HOLD_HOURS, default 3 hours)."""
    return dt.timedelta(hours=getattr(settings, "EVENT_HOLD_HOURS", 3))


def hold_deadline(event, now):
    """When a hold made `now` ends: after the hold duration, but never after the event starts."""
    deadline = now + hold_duration()
    return min(deadline, event.starts_at) if event.starts_at else deadline


def client_budget():
    return getattr(settings, "EVENT_REGISTRATIONS_PER_CLIENT", 6)


def client_key(address):
    """A keyed hash of a client address (never the address): an IPv6 client counts by its /64, which one machine
    can fill with addresses at will."""
    text = str(address or "").strip()
    if not text:
        return ""
    try:
        parsed = ipaddress.ip_address(text)
        if parsed.version == 6:
            text = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    except ValueError:
        pass
    return hmac.new(settings.SECRET_KEY.encode(), f"events.client:{text}".encode(), hashlib.sha256).hexdigest()[:32]


def _check_client_budget(event, client, now):
    """Refuse the client's next registration when its unconfirmed ones of the last hour reach the budget.
    Call with the event's pool row locked (count and insert as one step)."""
    if not client:
        return
    recent = Registration.objects.filter(event=event, client_key=client, created_at__gte=now - BUDGET_WINDOW)
    if event.email_confirmation:
        # Confirmed by the mailed click: a real mailbox, so no longer counted. Expired and cancelled holds still are.
        recent = recent.filter(hold_expires_at__isnull=False)
    if recent.count() >= client_budget():
        raise ClientBudgetExceeded()


def release_expired_holds(event, now=None):
    """Expire the event's holds and waitlist places whose mailed link was not clicked in time; free their seats and
    promote the waitlist. Cheap when there is nothing to do (one indexed query). Returns the promoted."""
    now = now or timezone.now()
    expired = Registration.objects.filter(
        event=event, status__in=(Status.HELD, Status.WAITLISTED), hold_expires_at__lte=now
    )
    if not expired.exists():
        return []
    with transaction.atomic():
        # Lock order as everywhere: registration rows (by pk), then the pools. A concurrent click on the link
        # (confirm_by_link) holds the row first; its row no longer matches when we get it.
        rows = list(expired.select_for_update().order_by("pk").values_list("pk", "status", "category_id"))
        Registration.objects.filter(pk__in=[pk for pk, _status, _category in rows]).update(
            status=Status.EXPIRED, cancelled_at=now
        )
        freed = [category_id for _pk, status, category_id in rows if status == Status.HELD]
        for category_id in freed:
            release_seat(event, category_id)
        event.__dict__.pop("_pools", None)
        promoted = []
        if freed:
            seats_changed(event)
            if event.waitlist_enabled:
                promoted = promote_waitlist(event, now=now)
    return promoted


def release_all_expired_holds(now=None):
    """Every event with something to release (manage.py release_expired_holds). Returns (events, promoted)."""
    from events.models import EventPage

    now = now or timezone.now()
    event_ids = (
        Registration.objects.filter(status__in=(Status.HELD, Status.WAITLISTED), hold_expires_at__lte=now)
        .values_list("event_id", flat=True)
        .distinct()
    )
    events = promoted = 0
    for event in EventPage.objects.filter(pk__in=list(event_ids)):
        promoted += len(release_expired_holds(event, now=now))
        events += 1
    return events, promoted


@dataclass
class Applicant:
    full_name: str
    email: str
    phone: str
    organisation: str
    category_id: int
    consent_version: str
    consented_at: object


def pages_showing_seats(event):
    """The event, the agenda and the home page show free seats and status; the page cache must forget them."""
    pages = [event]
    parent = event.get_parent()
    if parent is not None:
        pages.append(parent)
    site = event.get_site()
    if site is not None:
        pages.append(site.root_page)
    return pages


def seats_changed(event):
    """A seat count moved by UPDATE (which sends no signal): purge the cached pages that show it, after commit too,
    in our page cache and in the front cache (Varnish or a CDN, home/front_cache.py)."""
    pages = pages_showing_seats(event)
    page_cache.purge_pages(pages)
    # The form's own route keeps its blank questions (with seats per category) under its own path; never stored
    # whole, so the front cache has nothing of it.
    url_parts = event.get_url_parts()
    if url_parts is not None:
        page_cache.purge_paths([url_parts[2] + REGISTRATION_ROUTE])
    front_cache.purge_pages(pages)


# Seat pools ---------------------------------------------------------------------------------------------------------
def sync_seat_pools(event):
    """Make the pools match the page's seats and quotas, recounting who holds a seat; then fill free seats.

    Runs on every full save of the page (publishing included). The recount happens under the event pool's lock,
    so it cannot interleave with a registration or cancellation of the same event.
    """
    if not event.registration_enabled or not event.capacity:
        return
    with transaction.atomic():
        SeatPool.objects.get_or_create(event=event, category=None, defaults={"capacity": event.capacity})
        SeatPool.objects.select_for_update().filter(event=event, category=None).get()
        confirmed = Registration.objects.filter(event=event, status__in=Registration.HOLDING_SEAT)
        SeatPool.objects.filter(event=event, category=None).update(capacity=event.capacity, taken=confirmed.count())
        quotas = {item.category_id: item.quota for item in event.categories.all() if item.quota is not None}
        SeatPool.objects.filter(event=event, category__isnull=False).exclude(category_id__in=quotas).delete()
        counts = dict(confirmed.values_list("category_id").annotate(n=Count("pk")).values_list("category_id", "n"))
        for category_id, quota in quotas.items():
            SeatPool.objects.update_or_create(
                event=event, category_id=category_id, defaults={"capacity": quota, "taken": counts.get(category_id, 0)}
            )
        event.__dict__.pop("_pools", None)
        if event.waitlist_enabled:
            promote_waitlist(event)


def claim_seat(event, category_id):
    """Take one seat of the event and, if the category has a quota, one of the quota. True if both were free.

    Each claim is a single conditional UPDATE; a quota miss rolls the event seat back with the savepoint.
    """

    class QuotaFull(Exception):
        pass

    try:
        with transaction.atomic():
            got_seat = SeatPool.objects.filter(event=event, category=None, taken__lt=F("capacity")).update(
                taken=F("taken") + 1
            )
            if not got_seat:
                return False
            quota = SeatPool.objects.filter(event=event, category_id=category_id)
            if not quota.filter(taken__lt=F("capacity")).update(taken=F("taken") + 1) and quota.exists():
                raise QuotaFull
    except QuotaFull:
        return False
    return True


def release_seat(event, category_id):
    """Give back a confirmed or held registration's seat (and its quota seat)."""
    SeatPool.objects.filter(event=event, category=None, taken__gt=0).update(taken=F("taken") - 1)
    SeatPool.objects.filter(event=event, category_id=category_id, taken__gt=0).update(taken=F("taken") - 1)


def issue_code(event):
    """The next registration code for the event's prefix, e.g. FGD-2611-0042 (unique across events)."""
    prefix = event.registration_code_prefix()
    return f"{prefix}-{CodeCounter.next_number(prefix):04d}"


def active_registration(event, email):
    """The active registration of this address (compared as `email_key`: case, +tags, Gmail's dots)."""
    return Registration.objects.filter(event=event, email_key=email_key(email), status__in=Registration.ACTIVE).first()


# Registering --------------------------------------------------------------------------------------------------------
def register(event, applicant, *, token, questions=None, request=None, now=None, client=""):
    """Store a registration (held, confirmed or waitlisted) and queue its mails; returns (registration, created).

    A token seen before returns the first registration with created=False (double click, refresh, retry).
    Raises a `RegistrationRefused` subclass, with nothing stored, when the event does not take it. `client` is
    the sender's `client_key` (empty: no per-client budget, e.g. from a script of the team).
    """
    existing = _replay(event, applicant, token)
    if existing is not None:
        return existing, False
    release_expired_holds(event)
    if not event.accepts_registrations(now):
        raise RegistrationClosed(closed_reason(event, now))
    try:
        with transaction.atomic():
            registration = _register(event, applicant, token=token, questions=questions, request=request, client=client)
    except IntegrityError:
        # A concurrent twin (same token, or same e-mail) committed first; its row decides the answer.
        existing = _replay(event, applicant, token)
        if existing is not None:
            return existing, False
        duplicate = active_registration(event, applicant.email)
        if duplicate is not None:
            raise AlreadyRegistered(registration=duplicate) from None
        raise
    return registration, True


def _replay(event, applicant, token):
    """The registration an earlier POST with this token stored, if any.

    A token belongs to one form shown to one browser; if it comes back with another person's e-mail (a cached
    page, a shared link) it is not theirs to see, so the form is refused as stale instead.
    """
    existing = Registration.objects.filter(submission_token=token).first()
    if existing is not None and (existing.event_id != event.pk or existing.email_key != email_key(applicant.email)):
        raise StaleForm()
    return existing


def _register(event, applicant, *, token, questions, request, client):
    if event.total_pool is None:
        # Pools follow the page's full saves; one saved some other way (a script, update_fields) gets them now.
        sync_seat_pools(event)
    now = timezone.now()
    org_key = organisation_key(applicant.organisation)
    if event.max_per_organisation or client:
        # Count-then-insert must be one step: hold the event's pool row while counting.
        SeatPool.objects.select_for_update().filter(event=event, category=None).first()
    _check_client_budget(event, client, now)
    if event.max_per_organisation:
        delegates = Registration.objects.filter(
            event=event, organisation_key=org_key, status__in=Registration.ACTIVE
        ).count()
        if delegates >= event.max_per_organisation:
            raise OrganisationLimitReached(
                _("%(organisation)s has already registered %(count)d people, the most this event allows.")
                % {"organisation": applicant.organisation, "count": delegates}
            )
    duplicate = active_registration(event, applicant.email)
    if duplicate is not None:
        raise AlreadyRegistered(registration=duplicate)

    if claim_seat(event, applicant.category_id):
        status = Status.HELD if event.email_confirmation else Status.CONFIRMED
    elif event.waitlist_enabled:
        status = Status.WAITLISTED
    else:
        raise EventFull()
    registration = Registration.objects.create(
        event=event,
        code=issue_code(event),
        status=status,
        full_name=applicant.full_name,
        email=applicant.email,
        phone=applicant.phone,
        organisation=applicant.organisation,
        organisation_key=org_key,
        category_id=applicant.category_id,
        consent_version=applicant.consent_version,
        consented_at=applicant.consented_at,
        submission_token=token,
        entry=formbuilder.store_answers(questions),
        created_at=now,
        confirmed_at=now if status == Status.CONFIRMED else None,
        hold_expires_at=hold_deadline(event, now) if event.email_confirmation else None,
        client_key=client,
    )
    notifications.registration_stored(registration, request)
    digest.record(registration)
    seats_changed(event)
    return registration


def closed_reason(event, now=None):
    """Why an event takes no registration right now, in words for the public."""
    status = event.status(now)
    if status == EventStatus.CANCELLED:
        return _("This event has been cancelled.")
    if status == EventStatus.HELD:
        return _("This event has already taken place.")
    if status == EventStatus.FULL:
        return EventFull.message
    if status == EventStatus.UPCOMING:
        opens, _closes = event.registration_window()
        if event.registration_enabled and opens:
            return _("Registration opens on %(moment)s.") % {"moment": event.moment_display(opens)}
        return _("This event takes no registration on this site.")
    return RegistrationClosed.message


# Cancelling and promoting -------------------------------------------------------------------------------------------
def cancel(registration, *, by_editor=False, keep_checked_in=False):
    """Cancel an active registration, free its seat and promote the next person waiting. Returns promotions.
    `keep_checked_in` leaves a registration that is checked in (read under the row lock) as it is."""
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status not in Registration.ACTIVE or (keep_checked_in and locked.attended_at is not None):
            registration.refresh_from_db()
            return []
        held_seat = locked.status in Registration.HOLDING_SEAT
        Registration.objects.filter(pk=locked.pk).update(
            status=Status.CANCELLED, cancelled_at=timezone.now(), cancelled_by_editor=by_editor
        )
        locked.refresh_from_db()
        notifications.registration_cancelled(locked, held_seat=held_seat)
        promoted = []
        if held_seat:
            release_seat(locked.event, locked.category_id)
            seats_changed(locked.event)
            if locked.event.waitlist_enabled:
                promoted = promote_waitlist(locked.event)
    registration.refresh_from_db()
    return promoted


def _waiting(event, now=None):
    """The waitlist in order, without places whose confirmation time ran out (release_expired_holds ends them)."""
    now = now or timezone.now()
    return (
        event.registrations.filter(status=Status.WAITLISTED)
        .filter(Q(hold_expires_at__isnull=True) | Q(hold_expires_at__gt=now))
        .order_by("created_at", "pk")
    )


def promote_waitlist(event, now=None):
    """Give free seats to waiting people in the order they registered (skipping categories whose quota is full).
    Someone whose address is confirmed gets the seat; someone who has not clicked the link yet gets it held."""
    promoted = []
    with transaction.atomic():
        for candidate_id in _waiting(event, now).values_list("pk", flat=True):
            if not SeatPool.objects.filter(event=event, category=None, taken__lt=F("capacity")).exists():
                break
            registration = _confirm_locked(candidate_id, promotion=True)
            if registration is not None:
                promoted.append(registration)
    return promoted


def confirm(registration):
    """An editor confirms a held, waitlisted, cancelled or expired registration (the editor vouches for it, no mailed
    click needed); False when no seat (or quota seat) is free."""
    with transaction.atomic():
        inactive = registration.status in (Status.CANCELLED, Status.EXPIRED)
        if inactive and active_registration(registration.event, registration.email):
            return False
        promotion = registration.status == Status.WAITLISTED
        return _confirm_locked(registration.pk, promotion=promotion, by_editor=True) is not None


def promote_next(event):
    """An editor moves the first person in the waitlist (who fits a quota) up; returns them or None."""
    with transaction.atomic():
        for candidate_id in _waiting(event).values_list("pk", flat=True):
            registration = _confirm_locked(candidate_id, promotion=True)
            if registration is not None:
                return registration
    return None


def _confirm_locked(registration_pk, *, promotion, by_editor=False):
    """Lock the registration, claim a seat for it and confirm it (or hold it, when its address is not confirmed
    yet and no editor vouches for it); None when it is no longer eligible or no seat is free."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event").get(pk=registration_pk)
        if registration.status == Status.CONFIRMED:
            return None
        if registration.status != Status.HELD and not claim_seat(registration.event, registration.category_id):
            return None
        now = timezone.now()
        if by_editor or registration.hold_expires_at is None:
            changes = {"status": Status.CONFIRMED, "confirmed_at": now, "hold_expires_at": None}
        else:
            changes = {"status": Status.HELD}  # the place's own confirmation time goes on
        Registration.objects.filter(pk=registration.pk).update(**changes, cancelled_at=None, cancelled_by_editor=False)
        registration.refresh_from_db()
        notifications.registration_confirmed(registration, promotion=promotion)
        seats_changed(registration.event)
        return registration


def confirm_by_link(registration_pk, now=None):
    """The registrant clicked the mailed link. Returns the registration (refreshed) and what happened: "confirmed"
    (the held seat is theirs), "verified" (their waitlist place no longer expires), "already" (nothing to do) or
    "expired" (too late; the seat went to someone else)."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event").get(pk=registration_pk)
        if registration.status not in (Status.HELD, Status.WAITLISTED):
            return registration, ("expired" if registration.status == Status.EXPIRED else "already")
        if registration.hold_expires_at is None:
            return registration, "already"
        if registration.hold_expires_at <= now:
            outcome = "expired"
        elif registration.status == Status.HELD:
            Registration.objects.filter(pk=registration.pk).update(
                status=Status.CONFIRMED, confirmed_at=now, hold_expires_at=None
            )
            registration.refresh_from_db()
            notifications.registration_confirmed(registration, promotion=False, by_link=True)
            seats_changed(registration.event)
            return registration, "confirmed"
        else:
            Registration.objects.filter(pk=registration.pk).update(hold_expires_at=None)
            registration.refresh_from_db()
            return registration, "verified"
    release_expired_holds(registration.event, now=now)
    registration.refresh_from_db()
    return registration, outcome


def mark_attendance(registration, present=True):
    Registration.objects.filter(pk=registration.pk, status=Status.CONFIRMED).update(
        attended_at=timezone.now() if present else None
    )
    registration.refresh_from_db()
    page_cache.purge_pages([registration.event])  # the report counts check-ins
    front_cache.purge_pages([registration.event])


def counts(event):
    """{status: n} and {(status, category id): n} for the admin, in one query."""
    by_status = dict.fromkeys(Status.values, 0)
    by_category = {}
    rows = event.registrations.values("status", "category_id").annotate(n=Count("pk")).order_by()
    for row in rows:
        by_status[row["status"]] += row["n"]
        by_category[(row["status"], row["category_id"])] = row["n"]
    attended = event.registrations.filter(Q(attended_at__isnull=False)).count()
    return by_status, by_category, attended
