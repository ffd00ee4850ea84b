"""The PPID clocks: 10 working days to the written notice, one extension of 7, stored and recounted when the
holiday table changes (UU 14/2008 Ps. 22(7)–(8); working days from home/workdays.py)."""

import datetime

import pytest
import time_machine

from home.models import Holiday
from ppid import service
from ppid.models import PPIDRequest
from tests.ppid.conftest import CUTI_BERSAMA_MARCH_2026, make_request

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def cuti_bersama_2026(db):
    for day, name in CUTI_BERSAMA_MARCH_2026:
        Holiday.objects.update_or_create(
            date=day, defaults={"name": name, "kind": Holiday.Kind.CUTI_BERSAMA, "source": "SKB 3 Menteri 2026"}
        )


def test_received_wednesday_11_march_2026_is_due_wednesday_1_april(cuti_bersama_2026):
    item, _secret = make_request(D(2026, 3, 11))
    # Skipped: Nyepi (19 Mar), Idulfitri (21–22 Mar, a weekend) and the cuti bersama of 18, 20, 23 and 24 Mar.
    assert item.first_due == item.due_date == D(2026, 4, 1)
    skipped = [off.date for off in item.days_off_before_due()]
    assert skipped == [D(2026, 3, 18), D(2026, 3, 19), D(2026, 3, 20), D(2026, 3, 23), D(2026, 3, 24)]


def test_extension_moves_it_to_monday_13_april_past_good_friday(cuti_bersama_2026, django_user_model):
    item, _secret = make_request(D(2026, 3, 11))
    user = django_user_model.objects.create_user("petugas-x")
    with time_machine.travel(datetime.datetime(2026, 3, 30, 9, tzinfo=datetime.UTC), tick=False):
        item = service.extend(item, user, "Informasi harus dihimpun dari tiga bidang.")
    assert item.state == PPIDRequest.State.EXTENDED
    assert item.first_due == D(2026, 4, 1)
    assert item.due_date == D(2026, 4, 13)  # 2, 6, 7, 8, 9, 10, 13 April; 3 April is Good Friday


def test_extension_is_allowed_once_and_needs_a_reason(cuti_bersama_2026, django_user_model):
    item, _secret = make_request(D(2026, 3, 11))
    user = django_user_model.objects.create_user("petugas-y")
    with pytest.raises(service.WorkflowError):
        service.extend(item, user, "   ")
    service.extend(item, user, "Alasan tertulis.")
    with pytest.raises(service.WorkflowError, match="satu kali perpanjangan"):
        service.extend(item, user, "Sekali lagi.")
    item.refresh_from_db()
    assert item.due_date == D(2026, 4, 13)


def test_a_request_of_thursday_17_december_2026_is_due_in_january_2027():
    item, _secret = make_request(D(2026, 12, 17))
    # 18, 21, 22, 23, 28, 29, 30, 31 Dec (24 cuti bersama, 25 Christmas), then 4 Jan; 1 Jan New Year and 5 Jan
    # Isra Mikraj 2027 are days off.
    assert item.due_date == D(2027, 1, 6)
    skipped = [off.date for off in item.days_off_before_due()]
    assert D(2026, 12, 24) in skipped and D(2026, 12, 25) in skipped and D(2027, 1, 1) in skipped


def test_a_holiday_added_later_moves_open_due_dates_and_not_closed_ones(cuti_bersama_2026):
    open_item, _ = make_request(D(2026, 3, 11))
    closed_item, _ = make_request(D(2026, 3, 11))
    PPIDRequest.objects.filter(pk=closed_item.pk).update(state=PPIDRequest.State.DONE)
    holiday = Holiday.objects.create(date=D(2026, 3, 26), name="Libur daerah (contoh)", kind=Holiday.Kind.NATIONAL)
    open_item.refresh_from_db()
    closed_item.refresh_from_db()
    assert open_item.due_date == D(2026, 4, 2)
    assert closed_item.due_date == D(2026, 4, 1)
    holiday.delete()
    open_item.refresh_from_db()
    assert open_item.due_date == D(2026, 4, 1)


def test_lateness_is_computed_from_the_stored_due_date(cuti_bersama_2026, django_user_model):
    item, _ = make_request(D(2026, 3, 11))
    assert item.lateness(D(2026, 4, 1)) == ""
    assert item.lateness(D(2026, 4, 2)) == "late"
    item = service.extend(item, django_user_model.objects.create_user("p"), "Alasan.")
    assert item.lateness(D(2026, 4, 2)) == ""
    assert item.lateness(D(2026, 4, 14)) == "very_late"
    item = service.change_state(item, None, "dikabulkan", outcome_text="Salinan PDF dikirim lewat e-mail.")
    assert item.lateness(D(2026, 4, 14)) == ""


def test_objection_answer_is_due_30_working_days_after_receipt(cuti_bersama_2026):
    item, _ = make_request(D(2026, 3, 11))
    with time_machine.travel(datetime.datetime(2026, 4, 2, 3, tzinfo=datetime.UTC), tick=False):
        objection, created = service.file_objection(item, grounds=["c", "g"], case="Belum ada jawaban sama sekali.")
    assert created and objection.number.startswith("KBR-2026-")
    assert not objection.filed_late
    assert objection.response_due == D(2026, 5, 20)  # 14 May Ascension, 15 May cuti bersama
