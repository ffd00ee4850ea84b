"""Never oversold: many people press "Daftar" at the same moment (docs/security.md, The form engine: I5, I6, I2).

Real threads, each with its own database connection, start together at a barrier. On PostgreSQL this is the real
race (READ COMMITTED, row locks); the naive read-then-write variant below loses updates there and oversells,
which shows the test can fail.
"""

import threading
import time
import uuid

import pytest
from django.db import connection, connections

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


def assert_exact(event, statuses, errors):
    assert errors == []
    assert statuses.count(Registration.Status.CONFIRMED) == 5
    assert statuses.count(Registration.Status.WAITLISTED) == 45
    assert Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() == 5
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
    assert statuses.count(Registration.Status.CONFIRMED) > 5


def test_category_quotas_hold_under_the_same_rush(home_page):
    event = make_event(home_page, capacity=20, quotas={"BEM / SENAT / DEMA": 3})
    statuses, errors = rush_category(event.pk, 30, "BEM / SENAT / DEMA")
    assert errors == []
    assert statuses.count(Registration.Status.CONFIRMED) == 3
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
