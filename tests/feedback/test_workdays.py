"""Deadlines in Indonesian working days: weekends, national holidays and cuti bersama are skipped."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from feedback.models import Feedback
from home.models import Holiday
from home.tracking import hash_secret
from home.workdays import add_working_days, calendar, due_date, is_working_day, working_days_between

D = datetime.date
SECRET = "7KQ4-MZ2P-9XHD-C3RW"


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


# The year boundary, the promise and what the citizen sees ---------------------------------------------------------
def item_submitted(topic_obj, when, **fields):
    item = Feedback(
        tracking_code=fields.pop("tracking_code", "ADU-2026-90010"),
        kind="pengaduan",
        topic=topic_obj,
        message="Ada kegiatan ormas tanpa SKT, mohon ditindaklanjuti.",
        identity="confidential",
        email="siti@contoh.id",
        submitted_at=timezone.make_aware(when),
        consent_version="uji",
        consented_at=timezone.make_aware(when),
        secret_hash=hash_secret(SECRET),
        **fields,
    )
    item.set_due_dates()
    item.save()
    return item


def test_an_item_sent_before_christmas_is_due_after_the_2027_holidays(db, topics):
    topic = topics["a"]
    topic.answer_days = 10
    topic.save()
    item = item_submitted(topic, datetime.datetime(2026, 12, 17, 10, 0))  # Thursday
    # 24 Dec cuti bersama, 25 Dec Christmas, 1 Jan 2027 and 5 Jan 2027 (Isra Mikraj, from the package) are skipped.
    assert (item.verify_due, item.answer_due) == (D(2026, 12, 22), D(2027, 1, 6))


def test_the_answer_deadline_counts_from_arrival_as_the_topic_form_says(db, topics, editors):
    from feedback import service

    help_text = str(type(topics["a"])._meta.get_field("answer_days").help_text)
    # What editors read on the topic form (Indonesian): counted from arrival, verification included.
    assert "sejak hari pesan diterima" in help_text and "setelah pesan diverifikasi" not in help_text
    item = item_submitted(topics["a"], datetime.datetime(2026, 11, 23, 9, 0))  # verify in 3, answer in 5 days
    assert (item.verify_due, item.answer_due) == (D(2026, 11, 26), D(2026, 11, 30))
    with time_machine.travel(datetime.datetime(2026, 11, 27, 14, 0, tzinfo=datetime.UTC)):
        service.change_status(item, editors["a"], "diverifikasi")  # verified late: the answer is still due 30 Nov
    item.refresh_from_db()
    assert item.answer_due == D(2026, 11, 30)


def status_page_text(feedback_page, item):
    citizen = Client()
    response = citizen.post("/saran-dan-pengaduan/status/", {"code": item.tracking_code, "secret": SECRET})
    page = citizen.get(response["Location"])
    soup = BeautifulSoup(page.content, "html.parser")
    section = soup.find("section", class_="feedback-deadline")
    return section.get_text(" ", strip=True) if section else "", [
        li.get_text(" ", strip=True) for li in soup.select(".feedback-days-off li")
    ]


def test_the_status_page_shows_the_deadline_in_indonesian_and_the_days_off_it_skipped(db, feedback_page, topics):
    topic = topics["a"]
    topic.answer_days = 10
    topic.save()
    item = item_submitted(topic, datetime.datetime(2026, 12, 17, 10, 0))
    text, days = status_page_text(feedback_page, item)
    assert "Rabu, 6 Januari 2027" in text
    assert days == [
        "Kamis, 24 Desember 2026 : Cuti Bersama Hari Raya Natal (Cuti bersama)",
        "Jumat, 25 Desember 2026 : Hari Raya Natal (Libur nasional)",
        "Jumat, 1 Januari 2027 : Tahun Baru Masehi (Libur nasional)",
        "Selasa, 5 Januari 2027 : Isra Mikraj Nabi Muhammad (Libur nasional)",
    ]

    item.status = Feedback.Status.DONE
    item.save()
    assert status_page_text(feedback_page, item) == ("", []), "no deadline once the item is closed"
