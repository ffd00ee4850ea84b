"""The working-days calendar (home/workdays.py): the `holidays` package, the editors' table of SKB changes, the
cuti-bersama setting, and the warning before deadlines run past the last year whose cuti bersama are known.

The dates were checked by hand against the SKB 3 Menteri on the 2026 national holidays and cuti bersama (No. 1497,
2 and 5 of 2025): Nyepi 19 March, Idulfitri 21–22 March, cuti bersama 18, 20, 23 and 24 March, Good Friday
3 April, cuti bersama 24 December, Christmas 25 December. The 2027 dates come from the pinned `holidays` package.
"""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from home.models import Holiday, OutboxMessage
from home.workdays import (
    calendar_warning,
    days_off_between,
    due_date,
    is_working_day,
    last_year_loaded,
    working_days_between,
)

D = datetime.date
WIB = datetime.timezone(datetime.timedelta(hours=7))


def skipped(start, end):
    return [(day.date, day.kind) for day in days_off_between(start, end)]


def test_a_request_received_before_lebaran_2026_and_its_extension(db):
    # Wed 11 March + 10 working days: 12, 13, 16, 17, (18 cuti, 19 Nyepi, 20 cuti, 21–22 weekend and Idulfitri,
    # 23 and 24 cuti) 25, 26, 27, 30, 31 March, 1 April.
    first_due = due_date(D(2026, 3, 11), 10)
    assert first_due == D(2026, 4, 1)
    # The extension counts 7 working days after the first due date: 2, (3 Good Friday) 6, 7, 8, 9, 10, 13 April.
    assert due_date(first_due, 7) == D(2026, 4, 13)
    assert skipped(D(2026, 3, 11), first_due) == [
        (D(2026, 3, 18), "cuti_bersama"),
        (D(2026, 3, 19), "national"),
        (D(2026, 3, 20), "cuti_bersama"),
        (D(2026, 3, 23), "cuti_bersama"),
        (D(2026, 3, 24), "cuti_bersama"),
    ]
    assert working_days_between(D(2026, 3, 11), D(2026, 4, 13)) == 17


def test_a_deadline_across_the_new_year_counts_the_2027_holidays(db):
    # Thu 17 Dec 2026 + 10: 18, 21, 22, 23, (24 cuti, 25 Christmas) 28, 29, 30, 31, (1 Jan New Year) 4, (5 Jan
    # Isra Mikraj 1448 H) 6 January 2027. The table holds no 2027 row: those come from the package.
    assert due_date(D(2026, 12, 17), 10) == D(2027, 1, 6)
    days = days_off_between(D(2026, 12, 17), D(2027, 1, 6))
    assert [(day.date, day.kind) for day in days] == [
        (D(2026, 12, 24), "cuti_bersama"),
        (D(2026, 12, 25), "national"),
        (D(2027, 1, 1), "national"),
        (D(2027, 1, 5), "national"),
    ]
    assert [day.name for day in days][1:] == ["Hari Raya Natal", "Tahun Baru Masehi", "Isra Mikraj Nabi Muhammad"]
    assert not is_working_day(D(2027, 1, 5)) and is_working_day(D(2027, 1, 6))


def test_the_table_removes_a_listed_holiday_and_adds_a_day_off(db):
    Holiday.objects.create(
        date=D(2027, 1, 5), kind="working_day", name="Isra Mikraj dipindah (uji)", source="SKB 3 Menteri (uji)"
    )
    assert is_working_day(D(2027, 1, 5))
    assert due_date(D(2026, 12, 17), 10) == D(2027, 1, 5)

    Holiday.objects.create(date=D(2026, 12, 31), kind="cuti_bersama", name="Cuti bersama Tahun Baru (uji)")
    assert due_date(D(2026, 12, 17), 10) == D(2027, 1, 6)
    assert (D(2026, 12, 31), "cuti_bersama") in skipped(D(2026, 12, 17), D(2027, 1, 6))


def test_the_setting_decides_whether_cuti_bersama_count(db, settings):
    settings.WORKDAYS_CUTI_BERSAMA_IS_DAY_OFF = False
    # Only Nyepi (19 March) is skipped: 12, 13, 16, 17, 18, 20, 23, 24, 25, 26 March.
    assert due_date(D(2026, 3, 11), 10) == D(2026, 3, 26)
    assert skipped(D(2026, 3, 11), D(2026, 3, 26)) == [(D(2026, 3, 19), "national")]
    assert due_date(D(2026, 12, 17), 10) == D(2027, 1, 4)
    settings.WORKDAYS_CUTI_BERSAMA_IS_DAY_OFF = True
    assert due_date(D(2026, 3, 11), 10) == D(2026, 4, 1)


