"""Never oversold: many people press "Daftar" at the same moment (docs/security.md, The form engine: I5, I6, I2).

Real threads, each with its own database connection, start together at a barrier. On PostgreSQL this is the real
race (READ COMMITTED, row locks); the naive read-then-write variant below loses updates there and oversells,
which shows the test can fail.
"""

import datetime as dt
import threading
import time
import uuid

import pytest
from django.db import connection, connections
from django.utils import timezone

from events import seats
from events.models import EventPage, Registration, SeatPool
from tests.factories.events import applicant, make_event

pytestmark = [
    # serialized_rollback: the flush after each test would also drop the home page our migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers (transaction_mode IMMEDIATE: one write transaction at a time, the others "
        "wait), so the race exists only on PostgreSQL, where CI runs this.",
    ),
]


def rush(event_id, people, *, token=None):
    """`people` threads register at once; returns (statuses, errors)."""
    barrier = threading.Barrier(people)
    statuses, errors = [], []
    lock = threading.Lock()

    def person(i):
        try:
            event = EventPage.objects.get(pk=event_id)
            who = (
                applicant(email=f"serbu{i}@contoh.example") if token is None else applicant(email="sama@contoh.example")
            )
            barrier.wait(timeout=30)
            registration, _created = seats.register(event, who, token=token or uuid.uuid4())
            with lock:
                statuses.append(registration.status)
        except Exception as exc:  # every error counts against the test
            with lock:
                errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=person, args=(i,)) for i in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses, errors


def seat_holders(statuses):
    """Held seats count against the seats exactly like confirmed ones (the mailed click turns one into the other)."""
    return sum(statuses.count(status) for status in Registration.HOLDING_SEAT)


def assert_exact(event, statuses, errors):
    assert errors == []
    assert seat_holders(statuses) == 5
    assert statuses.count(Registration.Status.WAITLISTED) == 45
    assert Registration.objects.filter(event=event, status__in=Registration.HOLDING_SEAT).count() == 5
    assert SeatPool.objects.get(event=event, category=None).taken == 5


def test_fifty_people_for_five_seats_gives_exactly_five_confirmed(home_page):
    event = make_event(home_page, capacity=5)
    statuses, errors = rush(event.pk, 50)
    assert_exact(event, statuses, errors)


def naive_claim_seat(event, category_id):
    """Read the count, decide in Python, write it back: the classic lost update."""
    pool = SeatPool.objects.get(event=event, category=None)
    if pool.taken >= pool.capacity:
        return False
    time.sleep(0.005)  # the little work a real request does between the read and the write
    pool.taken += 1
    pool.save(update_fields=["taken"])
    return True


def test_the_naive_variant_oversells_so_the_test_above_can_fail(home_page, monkeypatch):
    monkeypatch.setattr(seats, "claim_seat", naive_claim_seat)
    event = make_event(home_page, capacity=5)
    statuses, errors = rush(event.pk, 50)
    with pytest.raises(AssertionError):
        assert_exact(event, statuses, errors)
    assert seat_holders(statuses) > 5


def test_category_quotas_hold_under_the_same_rush(home_page):
    event = make_event(home_page, capacity=20, quotas={"BEM / SENAT / DEMA": 3})
    statuses, errors = rush_category(event.pk, 30, "BEM / SENAT / DEMA")
    assert errors == []
    assert seat_holders(statuses) == 3
    assert SeatPool.objects.get(event=event, category=None).taken == 3


def rush_category(event_id, people, category_name):
    barrier = threading.Barrier(people)
    statuses, errors = [], []

    def person(i):
        try:
            event = EventPage.objects.get(pk=event_id)
            who = applicant(email=f"kuota{i}@contoh.example", category_name=category_name)
            barrier.wait(timeout=30)
            statuses.append(seats.register(event, who, token=uuid.uuid4())[0].status)
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=person, args=(i,)) for i in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses, errors


def test_the_same_submission_sent_ten_times_at_once_is_stored_once(home_page):
    event = make_event(home_page, capacity=5)
    token = uuid.uuid4()
    statuses, errors = rush(event.pk, 10, token=token)
    assert errors == []
    assert len(statuses) == 10
    assert Registration.objects.filter(event=event).count() == 1
    assert SeatPool.objects.get(event=event, category=None).taken == 1


def test_expired_holds_are_released_once_under_a_rush_and_the_seats_stay_exact(home_page):
    """Five holds ran out; fifty people press "Daftar" at once and each registration releases expired holds first.
    The seats are freed once, not once per thread, and never more than five are held or confirmed."""
    event = make_event(home_page, capacity=5)
    expired = [seats.register(event, applicant(), token=uuid.uuid4())[0] for _ in range(5)]
    Registration.objects.filter(pk__in=[r.pk for r in expired]).update(
        hold_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    statuses, errors = rush(event.pk, 50)
    assert_exact(event, statuses, errors)
    assert Registration.objects.filter(pk__in=[r.pk for r in expired], status=Registration.Status.EXPIRED).count() == 5


def click_and_release_at_once(event_id, registration_id):
    """The registrant's click and a release of expired holds, in two threads, just as the hold runs out."""
    barrier = threading.Barrier(2)
    errors = []

    def run(action, delay):
        try:
            barrier.wait(timeout=30)
            time.sleep(delay)
            action()
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(lambda: seats.confirm_by_link(registration_id), 0.025)),
        threading.Thread(
            target=run, args=(lambda: seats.release_expired_holds(EventPage.objects.get(pk=event_id)), 0.03)
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_a_click_racing_the_release_either_confirms_or_expires_never_both(home_page):
    event = make_event(home_page, capacity=1)
    outcomes = set()
    for _ in range(20):
        held = seats.register(event, applicant(), token=uuid.uuid4())[0]
        Registration.objects.filter(pk=held.pk).update(hold_expires_at=timezone.now() + dt.timedelta(milliseconds=30))
        assert click_and_release_at_once(event.pk, held.pk) == []
        held.refresh_from_db()
        outcomes.add(held.status)
        assert held.status in (Registration.Status.CONFIRMED, Registration.Status.EXPIRED)
        taken = SeatPool.objects.get(event=event, category=None).taken
        assert taken == (1 if held.status == Registration.Status.CONFIRMED else 0)
        if held.status == Registration.Status.CONFIRMED:
            seats.cancel(held)
