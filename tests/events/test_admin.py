"""The events team's admin: counts and filters, manual confirm/cancel/promote, exports in the audit log,
check-in (by search and by the QR code's link) and the printable attendance list."""

import io
from urllib.parse import urlsplit

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from PIL import Image
from wagtail.models import PageLogEntry

from events import seats
from events.mail import qr_png
from events.models import Registration
from tests.builtforms.test_formbuilder import staff_user
from tests.factories.events import make_event, register

Status = Registration.Status


@pytest.fixture
def team(client, django_user_model):
    user = staff_user(django_user_model, "tim", "view_registration", "change_registration", "export_registration")
    client.force_login(user)
    return user


@pytest.fixture
def event(home_page):
    return make_event(home_page, capacity=2, quotas={"Ormas": None, "OKP": None}, title="Sosialisasi SIOLA")


def url(name, *args):
    return reverse(f"events:{name}", args=args)


def test_registrations_show_counts_and_filter(client, team, event):
    a = register(event, category_name="Ormas", name="Ani Ormas")
    register(event, category_name="OKP", name="Budi OKP")
    register(event, category_name="OKP", name="Citra Menunggu")
    seats.cancel(a)
    html = client.get(url("registrations", event.pk)).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    counts = [[c.text for c in row.select("td, th")] for row in soup.select("table.listing")[0].select("tbody tr")]
    assert ["OKP", "2", "0"] in counts  # Citra was promoted when Ani cancelled
    assert ["Total", "2 / 2", "0"] in counts
    waiting = client.get(url("registrations", event.pk), {"status": "cancelled"}).content.decode()
    assert "Ani Ormas" in waiting and "Budi OKP" not in waiting
    search = client.get(url("registrations", event.pk), {"q": "citra"}).content.decode()
    assert "Citra Menunggu" in search and "Budi OKP" not in search


@pytest.mark.parametrize(
    "params",
    [
        {"category": "²"},  # isdigit() but not int(): was a 500
        {"category": "9" * 25},  # too large for SQLite's integers: was a 500
        {"category": "<script>alert(1)</script>", "status": "<script>"},
        {"q": "Ani\x00"},  # PostgreSQL refuses NUL in a query: was a 500 there
        {"q": "x" * 5000, "p": "99999999999999999999"},
    ],
)
def test_hostile_filters_in_the_editors_views_are_ignored_not_errors(client, team, event, params):
    register(event, category_name="Ormas", name="Ani Ormas")
    for name in ("registrations", "check_in"):
        response = client.get(url(name, event.pk), params)
        assert response.status_code == 200, name
        assert "<script>alert(1)" not in response.content.decode()
    listing = client.get(url("registrations", event.pk), params).content.decode()
    if "q" in params and params["q"].startswith("Ani"):
        assert "Ani Ormas" in listing, "the NUL is dropped and the search still works"


def test_an_overlong_event_or_registration_id_in_an_editors_url_is_404(client, team, event):
    huge = "9" * 25
    for path in (f"{huge}/", f"{huge}/check-in/", f"{event.pk}/{huge}/"):
        assert client.get(f"/admin/pendaftaran-kegiatan/{path}").status_code == 404, path


def test_registration_list_runs_a_fixed_number_of_queries(client, team, event, django_assert_max_num_queries):
    register(event)
    client.get(url("registrations", event.pk))
    with django_assert_max_num_queries(60) as few:
        client.get(url("registrations", event.pk))
    baseline = len(few)  # read now: every request clears Django's query log
    for _ in range(8):
        register(event)
    client.get(url("registrations", event.pk))
    with django_assert_max_num_queries(baseline):
        client.get(url("registrations", event.pk))


