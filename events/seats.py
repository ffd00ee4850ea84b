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
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from builtforms import forms as formbuilder
from events import mail as notifications
from events.models import EventStatus, Registration, SeatPool, organisation_key
from home import cache as page_cache
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
    """A seat count moved by UPDATE (which sends no signal): purge the cached pages that show it, after commit too."""
    page_cache.purge_pages(pages_showing_seats(event))


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
        confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED)
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
    """Give back a confirmed registration's seat (and its quota seat)."""
    SeatPool.objects.filter(event=event, category=None, taken__gt=0).update(taken=F("taken") - 1)
    SeatPool.objects.filter(event=event, category_id=category_id, taken__gt=0).update(taken=F("taken") - 1)


def issue_code(event):
    """The next registration code for the event's prefix, e.g. FGD-2611-0042 (unique across events)."""
    prefix = event.registration_code_prefix()
    return f"{prefix}-{CodeCounter.next_number(prefix):04d}"


def active_registration(event, email):
    return (
        Registration.objects.annotate(email_lower=Lower("email"))
        .filter(event=event, email_lower=email.lower(), status__in=Registration.ACTIVE)
        .first()
    )


# Registering --------------------------------------------------------------------------------------------------------
def register(event, applicant, *, token, questions=None, request=None, now=None):
    """Store a registration (confirmed or waitlisted) and queue its mails; returns (registration, created).

    A token seen before returns the first registration with created=False (double click, refresh, retry).
    Raises a `RegistrationRefused` subclass, with nothing stored, when the event does not take it.
    """
    existing = _replay(event, applicant, token)
    if existing is not None:
        return existing, False
    if not event.accepts_registrations(now):
        raise RegistrationClosed(closed_reason(event, now))
    try:
        with transaction.atomic():
            registration = _register(event, applicant, token=token, questions=questions, request=request)
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
    if existing is not None and (existing.event_id != event.pk or existing.email.lower() != applicant.email.lower()):
        raise StaleForm()
    return existing


def _register(event, applicant, *, token, questions, request):
    if event.total_pool is None:
        # Pools follow the page's full saves; one saved some other way (a script, update_fields) gets them now.
        sync_seat_pools(event)
    org_key = organisation_key(applicant.organisation)
    if event.max_per_organisation:
        # Count-then-insert must be one step: hold the event's pool row while counting.
        SeatPool.objects.select_for_update().filter(event=event, category=None).first()
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
        status = Status.CONFIRMED
    elif event.waitlist_enabled:
        status = Status.WAITLISTED
    else:
        raise EventFull()
    now = timezone.now()
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
    )
    notifications.registration_stored(registration, request)
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
        held_seat = locked.status == Status.CONFIRMED
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


def promote_waitlist(event):
    """Give free seats to waiting people in the order they registered (skipping categories whose quota is full)."""
    promoted = []
    with transaction.atomic():
        waiting = event.registrations.filter(status=Status.WAITLISTED).order_by("created_at", "pk")
        for candidate_id in waiting.values_list("pk", flat=True):
            if not SeatPool.objects.filter(event=event, category=None, taken__lt=F("capacity")).exists():
                break
            registration = _confirm_locked(candidate_id, promotion=True)
            if registration is not None:
                promoted.append(registration)
    return promoted


def confirm(registration):
    """An editor confirms a waitlisted or cancelled registration; False when no seat (or quota seat) is free."""
    with transaction.atomic():
        if registration.status == Status.CANCELLED and active_registration(registration.event, registration.email):
            return False
        return _confirm_locked(registration.pk, promotion=registration.status == Status.WAITLISTED) is not None


def promote_next(event):
    """An editor moves the first person in the waitlist (who fits a quota) up; returns them or None."""
    with transaction.atomic():
        waiting = event.registrations.filter(status=Status.WAITLISTED).order_by("created_at", "pk")
        for candidate_id in waiting.values_list("pk", flat=True):
            registration = _confirm_locked(candidate_id, promotion=True)
            if registration is not None:
                return registration
    return None


def _confirm_locked(registration_pk, *, promotion):
    """Lock the registration, claim a seat for it and confirm it; None when it is no longer eligible or no seat."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event").get(pk=registration_pk)
        if registration.status == Status.CONFIRMED:
            return None
        if not claim_seat(registration.event, registration.category_id):
            return None
        Registration.objects.filter(pk=registration.pk).update(
            status=Status.CONFIRMED, confirmed_at=timezone.now(), cancelled_at=None, cancelled_by_editor=False
        )
        registration.refresh_from_db()
        notifications.registration_confirmed(registration, promotion=promotion)
        seats_changed(registration.event)
        return registration


def mark_attendance(registration, present=True):
    Registration.objects.filter(pk=registration.pk, status=Status.CONFIRMED).update(
        attended_at=timezone.now() if present else None
    )
    registration.refresh_from_db()
    page_cache.purge_pages([registration.event])  # the report counts check-ins


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