def test_each_call_reads_the_table_once(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        due_date(D(2026, 12, 17), 10)
    with django_assert_num_queries(1):
        working_days_between(D(2026, 1, 1), D(2027, 12, 31))
    with django_assert_num_queries(1):
        days_off_between(D(2026, 1, 1), D(2027, 12, 31))


# How far ahead the calendar is known ----------------------------------------------------------------------------
def test_the_last_year_loaded_is_the_last_of_consecutive_years_with_cuti_bersama(db):
    # The pinned package has the cuti bersama of the 2026 and 2027 SKBs, none for 2028 yet.
    assert last_year_loaded(D(2026, 12, 3)) == 2027
    Holiday.objects.create(date=D(2029, 5, 11), kind="cuti_bersama", name="Cuti bersama (uji)")
    assert last_year_loaded(D(2026, 12, 3)) == 2027, "a stray 2029 entry does not hide a missing 2028"
    Holiday.objects.create(date=D(2028, 12, 26), kind="cuti_bersama", name="Cuti bersama Natal (uji)")
    assert last_year_loaded(D(2026, 12, 3)) == 2029
    assert last_year_loaded(D(2030, 2, 1)) == 2029, "this year missing: known up to last year"


def test_the_warning_starts_on_1_november_of_the_last_year_loaded(db):
    assert calendar_warning(D(2027, 10, 31)) is None
    warning = calendar_warning(D(2027, 11, 1))
    assert (warning.last_year, warning.ends_on, warning.next_year) == (2027, D(2027, 12, 31), 2028)
    Holiday.objects.create(date=D(2028, 2, 25), kind="cuti_bersama", name="Cuti bersama Imlek (uji)")
    assert calendar_warning(D(2027, 11, 1)) is None


@pytest.fixture
def keepers(django_user_model):
    """A superuser, a member of a group that may edit holidays, and an editor who may not."""
    admin = django_user_model.objects.create_superuser("admin_kalender", "Admin@Kesbangpol.example", "pw-x" * 4)
    group = Group.objects.create(name="Pengelola hari libur")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", "change_holiday"]))
    keeper = django_user_model.objects.create_user("pengelola", "pengelola@kesbangpol.example", "pw-y" * 4)
    keeper.groups.add(group)
    editor = django_user_model.objects.create_user("editor_berita", "berita@kesbangpol.example", "pw-z" * 4)
    editor.user_permissions.set(Permission.objects.filter(codename="access_admin"))
    return {"admin": admin, "keeper": keeper, "editor": editor}


def holiday_panel(client, user):
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    return 'data-panel="holiday-calendar"' in html, html


def test_the_dashboard_warns_those_who_keep_the_table(client, keepers):
    with time_machine.travel(datetime.datetime(2027, 11, 2, 9, 0, tzinfo=WIB)):
        shown, html = holiday_panel(client, keepers["admin"])
        assert shown and "31 Desember 2027" in html and "Cuti bersama 2028 belum dicatat" in html
        assert holiday_panel(client, keepers["keeper"])[0]
        assert not holiday_panel(client, keepers["editor"])[0]
    with time_machine.travel(datetime.datetime(2027, 10, 30, 9, 0, tzinfo=WIB)):
        assert not holiday_panel(client, keepers["admin"])[0]


def test_the_warning_mail_goes_once_a_year_to_each_keeper(keepers):
    with time_machine.travel(datetime.datetime(2027, 10, 31, 8, 0, tzinfo=WIB)):
        call_command("warn_holiday_calendar", stdout=io.StringIO())
    assert not OutboxMessage.objects.exists()
    for day in (1, 1, 2):
        with time_machine.travel(datetime.datetime(2027, 11, day, 8, 0, tzinfo=WIB)):
            call_command("warn_holiday_calendar", stdout=io.StringIO())
    mails = OutboxMessage.objects.order_by("key")
    assert [mail.to for mail in mails] == [["admin@kesbangpol.example"], ["pengelola@kesbangpol.example"]]
    assert "2028" in mails[0].subject and "31 Desember 2027" in mails[0].body_text
    assert "/admin/saran-pengaduan/hari-libur/" in mails[0].body_text

    # Once the 2028 cuti bersama are entered the warning stops, and starts again for 2028 a year later.
    Holiday.objects.create(date=D(2028, 2, 25), kind="cuti_bersama", name="Cuti bersama Imlek (uji)")
    with time_machine.travel(datetime.datetime(2027, 11, 3, 8, 0, tzinfo=WIB)):
        call_command("warn_holiday_calendar", stdout=io.StringIO())
    assert OutboxMessage.objects.count() == 2
    with time_machine.travel(datetime.datetime(2028, 11, 1, 8, 0, tzinfo=WIB)):
        call_command("warn_holiday_calendar", stdout=io.StringIO())
    assert OutboxMessage.objects.count() == 4