def test_editor_cancels_confirms_and_promotes(client, team, event):
    a, b = register(event), register(event)
    c, d = register(event), register(event)
    response = client.post(url("cancel_registration", event.pk, a.pk))
    assert response.status_code == 302
    a.refresh_from_db(), c.refresh_from_db()
    assert a.status == Status.CANCELLED and a.cancelled_by_editor and c.status == Status.CONFIRMED
    # No seat is free: confirming d must not oversell.
    client.post(url("registration_action", event.pk, d.pk, "confirm"))
    d.refresh_from_db()
    assert d.status == Status.WAITLISTED
    seats.cancel(b)  # frees a seat, promotes d automatically
    d.refresh_from_db()
    assert d.status == Status.CONFIRMED
    seats.cancel(d)
    # A seat is free and nobody waits: an editor may re-confirm a cancelled registration.
    client.post(url("registration_action", event.pk, a.pk, "confirm"))
    a.refresh_from_db()
    assert a.status == Status.CONFIRMED
    actions = list(PageLogEntry.objects.filter(page=event).values_list("action", flat=True))
    assert "events.registration.cancel" in actions and "events.registration.confirm" in actions


def test_promote_next_moves_the_first_waiting_person_when_a_seat_is_free(client, team, event):
    register(event), register(event)
    first_waiting, second_waiting = register(event), register(event)
    event.capacity = 3
    # Saving without publishing would not change the live seats; raise them on the pool directly, as a
    # capacity change that skipped automatic promotion (e.g. waitlist switched off then on).
    from events.models import SeatPool

    SeatPool.objects.filter(event=event, category=None).update(capacity=3)
    client.post(url("promote_next", event.pk))
    first_waiting.refresh_from_db(), second_waiting.refresh_from_db()
    assert first_waiting.status == Status.CONFIRMED and second_waiting.status == Status.WAITLISTED


