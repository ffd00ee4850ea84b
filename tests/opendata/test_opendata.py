"""Data dan Statistik (/data-dan-statistik/): the public figures equal the records and the editors' reports, each
CSV equals its table, the page is cached and a purge shows new figures, and no personal data gets out."""

import csv
import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import ConsultationIndexPage, ConsultationPage, ConsultationResponse
from events.models import EventPage, Registration
from feedback.models import Feedback
from home import cache as page_cache
from home.models import SiteSettings
from home.periods import month_start
from home.reports import open_statistics
from opendata.models import DataStatisticsPage
from ormas.models import Ormas
from tests.factories import make_page
from tests.factories.events import make_event, register
from tests.ormas.conftest import make_ormas

URL = "/data-dan-statistik/"


def cells(fragment):
    rows = re.findall(r"<tr>(.*?)</tr>", fragment, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows
    ]


def tables(html):
    """{report key: [header, *rows, footer]} as the page shows them."""
    found = {}
    for key, section in re.findall(r'<section[^>]*data-report="([^"]+)".*?>(.*?)</section>', html, re.S):
        table = re.search(r"<table[^>]*data-report-table.*?</table>", section, re.S)
        found[key] = cells(table[0]) if table else []
    return found


def csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text)) if row and not row[0].startswith("#")]


def plain(value):
    """A page cell as the CSV writes it: the page formats decimals the Indonesian way and None as a dash."""
    if value == "–":
        return ""
    return value.replace(".", "").replace(",", ".") if re.fullmatch(r"[\d.,]+", value) else value


def admin_table(client, key):
    html = client.get(f"/admin/laporan-editor/{key}/").content.decode()
    return cells(re.search(r"<table[^>]*data-report-table.*?</table>", html, re.S)[0])


def column(table, header):
    index = table[0].index(header)
    return [row[index] for row in table[1:]]


@pytest.fixture
def stats_page(home_page):
    SiteSettings.objects.get_or_create()  # created on the first view otherwise, and that save purges the cache
    return make_page(home_page, DataStatisticsPage, title="Data dan Statistik", slug="data-dan-statistik")


# With the demo content ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_demo_page_equals_the_records_the_admin_reports_and_its_csvs_without_personal_data(client, seeded, admin_user):
    anon = Client()
    response = anon.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert " style=" not in html  # the public CSP forbids style attributes (site_cms/settings/base.py)
    shown = tables(html)
    # Every registered statistic, in hook order (the PPID app adds its own).
    assert list(shown) == [report.key for report in open_statistics(timezone.localdate())]
    assert {"ormas-wilayah", "ormas-bentuk", "ormas-status", "kegiatan", "peserta", "konsultasi"} <= set(shown)
    assert {"saran-diterima", "saran-dijawab"} <= set(shown)

    # The records, counted here without the statistics code.
    assert shown["ormas-wilayah"][-1] == ["Total", str(Ormas.objects.count())]
    assert shown["ormas-bentuk"][-1][-1] == str(Ormas.objects.count())
    palangka = next(row for row in shown["ormas-wilayah"] if row[0] == "Kota Palangka Raya")
    assert palangka[1] == str(Ormas.objects.filter(regency__code="62.71").count())
    today = timezone.localdate()
    since = timezone.make_aware(dt.datetime.combine(month_start(today, 11), dt.time.min))
    assert shown["saran-diterima"][-1] == ["Total", str(Feedback.objects.filter(submitted_at__gte=since).count())]
    responses = ConsultationResponse.objects.filter(page__live=True).count()
    assert shown["konsultasi"][-1][-1] == str(responses)

    # The admin reports, for a superuser, count the same items.
    client.force_login(admin_user)
    per_month = admin_table(client, "saran-per-bulan")
    assert column(shown["saran-diterima"], "Diterima") == column(per_month, "Total")
    answers = admin_table(client, "waktu-jawab")
    public_total = shown["saran-dijawab"][-1]
    assert public_total[1:4] == answers[-1][1:4]  # answered, on time, late

    # Each CSV is its table.
    for key, table in shown.items():
        download = anon.get(f"{URL}unduh/{key}/")
        assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
        if table:
            assert csv_rows(download) == [[plain(cell) for cell in row] for row in table], key
        else:  # "Nothing to count yet" on the page; the CSV has the headers and a zero total
            assert [cell for cell in csv_rows(download)[-1][1:] if cell not in ("0", "")] == [], key
        assert "CC BY 4.0" in download.content.decode("utf-8-sig").splitlines()[0]

    # No name, e-mail or phone of a registrant, a complainant or a respondent, in the page or a CSV.
    everything = html + "".join(anon.get(f"{URL}unduh/{key}/").content.decode() for key in shown)
    people = [
        *Registration.objects.values_list("full_name", "email", "phone"),
        *Feedback.objects.exclude(name="").values_list("name", "email", "phone"),
        *ConsultationResponse.objects.exclude(name="").values_list("name", "email", "organisation"),
    ]
    assert people
    for person in people:
        for value in person:
            if value and len(value) > 4:
                assert value not in everything, value


@pytest.mark.django_db
def test_demo_menu_and_footer_link_the_page(seeded):
    html = Client().get("/").content.decode()
    assert html.count(f'href="{URL}"') >= 2  # the main menu and the footer's services


# With records made here -----------------------------------------------------------------------------------------
def move_to_past(event, days_ago=10):
    past = timezone.now() - dt.timedelta(days=days_ago)
    EventPage.objects.filter(pk=event.pk).update(starts_at=past, ends_at=past + dt.timedelta(hours=3))


