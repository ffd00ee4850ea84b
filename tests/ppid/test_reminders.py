"""The daily PPID reminders (ppid/reminders.py, `manage.py send_ppid_reminders`): the desk hears of requests due
within 2 working days or overdue, the Atasan PPID of objections near or over their 30 working days; once per case
per working day, stored in the outbox, without the requester's personal data."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from home.models import OutboxMessage
from home.outbox import send_due
from ppid import service
from ppid.models import PPIDObjection, PPIDSettings
from tests.ppid.conftest import make_request

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day, hour=7):
    return time_machine.travel(timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0))), tick=False)


def run():
    out, err = io.StringIO(), io.StringIO()
    call_command("send_ppid_reminders", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def reminders():
    return OutboxMessage.objects.filter(key__startswith="ppid:reminder:")


@pytest.fixture
def cases(staff):
    settings = PPIDSettings.load()
    settings.notify_emails = "ppid@kesbangpol.example"
    settings.save()
    overdue, _ = make_request(D(2026, 10, 12), name="Rina Kartikasari", nik="6271015203900007")
    soon, _ = make_request(D(2026, 10, 29))  # 10 working days: Thursday 12 November
    far, _ = make_request(D(2026, 11, 10))
    refused, _ = make_request(D(2026, 10, 12))
    service.change_state(refused, staff["petugas"], "ditolak", refusal_grounds=["h"], refusal_reason="Data pribadi.")
    objection, _ = service.file_objection(refused, grounds=["a"], case="Saya keberatan.")
    return {"overdue": overdue, "soon": soon, "far": far, "refused": refused, "objection": objection}


def test_desk_hears_of_overdue_and_due_soon_requests_once_a_day(cases, staff):
    assert cases["soon"].due_date == D(2026, 11, 12)
    with at(D(2026, 11, 10)):  # Tuesday
        run()
        run()  # a second run the same day queues nothing new
    keys = set(reminders().values_list("key", flat=True))
    assert keys == {
        f"ppid:reminder:{cases['overdue'].number}:2026-11-10",
        f"ppid:reminder:{cases['soon'].number}:2026-11-10",
    }
    late = reminders().get(key__contains=cases["overdue"].number)
    assert "terlambat" in late.subject.lower() and cases["overdue"].number in late.subject
    assert set(late.to) == {"ppid@kesbangpol.example", "petugas@kesbangpol.example"}  # not the Atasan, not Redaksi
    soon = reminders().get(key__contains=cases["soon"].number)
    assert "2 hari kerja" in soon.body_text and "12 November 2026" in soon.body_text
    for message in (late, soon):  # no personal data in a mail that travels
        text = message.subject + message.body_text
        for personal in ("Rina", "6271015203900007", "rina@contoh.id", "Tjilik", "Daftar ormas"):
            assert personal not in text
    with at(D(2026, 11, 11)):  # the next working day: again
        run()
    assert reminders().filter(key__endswith="2026-11-11").count() == 2


def test_nothing_on_a_weekend_and_nothing_for_closed_requests(cases):
    with at(D(2026, 11, 14)):  # Saturday
        out, _err = run()
    assert not reminders().exists() and "not a working day" in out
    with at(D(2026, 11, 16)):
        run()
    assert not reminders().filter(key__contains=cases["refused"].number).exists()
    assert not reminders().filter(key__contains=cases["far"].number).exists()


def test_the_atasan_hears_of_objections_near_and_over_their_deadline(cases, staff):
    objection = cases["objection"]
    PPIDObjection.objects.filter(pk=objection.pk).update(response_due=D(2026, 11, 11))
    with at(D(2026, 11, 10)):
        run()
        run()
    message = reminders().get(key=f"ppid:reminder:{objection.number}:2026-11-10")
    assert message.to == ["atasan@kesbangpol.example"]
    assert "1 hari kerja" in message.body_text
    PPIDObjection.objects.filter(pk=objection.pk).update(response_due=D(2026, 11, 2))
    with at(D(2026, 11, 12)):
        run()
    late = reminders().get(key=f"ppid:reminder:{objection.number}:2026-11-12")
    assert "terlambat" in late.subject.lower() and "Komisi Informasi" in late.body_text
    decided = service.decide_objection(objection, staff["atasan"], "ditolak", "Penolakan sudah sesuai Pasal 17.")
    with at(D(2026, 11, 13)):
        run()
    assert not reminders().filter(key=f"ppid:reminder:{decided.number}:2026-11-13").exists()


def test_reminders_reach_a_real_smtp_server_through_the_outbox(cases, smtp_sink):
    with at(D(2026, 11, 10)):
        run()
        send_due(now=timezone.now() + datetime.timedelta(minutes=1))
    key = f"ppid:reminder:{cases['soon'].number}:2026-11-10"
    received = smtp_sink.by_key(key)
    assert len(received) == 1 and cases["soon"].number in received[0]["Subject"]
