"""The editors' desk: dashboard panels, reports with XLSX exports, and the audit trail.

Numbers are checked against the demo content (`seeded`) counted by hand from events/demo.py and
feedback/demo.py, or against data built in the test.
"""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry

from desk import views as desk_views
from events import admin_views as events_admin
from events import seats
from events.models import EventPage, Registration
from feedback import service as feedback_service
from feedback.models import Feedback, FeedbackTopic
from home import audit
from tests.factories.events import make_event, register

REPORTS = ["pendaftaran", "kehadiran", "saran-per-bulan", "waktu-jawab"]


def user_with(django_user_model, username, *codenames, groups=()):
    user = django_user_model.objects.create_user(username, f"{username}@kesbangpol.example", "pw-" + username * 2)
    user.user_permissions.set(Permission.objects.filter(codename__in=["access_admin", *codenames]))
    user.groups.set(groups)
    return user


def panel(html, name):
    match = re.search(rf'<section[^>]*data-panel="{name}".*?</section>', html, re.S)
    return match[0] if match else ""


def cell(html, row_attr, row_id, column):
    match = re.search(rf'data-{row_attr}="{row_id}".*?data-{column}>\s*(?:<a[^>]*>)?([^<]*)<', html, re.S)
    return match[1].strip() if match else None


def report_table(html):
    """The report's table as lists of cell texts, header row first."""
    table = re.search(r"<table[^>]*data-report-table.*?</table>", html, re.S)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows
    ]


def sheet_rows(response):
    workbook = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


# Dashboard -------------------------------------------------------------------------------------------------------
def check_dashboard_seats(client, seeded, admin_user):
    client.force_login(admin_user)
    html = panel(client.get("/admin/").content.decode(), "upcoming-events")
    full = EventPage.objects.get(capacity=10)
    # Hand count from demo_events: capacity 10, 13 people registered, so 10 seats taken, none left, 3 waiting.
    assert cell(html, "event", full.pk, "taken") == "10 / 10"
    assert cell(html, "event", full.pk, "left") == "0"
    assert cell(html, "event", full.pk, "waitlist") == "3"
    fgd = EventPage.objects.get(capacity=60)
    assert cell(html, "event", fgd.pk, "left") == "60" and cell(html, "event", fgd.pk, "waitlist") == "0"


def check_dashboard_feedback(client, seeded, admin_user):
    today = timezone.localdate()
    client.force_login(admin_user)
    html = panel(client.get("/admin/").content.decode(), "feedback-topics")
    # Hand count from demo_feedback.ITEMS (status "baru" per topic): SIOLA 2, FGD 1, Kamtibmas 1, lainnya 2.
    new_by_topic = {"Pendaftaran ormas/SIOLA": 2, "Kegiatan FGD dan forum": 1, "Kamtibmas dan kewaspadaan dini": 1}
    new_by_topic["Layanan Kesbangpol lainnya"] = 2
    for name, expected in new_by_topic.items():
        topic = FeedbackTopic.objects.get(name=name)
        assert cell(html, "topic", topic.pk, "new") == str(expected)
        overdue = sum(item.is_overdue(today) for item in Feedback.objects.filter(topic=topic))
        assert cell(html, "topic", topic.pk, "overdue") == str(overdue)

    ormas_editor = Group.objects.get(name="Tim Ormas dan SIOLA").user_set.create(username="ormas")
    client.force_login(ormas_editor)
    html = panel(client.get("/admin/").content.decode(), "feedback-topics")
    assert "Pendaftaran ormas/SIOLA" in html
    assert "Kamtibmas" not in html and "Kegiatan FGD" not in html and "lainnya" not in html
    # The ormas team may not see registrations: no events panel for them.
    assert panel(client.get("/admin/").content.decode(), "upcoming-events") == ""