@pytest.mark.django_db
def test_event_figures_count_held_events_and_participants_by_category(client, home_page, stats_page, admin_user):
    event = make_event(home_page, capacity=10, quotas={"Mahasiswa": None, "Ormas": None})
    for name in ["Mahasiswa", "Mahasiswa", "Ormas"]:
        register(event, category_name=name)
    people = Registration.objects.filter(event=event)
    people.filter(category__name="Ormas").update(attended_at=timezone.now())
    move_to_past(event)
    make_event(home_page, capacity=5)  # still to come: not held

    shown = tables(Client().get(URL).content.decode())
    assert shown["peserta"][1:] == [["Mahasiswa", "2"], ["Ormas", "1"], ["Total", "3"]]
    assert shown["kegiatan"][-1] == ["Total", "1", "3", "1"]

    client.force_login(admin_user)
    attendance = admin_table(client, "kehadiran")
    assert attendance[-1][1:3] == shown["kegiatan"][-1][2:4]  # confirmed, present
    registrations = admin_table(client, "pendaftaran")  # the event to come has no registrations yet
    for name, count in shown["peserta"][1:-1]:
        assert registrations[-1][registrations[0].index(name)] == count


@pytest.mark.django_db
def test_a_new_record_shows_after_a_purge_not_before(home_page, stats_page):
    anon = Client()
    index = make_page(home_page, ConsultationIndexPage, title="Konsultasi Publik", slug="konsultasi-publik")
    now = timezone.now()
    page = make_page(
        index,
        ConsultationPage,
        title="Rancangan Perda",
        summary="Ringkasan.",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=5),
    )
    first = anon.get(URL)
    assert first["X-Cache"] == "MISS" and tables(first.content.decode())["konsultasi"][-1][-1] == "0"
    assert anon.get(f"{URL}unduh/konsultasi/")["X-Cache"] == "MISS"

    ConsultationResponse.objects.create(
        page=page, reference_code="KON-UJI-1", response="Setuju.", consent_version="uji", consented_at=now
    )
    cached = anon.get(URL)
    assert cached["X-Cache"] == "HIT" and tables(cached.content.decode())["konsultasi"][-1][-1] == "0"
    assert csv_rows(anon.get(f"{URL}unduh/konsultasi/"))[-1][-1] == "0"

    page_cache.purge_all()
    fresh = anon.get(URL)
    assert fresh["X-Cache"] == "MISS" and tables(fresh.content.decode())["konsultasi"][-1][-1] == "1"
    assert csv_rows(anon.get(f"{URL}unduh/konsultasi/"))[-1][-1] == "1"

    # A change to the register purges by itself (ormas/apps.py): the new ormas counts at once.
    before = tables(anon.get(URL).content.decode())["ormas-wilayah"][-1][-1]
    make_ormas()
    assert tables(anon.get(URL).content.decode())["ormas-wilayah"][-1][-1] == str(int(before) + 1)


@pytest.mark.django_db
def test_a_purge_of_the_page_path_alone_shows_new_feedback_figures(home_page, stats_page):
    from feedback.models import FeedbackTopic
    from tests.feedback.test_admin import make_item

    anon = Client()
    item = make_item(FeedbackTopic.objects.create(name="Layanan lain"), days_ago=400)  # outside the 12 months
    assert tables(anon.get(URL).content.decode())["saran-diterima"][-1] == ["Total", "0"]
    # A change that sends no signal (a QuerySet.update), like a counter: the cached page still has the old figure.
    Feedback.objects.filter(pk=item.pk).update(submitted_at=timezone.now())
    assert tables(anon.get(URL).content.decode())["saran-diterima"][-1] == ["Total", "0"]
    page_cache.purge_pages([stats_page])
    assert tables(anon.get(URL).content.decode())["saran-diterima"][-1] == ["Total", "1"]


def count_queries(client, path):
    page_cache.purge_all()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_records(home_page, stats_page):
    from feedback.models import FeedbackTopic
    from tests.feedback.test_admin import make_item

    anon = Client()
    topic = FeedbackTopic.objects.create(name="Layanan lain")
    index = make_page(home_page, ConsultationIndexPage, title="Konsultasi Publik", slug="konsultasi-publik")
    now = timezone.now()

    def add_records(n):
        for _ in range(n):
            event = make_event(home_page, capacity=5)
            register(event)
            move_to_past(event)
            make_ormas()
            make_item(topic, days_ago=40)
            make_page(
                index,
                ConsultationPage,
                summary="Ringkasan.",
                opens_at=now - dt.timedelta(days=3),
                closes_at=now - dt.timedelta(days=1),
            )

    add_records(1)
    few_page, few_csv = count_queries(anon, URL), count_queries(anon, f"{URL}unduh/peserta/")
    add_records(4)
    assert count_queries(anon, URL) == few_page
    assert count_queries(anon, f"{URL}unduh/peserta/") == few_csv
    assert tables(anon.get(URL).content.decode())["kegiatan"][-1][1] == "5"


@pytest.mark.django_db
def test_unknown_csv_key_is_404(home_page, stats_page):
    anon = Client()
    assert anon.get(f"{URL}unduh/tidak-ada/").status_code == 404
    assert anon.get(f"{URL}unduh/ormas-status/").status_code == 200


@pytest.mark.django_db
def test_every_statistic_has_a_unique_key_and_consistent_rows(home_page):
    reports = open_statistics(timezone.localdate())
    assert len({r.key for r in reports}) == len(reports)
    for report in reports:
        headers, rows = report.table()
        assert all(len(row) == len(headers) for row in rows), report.key


@pytest.mark.django_db
def test_the_page_can_only_sit_under_the_home_page_once(home_page, stats_page):
    assert not DataStatisticsPage.can_create_at(home_page)
    assert DataStatisticsPage.parent_page_types == ["home.HomePage"]
