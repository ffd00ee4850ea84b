"""Deadlines in Indonesian working days: weekends, national holidays and cuti bersama are skipped."""

import datetime

import pytest
from django.utils import timezone

from feedback.models import Feedback
from home.models import Holiday
from home.workdays import add_working_days, calendar, due_date, is_working_day, working_days_between

D = datetime.date


def test_weekends_are_skipped_and_the_day_itself_does_not_count():
    monday, friday, saturday = D(2026, 11, 23), D(2026, 11, 27), D(2026, 11, 28)
    assert add_working_days(monday, 3, set()) == D(2026, 11, 26)
    assert add_working_days(friday, 1, set()) == D(2026, 11, 30)
    assert add_working_days(saturday, 3, set()) == D(2026, 12, 2)
    assert add_working_days(monday, 0, set()) == monday
    with pytest.raises(ValueError):
        add_working_days(monday, -1, set())


def test_holidays_are_skipped():
    holidays = {D(2026, 11, 24)}
    assert not is_working_day(D(2026, 11, 24), holidays)
    assert add_working_days(D(2026, 11, 23), 3, holidays) == D(2026, 11, 27)
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 27), holidays) == 3


def test_the_2026_lebaran_holidays_and_cuti_bersama_are_in_the_calendar(db):
    # Nyepi (19 March), cuti bersama 18, 20, 23, 24 March, Idulfitri 21–22 March (SKB 3 Menteri for 2026): the
    # `holidays` package lists them all, so the table holds none of them any more (home migration 0006).
    year_2026 = calendar(D(2026, 1, 1), D(2026, 12, 31)).days_off.values()
    assert len(year_2026) == 25
    assert sum(day.kind == "cuti_bersama" for day in year_2026) == 8
    # Sent on Tuesday 17 March 2026: the next working days are 25, 26 and 27 March.
    assert due_date(D(2026, 3, 17), 3) == D(2026, 3, 27)
    # Sent during the break: the count starts on Wednesday 25 March.
    assert due_date(D(2026, 3, 20), 1) == D(2026, 3, 25)
    # Christmas: cuti bersama 24 December, Natal 25 December, then the weekend.
    assert due_date(D(2026, 12, 23), 1) == D(2026, 12, 28)


def test_an_item_gets_its_topics_deadlines(db, topics):
    submitted = timezone.make_aware(datetime.datetime(2026, 3, 17, 15, 0))
    item = Feedback(topic=topics["b"], submitted_at=submitted)  # verify in 1 day, answer in 2
    item.set_due_dates()
    assert (item.verify_due, item.answer_due) == (D(2026, 3, 25), D(2026, 3, 26))


def test_the_day_is_the_day_in_palangka_raya(db, topics):
    # 07.00 WIB on Monday is still Sunday in UTC; counting from Monday gives Thursday, not Wednesday.
    submitted = datetime.datetime(2026, 11, 23, 0, 0, tzinfo=datetime.UTC)
    item = Feedback(topic=topics["a"], submitted_at=submitted)
    item.set_due_dates()
    assert item.verify_due == D(2026, 11, 26)


def test_adding_a_holiday_moves_open_deadlines_but_not_closed_ones(db, topics):
    submitted = timezone.make_aware(datetime.datetime(2026, 11, 23, 9, 0))
    open_item = Feedback.objects.create(
        tracking_code="ADU-2026-90001",
        kind="saran",
        topic=topics["a"],
        message="x" * 20,
        identity="anonymous",
        submitted_at=submitted,
        verify_due=D(2026, 11, 26),
        answer_due=D(2026, 11, 30),
        consent_version="uji",
        consented_at=submitted,
    )
    closed = Feedback.objects.create(
        tracking_code="ADU-2026-90002",
        kind="saran",
        topic=topics["a"],
        message="x" * 20,
        identity="anonymous",
        submitted_at=submitted,
        verify_due=D(2026, 11, 26),
        answer_due=D(2026, 11, 30),
        status="selesai",
        consent_version="uji",
        consented_at=submitted,
    )
    holiday = Holiday.objects.create(date=D(2026, 11, 25), name="Libur daerah (uji)")
    open_item.refresh_from_db()
    closed.refresh_from_db()
    assert (open_item.verify_due, open_item.answer_due) == (D(2026, 11, 27), D(2026, 12, 1))
    assert closed.answer_due == D(2026, 11, 30)
    holiday.delete()
    open_item.refresh_from_db()
    assert open_item.verify_due == D(2026, 11, 26)