def test_export_is_written_to_the_audit_log_without_personal_data(client, team, event):
    register(event, name="Nama Pribadi", email="pribadi@contoh.example")
    response = client.get(url("export", event.pk, "xlsx"), {"status": "confirmed"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    entry = PageLogEntry.objects.get(page=event, action="events.registrations.export")
    assert entry.user == team
    assert entry.data == {"format": "xlsx", "rows": 1, "filters": {"status": "confirmed", "category": ""}}
    assert "Pribadi" not in str(entry.data) and "pribadi@" not in str(entry.data)
    assert client.get(url("export", event.pk, "pdf")).status_code == 404


def test_check_in_finds_by_name_or_code_and_marks_attendance(client, team, event):
    ani = register(event, name="Ani Lestari")
    html = client.get(url("check_in", event.pk), {"q": ani.code}).content.decode()
    assert "Ani Lestari" in html and "Tandai hadir" in html
    assert "Ani Lestari" in client.get(url("check_in", event.pk), {"q": "lestari"}).content.decode()
    back = url("check_in", event.pk) + "?q=ani"
    response = client.post(url("registration_action", event.pk, ani.pk, "attended"), {"next": back})
    assert response["Location"] == back
    ani.refresh_from_db()
    assert ani.attended_at is not None
    # The "next" target must stay inside the admin.
    response = client.post(url("registration_action", event.pk, ani.pk, "absent"), {"next": "https://jahat.example/"})
    assert response["Location"] == url("registrations", event.pk)
    ani.refresh_from_db()
    assert ani.attended_at is None


def test_check_in_alone_may_use_the_camera_for_the_qr_scanner(client, team, event):
    """The site switches the camera off everywhere (Permissions-Policy camera=()); the check-in page's QR scanner
    needs it, so that page (and no other) allows it for our own origin."""
    check_in = client.get(url("check_in", event.pk))
    assert "camera=(self)" in check_in["Permissions-Policy"]
    assert "microphone=()" in check_in["Permissions-Policy"]
    assert "camera=()" in client.get(url("registrations", event.pk))["Permissions-Policy"]
    assert "camera=()" in client.get(event.url)["Permissions-Policy"]


def test_attendance_sheet_lists_confirmed_people_for_printing(client, team, event):
    register(event, name="Zaki"), register(event, name="Ani")
    register(event, name="Menunggu")
    html = client.get(url("attendance_sheet", event.pk)).content.decode()
    rows = [[td.text for td in tr.select("td")][:2] for tr in BeautifulSoup(html, "html.parser").select("tbody tr")]
    assert rows == [["1", "Ani"], ["2", "Zaki"]]
    assert "Tanda tangan" in html


def test_event_pages_get_registration_buttons_only_for_the_team(client, event, django_user_model, admin_user):
    explorer = reverse("wagtailadmin_explore", args=[event.get_parent().pk])
    client.force_login(admin_user)
    assert url("registrations", event.pk) in client.get(explorer).content.decode()
    editor = staff_user(django_user_model, "editor")
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    writers = Group.objects.create(name="Penulis")
    GroupPagePermission.objects.create(
        group=writers, page=event.get_parent(), permission=Permission.objects.get(codename="change_page")
    )
    editor.groups.add(writers)
    client.force_login(editor)
    html = client.get(explorer).content.decode()
    assert event.title in html, "the editor sees the event in the explorer"
    assert url("registrations", event.pk) not in html


def test_old_registrations_are_anonymised_but_counts_stay(home_page, event):
    import datetime as dt
    import io

    from django.core.management import call_command
    from django.utils import timezone
    from forms_builder.forms.models import FormEntry

    from events.models import EventPage
    from home.models import OutboxMessage
    from tests.factories.events import built_form

    present = register(event, name="Nama Lama", email="lama@contoh.example")
    seats.mark_attendance(present)
    form = built_form(("Catatan", "text", {"required": False}))
    entry = FormEntry.objects.create(form=form, entry_time=timezone.now())
    Registration.objects.filter(pk=present.pk).update(entry=entry)
    EventPage.objects.filter(pk=event.pk).update(ends_at=timezone.now() - dt.timedelta(days=91))
    call_command("purge_personal_data", only=["events.Registration"], stdout=io.StringIO())
    call_command("purge_personal_data", only=["events.Registration"], stdout=io.StringIO())
    present.refresh_from_db()
    assert (present.full_name, present.phone, present.organisation) == ("", "", "")
    assert present.email.endswith("@anonim.invalid") and present.entry_id is None
    assert not FormEntry.objects.filter(pk=entry.pk).exists()
    assert not OutboxMessage.objects.filter(key__startswith=f"event-registration:{present.pk}:").exists()
    assert EventPage.objects.get(pk=event.pk).attendance_report() == [("Umum", 1)]


# Check-in by the QR code's link, and cancelling with a confirmation -------------------------------------------------
@pytest.fixture
def tim_acara(client, django_user_model):
    """A member of the events team's role (home/editorial.py), logged in."""
    user = django_user_model.objects.create_user("acara", "acara@kesbangpol.example", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Tim Acara"))
    client.force_login(user)
    return user


def scanned_path(registration):
    """What a phone camera opens: the text of the registration's QR code (as mailed), as a path on this site."""
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(registration))))
    return urlsplit(code.text).path


def checked_in(event):
    return list(
        PageLogEntry.objects.filter(page=event, action="events.registration.check_in").values_list("data", flat=True)
    )


def test_the_qr_link_shows_the_registration_and_the_team_marks_it_present(client, tim_acara, event):
    ani = register(event, name="Ani Lestari", organisation="Ormas Damai")
    path = scanned_path(ani)
    page = client.get(path)
    assert page.status_code == 200
    text = " ".join(BeautifulSoup(page.content, "html.parser").get_text().split())
    assert "Ani Lestari" in text and ani.code in text and "Sosialisasi SIOLA" in text and "Terkonfirmasi" in text
    assert "Hadir Belum" in text
    form = BeautifulSoup(page.content, "html.parser").find("button", string="Tandai hadir").find_parent("form")
    response = client.post(form["action"], {i["name"]: i.get("value", "") for i in form.select("input")}, follow=True)
    assert response.redirect_chain == [(path, 302)], "back to the same registration"
    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())
    assert f"Ani Lestari ({ani.code}) ditandai hadir." in text and "Hadir sejak" in text
    assert "Tandai hadir" not in text
    ani.refresh_from_db()
    assert ani.attended_at is not None
    assert checked_in(event) == [{"code": ani.code}]


