"""The PPID desk's overview: the inbox as XLSX (ppid/export.py) and the dashboard panel (ppid/wagtail_hooks.py),
who gets them, what they hold (no personal data) and what they cost (queries constant in rows)."""

import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from ppid import service
from tests.ppid.conftest import make_request

pytestmark = pytest.mark.django_db

D = datetime.date
PERSONAL = ("Rina", "6271015203900007", "rina@contoh.id", "Tjilik", "081255001234", "Daftar ormas")


def at(day, hour=9):
    return time_machine.travel(timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0))), tick=False)


def sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return rows[0], rows[1:]


def export_url(**params):
    from urllib.parse import urlencode

    return reverse("ppid_admin:index") + "?" + urlencode({"export": "xlsx", **params})


def test_petugas_downloads_the_inbox_without_personal_data_and_it_is_logged(client, staff):
    with at(D(2026, 11, 10)):
        late, _ = make_request(D(2026, 10, 12))
        fresh, _ = make_request(D(2026, 11, 10))
        refused, _ = make_request(D(2026, 10, 12))
        service.change_state(refused, staff["petugas"], "ditolak", refusal_grounds=["h"], refusal_reason="Pribadi.")
        service.file_objection(refused, grounds=["a"], case="Saya keberatan.")
        client.force_login(staff["petugas"])
        index = client.get(reverse("ppid_admin:index")).content.decode()
        assert "Unduh XLSX" in index
        headers, rows = sheet(client.get(export_url()))
    assert headers[0] == "Nomor pendaftaran" and "Status" in headers
    by_number = {row[0]: dict(zip(headers, row, strict=True)) for row in rows}
    assert set(by_number) == {late.number, fresh.number, refused.number}
    assert by_number[late.number]["Keterlambatan"] == "Terlambat"
    assert by_number[fresh.number]["Keterlambatan"] in ("", None)
    assert by_number[refused.number]["Keberatan terbuka"] == 1
    assert by_number[refused.number]["Status"] == "Ditolak"
    flat = " ".join(str(value) for row in rows for value in row)
    for personal in PERSONAL:
        assert personal not in flat
    entry = ModelLogEntry.objects.get(action=service.EXPORT_ACTION)
    assert entry.user == staff["petugas"] and entry.data["count"] == 3
    assert set(entry.data["numbers"]) == set(by_number)
    assert not any(personal in str(entry.data) for personal in PERSONAL)


def test_the_download_follows_the_filters(client, staff):
    with at(D(2026, 11, 10)):
        late, _ = make_request(D(2026, 10, 12))
        fresh, _ = make_request(D(2026, 11, 10))
        client.force_login(staff["atasan"])  # the Atasan sees the inbox, so may download it
        _headers, rows = sheet(client.get(export_url(overdue="true")))
    assert [row[0] for row in rows] == [late.number]
    assert ModelLogEntry.objects.get(action=service.EXPORT_ACTION).data["filters"] == {"overdue": "true"}


def test_others_cannot_download_and_csv_is_not_offered(client, staff):
    make_request()
    client.force_login(staff["redaksi"])
    assert client.get(export_url()).status_code == 403
    client.logout()
    anonymous = client.get(export_url())
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(staff["petugas"])
    as_csv = client.get(reverse("ppid_admin:index"), {"export": "csv"})
    assert as_csv["Content-Type"].startswith("text/html")
    assert not ModelLogEntry.objects.filter(action=service.EXPORT_ACTION).exists()


def test_the_download_costs_the_same_queries_for_3_or_12_rows(client, staff):
    client.force_login(staff["petugas"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(export_url()).status_code == 200
        return len(queries)

    for _ in range(3):
        item, _ = make_request()
    service.file_objection(item, grounds=["c"], case="Tidak dijawab.")
    count()  # the first request of a session reads settings and the session that later ones find cached
    few = count()
    for _ in range(9):
        item, _ = make_request()
    service.file_objection(item, grounds=["c"], case="Tidak dijawab.")
    assert count() == few


def panel(html):
    import re

    found = re.search(r'<section class="w-panel"[^>]*data-panel="ppid-desk".*?</section>', html, re.S)
    return found.group(0) if found else None


def cell(html, row):
    import re

    return re.search(rf"<tr data-{row}>.*?<a href=\"([^\"]+)\">(?:<strong>)?(\d+)", html, re.S).groups()


def test_the_dashboard_shows_the_desk_its_cases_with_links_into_the_inbox(client, staff):
    with at(D(2026, 11, 10)):  # Tuesday
        late, _ = make_request(D(2026, 10, 12))
        soon, _ = make_request(D(2026, 10, 29))  # due Thursday 12 November
        make_request(D(2026, 11, 10))
        refused, _ = make_request(D(2026, 10, 12))
        service.change_state(refused, staff["petugas"], "ditolak", refusal_grounds=["h"], refusal_reason="Pribadi.")
        service.file_objection(refused, grounds=["a"], case="Saya keberatan.")
        client.force_login(staff["atasan"])
        html = panel(client.get(reverse("wagtailadmin_home")).content.decode())
        assert "Meja layanan PPID" in html
        assert cell(html, "open")[1] == "3"
        assert cell(html, "overdue")[1] == "1"
        assert cell(html, "objections")[1] == "1"
        link, count = cell(html, "due-soon")
        assert count == "1"
        inbox = client.get(link.replace("&amp;", "&")).content.decode()
        assert soon.number in inbox and late.number not in inbox
        link, _count = cell(html, "objections")
        inbox = client.get(link).content.decode()
        assert refused.number in inbox and soon.number not in inbox


def test_the_panel_is_for_ppid_roles_only_and_costs_the_same_queries(client, staff):
    make_request()
    client.force_login(staff["redaksi"])
    assert panel(client.get(reverse("wagtailadmin_home")).content.decode()) is None
    client.force_login(staff["petugas"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert panel(client.get(reverse("wagtailadmin_home")).content.decode())
        return len(queries)

    count()
    few = count()
    for _ in range(8):
        item, _ = make_request(D(2026, 1, 5))
        service.file_objection(item, grounds=["c"], case="Tidak dijawab.")
    assert count() == few


def test_every_opening_of_the_written_notice_is_logged_and_stays_internal(client, staff, ppid_page):
    item, secret = make_request()
    item = service.change_state(item, staff["petugas"], "ditolak", refusal_grounds=["h"], refusal_reason="Pribadi.")
    client.force_login(staff["atasan"])
    for _ in range(2):
        assert client.get(reverse("ppid_admin:notice", args=[item.pk])).status_code == 200
    entries = ModelLogEntry.objects.filter(action=service.FILE_ACTION, object_id=str(item.pk))
    assert entries.count() == 2 and {e.data["file"] for e in entries} == {"notice"}
    assert all(e.user == staff["atasan"] for e in entries)
    assert item.events.filter(kind="file", public=False).count() == 2
    client.logout()
    client.post(ppid_page.url + "lacak/", {"number": item.number, "secret": secret})
    tracking = client.get(ppid_page.url + f"lacak/{item.number}/").content.decode()
    assert "Berkas dibuka" not in tracking and item.number in tracking
