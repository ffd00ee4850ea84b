"""PPID service statistics (ppid/statistics.py), the statistics page and its CSVs, the register of requests and the
annual report XLSX (ppid/public_reports.py, ppid/admin_views.py): every number counted from known records."""

import csv
import datetime
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from home.reports import open_statistics
from ppid import service, statistics
from ppid.models import PPIDObjection, PPIDRequest
from tests.factories.ppid import xlsx_rows
from tests.ppid.conftest import make_request

pytestmark = pytest.mark.django_db

D = datetime.date
STATS = "/ppid/statistik/"
REGISTER = "/ppid/daftar-permohonan/"
S = PPIDRequest.State


def at(day, hour=10):
    """A moment of `day` at `hour` WIB, for time_machine."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def step(day, action, *args, **kwargs):
    with time_machine.travel(at(day), tick=False):
        return action(*args, **kwargs)


@pytest.fixture
def records(ppid_section, staff):
    """Requests across both semesters of 2025 and the 2025/2026 boundary, with known notices. Early February,
    early March, October and November 2025 have no holiday, so the working days are the weekdays."""
    user = staff["petugas"]
    a, _s = make_request(D(2025, 2, 3), information="Anggaran hibah ormas 2024.")  # Mon
    step(D(2025, 2, 7), service.change_state, a, user, S.GRANTED, outcome_text="Softcopy lewat e-mail.")
    step(D(2025, 2, 10), service.change_state, a, user, S.DELIVERED)
    step(D(2025, 2, 11), service.change_state, a, user, S.DONE)  # still counts as granted: 4 working days

    b, _s = make_request(D(2025, 3, 3))  # Mon; refused on Mon 17 Mar: 10 working days, the last day allowed
    step(
        D(2025, 3, 17),
        service.change_state,
        b,
        user,
        S.REFUSED,
        refusal_grounds=["h", "j"],
        refusal_reason="Data pribadi.",
    )
    c, _s = make_request(D(2025, 2, 4))
    step(D(2025, 2, 5), service.change_state, c, user, S.WITHDRAWN, text="Ditarik pemohon.")

    d, _s = make_request(D(2025, 10, 1))  # Wed; extended, partly granted Thu 23 Oct: 16 working days, on time
    step(D(2025, 10, 14), service.extend, d, user, "Dihimpun dari tiga bidang.")
    step(
        D(2025, 10, 23),
        service.change_state,
        d,
        user,
        S.PARTLY_GRANTED,
        outcome_text="Sebagian.",
        refusal_grounds=["h"],
        refusal_reason="Data pribadi.",
    )
    e, _s = make_request(D(2025, 11, 3))  # Mon; not held, Fri 21 Nov: 14 working days, late (due 17 Nov)
    step(D(2025, 11, 21), service.change_state, e, user, S.NOT_HELD, referral="Dinas lain.")

    f, _s = make_request(None, received_at=at(D(2025, 12, 31), 23))  # 23.00 WIB on 31 Dec: still 2025, open
    g, _s = make_request(None, received_at=at(D(2026, 1, 1), 0))  # 00.00 WIB on 1 Jan: 2026

    refused, _created = step(D(2025, 3, 20), service.file_objection, b, grounds=["a"], case="Saya minta data agregat.")
    step(
        D(2025, 4, 21),
        service.decide_objection,
        refused,
        staff["atasan"],
        PPIDObjection.State.REFUSED,
        "Jawaban PPID tetap.",
    )
    step(D(2025, 12, 1), service.file_objection, e, grounds=["e"], case="Tidak dipenuhi.")
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g}


def by_key(reports):
    return {report.key: report for report in reports}


def column(report, header):
    index = [str(h) for h in report.headers].index(header)
    return index


def test_year_figures_equal_the_records(records):
    figures = statistics.compute(statistics.Period(2025))
    assert len(figures.requests) == 6  # a–f; g was received on 1 January 2026 (WIB)
    assert statistics.time_summary(figures) == (12, 11, 16)  # 4, 10, 14, 16 working days

    reports = by_key(statistics.reports(statistics.Period(2025)))
    outcome = reports["ppid-permohonan"]
    totals = dict(zip([str(h) for h in outcome.headers], outcome.footer, strict=True))
    assert totals == {
        "Bulan": "Total",
        "Dikabulkan": 1,
        "Dikabulkan sebagian": 1,
        "Ditolak": 1,
        "Tidak dikuasai": 1,
        "Belum didokumentasikan": 0,
        "Ditarik": 1,
        "Masih diproses": 1,
        "Total": 6,
    }
    months = {row[0]: row[-1] for row in outcome.rows}
    assert len(months) == 12
    assert months["Februari 2025"] == 2 and months["Desember 2025"] == 1 and months["Januari 2025"] == 0

    time = {str(row[0]): row[1] for row in reports["ppid-waktu"].rows}
    assert list(time.values()) == [2, 1, 1, 12, 11, 16]  # within 10; within the extension; late; median, mean, max
    assert reports["ppid-waktu"].footer[1] == 4

    grounds = {str(row[0])[:2]: row[1] for row in reports["ppid-pasal-17"].rows}
    assert grounds["h."] == 2 and grounds["j."] == 1 and sum(grounds.values()) == 3
    assert reports["ppid-pasal-17"].footer[1] == 2

    objections = [row[1] for row in reports["ppid-keberatan"].rows]
    assert objections == [0, 0, 1, 0, 1] and reports["ppid-keberatan"].footer[1] == 2


@pytest.mark.parametrize(
    ("semester", "received", "times"),
    [(1, 3, (7, 7, 10)), (2, 3, (15, 15, 16))],
)
def test_semester_figures(records, semester, received, times):
    figures = statistics.compute(statistics.Period(2025, semester))
    assert len(figures.requests) == received
    assert statistics.time_summary(figures) == times
    assert len(statistics.Period(2025, semester).months()) == 6


def test_next_year_starts_at_wib_midnight(records):
    figures = statistics.compute(statistics.Period(2026))
    assert [r["id"] for r in figures.requests] == [records["g"].pk]
    assert statistics.time_summary(figures) == (None, None, None)


def soup(response, status=200):
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


def table_of(page, key):
    table = page.select_one(f'table[data-report="{key}"]')
    return [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in table.select("tr")]


def csv_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_page_shows_each_table_and_chart_and_its_csv_is_the_table(client, records):
    page = soup(client.get(STATS, {"tahun": "2025", "semester": "2"}))
    assert "Juli–Desember 2025" in page.h1.get_text()
    for key in ("ppid-permohonan", "ppid-waktu", "ppid-pasal-17", "ppid-keberatan"):
        shown = table_of(page, key)
        assert page.select_one(f"svg title#chart-{key}-title")
        link = page.select_one(f'a[href*="unduh/{key}/"]')
        assert link["href"].endswith("?tahun=2025&semester=2")
        downloaded = csv_of(client.get(link["href"]))
        assert downloaded == [[cell if cell != "–" else "" for cell in row] for row in shown]


def test_period_chooser_is_a_labelled_get_form(client, records):
    page = soup(client.get(STATS))
    form = page.select_one("form.event-filter")
    assert form["method"] == "get"
    for name in ("tahun", "semester"):
        field = form.select_one(f'[name="{name}"]')
        assert page.select_one(f'label[for="{field["id"]}"]')
    assert str(timezone.localdate().year) in page.h1.get_text()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"tahun": "abc"}, "Tulis tahun dengan empat angka"),
        ({"tahun": "1999"}, "Pilih tahun dari 2010"),
        ({"tahun": "2025", "semester": "3"}, "Pilih satu tahun penuh, semester 1, atau semester 2"),
    ],
)
def test_bad_period_gets_a_field_message_and_this_year(client, records, query, message):
    page = soup(client.get(STATS, query), status=400)
    assert message in page.select_one(".field-error").get_text()
    assert str(timezone.localdate().year) in page.h1.get_text()
    assert client.get(f"{STATS}unduh/ppid-waktu/", query).status_code == 400


def test_unknown_table_is_not_found(client, records):
    assert client.get(f"{STATS}unduh/nama-pemohon/", {"tahun": "2025"}).status_code == 404


def test_open_statistics_include_ppid_and_equal_the_page(client, records):
    today = D(2025, 12, 31)
    ppid = [r for r in open_statistics(today) if r.key.startswith("ppid-")]
    assert [r.key for r in ppid] == ["ppid-permohonan", "ppid-waktu", "ppid-pasal-17", "ppid-keberatan"]
    with time_machine.travel(at(today), tick=False):
        page = soup(client.get(STATS, {"tahun": "2025"}))
    for report in ppid:
        headers, rows = report.table()
        shown = table_of(page, report.key)
        expected = [[str(h) for h in headers], *[[("–" if v is None else str(v)) for v in row] for row in rows]]
        assert shown == expected


# -- the register ----------------------------------------------------------------------------------------------
PERSONAL = ["Rina Kartikasari", "6271015203900007", "rina@contoh.id", "081255001234", "Tjilik Riwut", "Penelitian"]


def test_register_shows_only_requests_with_a_public_summary(client, records):
    PPIDRequest.objects.filter(pk=records["b"].pk).update(public_summary="Data pengurus ormas tahun 2024.")
    page = soup(client.get(REGISTER))
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in page.select("tbody tr")]
    assert len(rows) == 1
    number, received, summary, state, due, days, outcome = rows[0]
    assert number == records["b"].number and summary == "Data pengurus ormas tahun 2024."
    assert (state, days, outcome) == ("Ditolak", "10", "Ditolak")
    assert "Daftar ormas terdaftar 2025." not in page.get_text()  # the requester's own words stay private


def test_register_leaks_no_personal_data(client, records):
    PPIDRequest.objects.update(public_summary="Ringkasan oleh PPID.")
    html = client.get(REGISTER).content.decode()
    for key in ("ppid-permohonan", "ppid-waktu", "ppid-pasal-17", "ppid-keberatan"):
        html += client.get(f"{STATS}unduh/{key}/", {"tahun": "2025"}).content.decode("utf-8-sig")
    html += client.get(STATS, {"tahun": "2025"}).content.decode()
    for value in PERSONAL:
        assert value not in html


@pytest.mark.parametrize(("query", "count"), [({"tahun": "2025"}, 6), ({"status": "ditolak"}, 1), ({}, 7)])
def test_register_filters_by_year_and_state(client, records, query, count):
    PPIDRequest.objects.update(public_summary="Ringkasan oleh PPID.")
    page = soup(client.get(REGISTER, query))
    assert len(page.select("tbody tr")) == count


def test_register_costs_the_same_queries_for_few_or_many_rows(client, records):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(REGISTER).status_code == 200
        return len(captured)

    PPIDRequest.objects.filter(pk=records["a"].pk).update(public_summary="Satu.")
    queries(), queries()  # the first two requests of a test fill the site and page caches
    few = queries()
    PPIDRequest.objects.update(public_summary="Semua.")
    assert queries() == few


def test_statistics_cost_the_same_queries_for_few_or_many_records(client, records):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(STATS, {"tahun": "2025"}).status_code == 200
        return len(captured)

    queries(), queries()  # the first two requests of a test fill the site and page caches
    many = queries()
    PPIDRequest.objects.exclude(pk=records["a"].pk).delete()
    assert queries() == many


# -- the annual report -----------------------------------------------------------------------------------------
ANNUAL = "/admin/ppid/laporan-tahunan/"


def test_ppid_staff_download_the_annual_report_and_it_is_logged(client, records, staff):
    client.force_login(staff["atasan"])
    response = client.get(ANNUAL, {"tahun": "2025"})
    assert response.status_code == 200
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Ringkasan", "Permohonan", "Waktu", "Pasal 17", "Keberatan"]
    summary = {row[0]: tuple(row[1:]) for row in xlsx_rows(response.content)[1:]}
    assert summary["Permohonan diterima"] == (6, 3, 3)
    assert summary["Median hari kerja sampai pemberitahuan"] == (12, 7, 15)
    assert summary["Keberatan diterima"] == (2, 1, 1)
    entry = ModelLogEntry.objects.get(action="ppid.report_export")
    assert entry.user == staff["atasan"] and entry.data["year"] == 2025


def test_annual_report_is_refused_to_anonymous_and_other_editors(client, records, staff):
    response = client.get(ANNUAL, {"tahun": "2025"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(staff["redaksi"])
    assert client.get(ANNUAL, {"tahun": "2025"}).status_code == 403
    assert not ModelLogEntry.objects.filter(action="ppid.report_export").exists()


def test_annual_report_bad_year_is_a_message(client, staff):
    client.force_login(staff["petugas"])
    response = client.get(ANNUAL, {"tahun": "abc"})
    assert response.status_code == 400
    assert "empat angka" in response.content.decode()


def test_petugas_writes_the_public_summary_that_the_register_shows(client, records, staff):
    url = f"/admin/ppid/{records['a'].pk}/"
    client.force_login(staff["petugas"])
    too_long = client.post(url, {"action": "public", "public-public_summary": "x" * 301})
    assert too_long.status_code == 400
    assert "paling banyak 300 karakter" in too_long.content.decode()
    assert PPIDRequest.objects.get(pk=records["a"].pk).public_summary == ""

    response = client.post(url, {"action": "public", "public-public_summary": " Anggaran hibah ormas 2024. "})
    assert response.status_code == 302
    client.logout()
    page = soup(client.get(REGISTER))
    assert [row.th.get_text() for row in page.select("tbody tr")] == [records["a"].number]
    assert "Anggaran hibah ormas 2024." in page.select_one("tbody").get_text()


def test_only_ppid_staff_who_handle_requests_may_publish_a_summary(client, records, staff):
    client.force_login(staff["redaksi"])
    response = client.post(f"/admin/ppid/{records['a'].pk}/", {"action": "public", "public-public_summary": "Ya."})
    assert response.status_code == 403
    assert not PPIDRequest.objects.exclude(public_summary="").exists()


def test_the_desk_links_last_years_annual_report(client, staff):
    client.force_login(staff["atasan"])
    page = soup(client.get("/admin/ppid/"))
    last_year = timezone.localdate().year - 1
    link = page.select_one(f'a[href="{ANNUAL}?tahun={last_year}"]')
    assert f"Laporan tahunan {last_year} (XLSX)" in link.get_text(" ", strip=True)