def test_the_qr_link_refuses_everyone_else_without_telling_whether_the_code_exists(client, event, django_user_model):
    ani = register(event, name="Ani Lestari")
    path, unknown = scanned_path(ani), url("check_in_code", "FGD-9999-9999")
    for target in (path, unknown):
        response = client.get(target)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), target
    client.force_login(staff_user(django_user_model, "penulis"))  # an editor without the events permissions
    pages = [client.get(target) for target in (path, unknown)]
    assert [p.status_code for p in pages] == [403, 403]
    assert all("Ani" not in p.content.decode() and ani.code not in p.content.decode() for p in pages)
    assert client.post(url("registration_action", event.pk, ani.pk, "attended"), {"next": path}).status_code == 403
    ani.refresh_from_db()
    assert ani.attended_at is None and checked_in(event) == []


def test_an_unknown_code_in_a_qr_link_is_a_404_that_says_so(client, tim_acara):
    response = client.get(url("check_in_code", "FGD-9999-9999"))
    assert response.status_code == 404
    assert "Tidak ada pendaftaran dengan kode FGD-9999-9999" in response.content.decode()


def test_a_cancelled_registration_shows_as_cancelled_and_cannot_be_checked_in(client, tim_acara, event):
    ani = register(event, name="Ani Lestari")
    seats.cancel(ani)
    html = client.get(scanned_path(ani)).content.decode()
    assert "Pendaftaran ini sudah dibatalkan: tidak dapat check-in." in html and "Tandai hadir" not in html
    response = client.post(url("registration_action", event.pk, ani.pk, "attended"), follow=True)
    assert "belum terkonfirmasi sehingga tidak dapat ditandai hadir" in response.content.decode()
    ani.refresh_from_db()
    assert ani.attended_at is None and checked_in(event) == []


def test_the_check_in_search_takes_a_scanned_qr_link_as_well_as_the_bare_code(client, tim_acara, event):
    """The page's scanner and handheld scanners type what the QR code holds into the search box: a link now, the
    bare code in mails sent before."""
    ani = register(event, name="Ani Lestari")
    register(event, name="Budi Santoso")
    [link] = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(ani))))
    for scanned in (link.text, ani.code):
        html = client.get(url("check_in", event.pk), {"q": scanned}).content.decode()
        assert "Ani Lestari" in html and "Budi Santoso" not in html, scanned


def test_cancelling_from_the_list_asks_first(client, tim_acara, event):
    ani = register(event, name="Ani Lestari")
    listing = client.get(url("registrations", event.pk), {"status": "confirmed"})
    link = BeautifulSoup(listing.content, "html.parser").find("a", string="Batal")
    confirm = client.get(link["href"])
    assert confirm.status_code == 200 and "Ya, batalkan pendaftaran ini" in confirm.content.decode()
    ani.refresh_from_db()
    assert ani.status == Status.CONFIRMED, "opening the page changes nothing"
    form = BeautifulSoup(confirm.content, "html.parser").find("button", string="Ya, batalkan pendaftaran ini")
    data = {i["name"]: i.get("value", "") for i in form.find_parent("form").select("input")}
    response = client.post(link["href"], data)
    assert response["Location"] == url("registrations", event.pk) + "?status=confirmed", "back to the same list"
    ani.refresh_from_db()
    assert ani.status == Status.CANCELLED


def test_a_checked_in_person_is_not_cancelled_until_the_check_in_is_undone(client, tim_acara, event):
    ani = register(event, name="Ani Lestari")
    client.post(url("registration_action", event.pk, ani.pk, "attended"))
    cancel = url("cancel_registration", event.pk, ani.pk)
    page = client.get(cancel).content.decode()
    assert "sudah check-in pukul" in page and "Ya, batalkan" not in page
    response = client.post(cancel, follow=True)
    assert f"{ani.code} sudah check-in sehingga tidak dibatalkan" in response.content.decode()
    ani.refresh_from_db()
    assert ani.status == Status.CONFIRMED and ani.attended_at is not None
    client.post(url("registration_action", event.pk, ani.pk, "absent"))
    client.post(cancel)
    ani.refresh_from_db()
    assert ani.status == Status.CANCELLED