def check_dashboard_consultations(client, seeded, admin_user):
    from consultations.models import ConsultationPage

    now = timezone.now()
    soon = ConsultationPage.objects.live().first()
    later = ConsultationPage.objects.live().exclude(pk=soon.pk).first()
    ConsultationPage.objects.filter(pk=soon.pk).update(
        opens_at=now - dt.timedelta(days=3), closes_at=now + dt.timedelta(days=2)
    )
    ConsultationPage.objects.filter(pk=later.pk).update(closes_at=now + dt.timedelta(days=9))
    client.force_login(admin_user)
    html = panel(client.get("/admin/").content.decode(), "closing-consultations")
    assert f'data-consultation="{soon.pk}"' in html
    assert f'data-consultation="{later.pk}"' not in html
    assert f"{soon.responses.count()} tanggapan" in html


@pytest.mark.django_db
def test_dashboard_reads_the_same_number_of_queries_for_2_and_10_events(client, home_page, admin_user):
    def count_queries():
        client.get("/admin/")  # warm: menus, settings, site
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/").status_code == 200
        return len(queries)

    client.force_login(admin_user)
    events = [make_event(home_page, start_in=dt.timedelta(days=3 + i)) for i in range(2)]
    for event in events:
        register(event)
    two = count_queries()
    for i in range(8):
        register(make_event(home_page, start_in=dt.timedelta(days=10 + i)))
    assert count_queries() == two


# Reports ---------------------------------------------------------------------------------------------------------
def check_registration_report(client, seeded, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/laporan-editor/pendaftaran/").content.decode()
    assert "<svg" in html and "<script" not in html.split('class="nice-padding editor-report"')[1].split("</table>")[0]
    table = report_table(html)
    header = table[0]
    full_event = EventPage.objects.get(capacity=10)
    full = next(row for row in table if row[0].startswith(full_event.title))
    # demo_events: confirmed people alternate between Ormas and Ormas Adat: 5 and 5; 3 on the waitlist.
    assert full[header.index("Ormas")] == "5" and full[header.index("Ormas Adat")] == "5"
    assert full[header.index("Terkonfirmasi")] == "10" and full[header.index("Daftar tunggu")] == "3"

    rows = sheet_rows(client.get("/admin/laporan-editor/pendaftaran/ekspor.xlsx"))
    assert rows[0] == header
    sheet_full = next(row for row in rows if row[0] == full[0])
    assert sheet_full[header.index("Ormas")] == 5 and sheet_full[header.index("Daftar tunggu")] == 3
    assert rows[-1][0] == "Total" and rows[-1][header.index("Terkonfirmasi")] == 10


def check_feedback_reports(client, seeded, admin_user):
    client.force_login(admin_user)
    table = report_table(client.get("/admin/laporan-editor/saran-per-bulan/").content.decode())
    header, total = table[0], table[-1]
    # 20 demo items, 5 per topic, all received within the last 12 months.
    for name in ("Pendaftaran ormas/SIOLA", "Kegiatan FGD dan forum", "Layanan Kesbangpol lainnya"):
        assert total[header.index(name)] == "5"
    assert total[-1] == "20"

    answers = report_table(client.get("/admin/laporan-editor/waktu-jawab/").content.decode())
    header, total = answers[0], answers[-1]
    # The four "selesai" items were answered three days after arriving: all on time.
    assert total[header.index("Dijawab")] == "4" and total[header.index("Tepat waktu")] == "4"
    today = timezone.localdate()
    late_open = sum(
        1
        for item in Feedback.objects.all()
        if not item.is_final and item.answered_at is None and item.answer_due < today
    )
    assert total[header.index("Terbuka, lewat tenggat")] == str(late_open)
    xlsx = sheet_rows(client.get("/admin/laporan-editor/waktu-jawab/ekspor.xlsx"))
    assert xlsx[-1][header.index("Dijawab")] == 4 and xlsx[-1][header.index("Terbuka, lewat tenggat")] == late_open

    ormas_editor = Group.objects.get(name="Tim Ormas dan SIOLA").user_set.create(username="ormas")
    client.force_login(ormas_editor)
    table = report_table(client.get("/admin/laporan-editor/saran-per-bulan/").content.decode())
    assert table[0][1:] == ["Pendaftaran ormas/SIOLA", "Total"] and table[-1][-1] == "5"


@pytest.mark.django_db
def test_attendance_report_divides_present_by_confirmed(client, home_page, admin_user):
    event = make_event(home_page, capacity=5, start_in=dt.timedelta(days=2))
    people = [register(event) for _ in range(4)]
    seats.cancel(people[3])
    for person in people[:3]:
        seats.mark_attendance(person)
    Registration.objects.filter(pk=people[2].pk).update(attended_at=None)  # 2 of 3 confirmed came
    past = timezone.now() - dt.timedelta(days=5)
    EventPage.objects.filter(pk=event.pk).update(starts_at=past, ends_at=past + dt.timedelta(hours=3))
    client.force_login(admin_user)
    table = report_table(client.get("/admin/laporan-editor/kehadiran/").content.decode())
    row = next(r for r in table if r[0].startswith(event.title))
    assert row[1:4] == ["3", "2", "66,7"]
    xlsx = sheet_rows(client.get("/admin/laporan-editor/kehadiran/ekspor.xlsx"))
    assert next(r for r in xlsx if r[0] == row[0])[1:4] == [3, 2, 66.7]


@pytest.mark.django_db
@pytest.mark.parametrize("key", REPORTS)
def test_reports_and_exports_answer_403_without_permission(client, django_user_model, key):
    nobody = user_with(django_user_model, "redaksi", "add_page")
    client.force_login(nobody)
    assert client.get(f"/admin/laporan-editor/{key}/").status_code == 403
    assert client.get(f"/admin/laporan-editor/{key}/ekspor.xlsx").status_code == 403
    assert not ModelLogEntry.objects.filter(action=desk_views.REPORT_EXPORT).exists()


@pytest.mark.django_db
def test_viewing_is_not_exporting(client, django_user_model, home_page):
    viewer = user_with(django_user_model, "acara", "view_registration")
    client.force_login(viewer)
    assert client.get("/admin/laporan-editor/pendaftaran/").status_code == 200
    assert "ekspor.xlsx" not in client.get("/admin/laporan-editor/pendaftaran/").content.decode()
    assert client.get("/admin/laporan-editor/pendaftaran/ekspor.xlsx").status_code == 403
    assert client.get("/admin/laporan-editor/saran-per-bulan/").status_code == 403
    menu = client.get("/admin/").content.decode()
    assert "laporan-editor/pendaftaran/" in menu and "laporan-editor/saran-per-bulan/" not in menu


@pytest.mark.django_db
def test_xlsx_cells_stay_text_when_a_title_looks_like_a_formula(client, home_page, admin_user):
    event = make_event(home_page, title='=HYPERLINK("http://evil.example")')
    register(event)
    client.force_login(admin_user)
    response = client.get("/admin/laporan-editor/pendaftaran/ekspor.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c for row in workbook.active.iter_rows() for c in row if str(c.value or "").startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


# Audit -----------------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_report_export_is_one_log_entry_with_who_and_what(client, home_page, admin_user):
    client.force_login(admin_user)
    client.get("/admin/laporan-editor/pendaftaran/ekspor.xlsx")
    entry = ModelLogEntry.objects.get(action=desk_views.REPORT_EXPORT)
    assert entry.user == admin_user and entry.data["report"] == "pendaftaran" and entry.data["format"] == "xlsx"
    assert "@" not in str(entry.data)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Laporan diekspor" in history


@pytest.mark.django_db
def test_check_in_is_logged_once_without_the_name(client, home_page, admin_user):
    event = make_event(home_page)
    person = register(event, name="Rahmat Hidayat", email="rahmat@contoh.example")
    client.force_login(admin_user)
    client.post(f"/admin/pendaftaran-kegiatan/{event.pk}/{person.pk}/attended/")
    entries = PageLogEntry.objects.filter(action=events_admin.CHECK_IN)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.page_id == event.pk and entry.user == admin_user and entry.data == {"code": person.code}
    assert "Rahmat" not in str(entry.data) + entry.label and "rahmat@" not in str(entry.data)
    client.post(f"/admin/pendaftaran-kegiatan/{event.pk}/{person.pk}/absent/")
    assert PageLogEntry.objects.filter(action=events_admin.CHECK_IN_UNDONE).count() == 1
    history = client.get(f"/admin/pages/{event.pk}/history/").content.decode()
    assert "Peserta hadir dicatat" in history


def check_feedback_audit(client, seeded, admin_user):
    item = Feedback.objects.filter(status=Feedback.Status.NEW).exclude(email="").first()
    feedback_service.change_status(item, admin_user, Feedback.Status.VERIFIED)
    feedback_service.publish_answer(item, admin_user, "Terima kasih, sudah kami tindak lanjuti.")
    status = ModelLogEntry.objects.get(action=feedback_service.STATUS_ACTION)
    assert status.object_id == str(item.pk) and status.label == item.tracking_code and status.user == admin_user
    assert status.data == {"from": "baru", "to": "diverifikasi"}
    assert ModelLogEntry.objects.filter(action=feedback_service.ANSWER_ACTION).count() == 1
    for entry in ModelLogEntry.objects.all():
        text = str(entry.data) + entry.label
        assert item.email not in text and (not item.name or item.name not in text)
    client.force_login(admin_user)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Status diubah dari “Baru” menjadi “Diverifikasi”" in history


def check_personal_data_audit(seeded):
    item = Feedback.objects.exclude(email="").first()
    audit.record_personal_data_removed(item, reason="retention", fields=3)
    entry = ModelLogEntry.objects.get(action=audit.PERSONAL_DATA_REMOVED)
    assert entry.label == item.tracking_code and item.email not in str(entry.data)


# The demo content takes ~20 s to seed, so the checks against it share one seeding per area.
@pytest.mark.django_db
def test_dashboard_numbers_match_the_seed(client, seeded, admin_user):
    check_dashboard_seats(client, seeded, admin_user)
    check_dashboard_consultations(client, seeded, admin_user)
    check_dashboard_feedback(client, seeded, admin_user)  # last: it logs in as a team editor


@pytest.mark.django_db
def test_report_numbers_match_the_hand_count_and_their_xlsx(client, seeded, admin_user):
    check_registration_report(client, seeded, admin_user)
    check_feedback_reports(client, seeded, admin_user)


@pytest.mark.django_db
def test_feedback_actions_and_data_removal_are_logged_without_personal_data(client, seeded, admin_user):
    check_feedback_audit(client, seeded, admin_user)
    check_personal_data_audit(seeded)


@pytest.mark.django_db
def test_feedback_panel_reads_the_same_number_of_queries_for_2_and_10_topics(client, home_page, django_user_model):
    team = Group.objects.create(name="Tim Uji")
    team.permissions.set(Permission.objects.filter(codename__in=["access_admin", "view_feedback", "change_feedback"]))
    editor = django_user_model.objects.create_user("tim", "tim@kesbangpol.example", "pw-timtimtim")
    editor.groups.add(team)

    def add_topic(number):
        topic = FeedbackTopic.objects.create(name=f"Topik {number}", team=team)
        feedback_service.submit(
            data={"kind": "saran", "topic": topic, "message": "Saran uji.", "identity": "anonymous"},
            consent={"version": "uji", "given_at": timezone.now()},
        )

    def count_queries():
        # Two warm-ups: the first view creates the feedback settings row, which purges the kept site data
        # (home/cache.py), so the second one refills it as every later view finds it.
        for _ in range(2):
            client.get("/admin/")
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/admin/").content.decode()
        return len(queries), panel(html, "feedback-topics").count("data-topic=")

    client.force_login(editor)
    for number in range(2):
        add_topic(number)
    two, rows = count_queries()
    assert rows == 2
    for number in range(2, 10):
        add_topic(number)
    assert count_queries() == (two, 10)
