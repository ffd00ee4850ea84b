"""Attendance certificates (events/certificates.py): the participant's PDF from their registration link, its public
verification page, and the events team's mail with the links."""

import datetime as dt
import io
import re
import unicodedata

import pypdf
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.models import PageLogEntry

from events import links, seats
from events.models import EventPage
from home.models import OutboxMessage, SiteSettings
from tests.builtforms.test_formbuilder import staff_user
from tests.factories.events import make_event, register


@pytest.fixture
def event(home_page):
    return make_event(home_page, title="FGD Wawasan Kebangsaan", venue_name="Aula Kesbangpol Kalteng")


def hold(event, *, ended=True):
    """Move the event to yesterday (over) or keep it a week ahead; registering needs it open, so this comes after."""
    start = timezone.now() - dt.timedelta(days=1) if ended else timezone.now() + dt.timedelta(days=7)
    EventPage.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=3))


def present(event, **kwargs):
    registration = register(event, **kwargs)
    seats.mark_attendance(registration)
    return registration


def pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFC", " ".join(text.split()))  # lines wrap where the layout needs


def certificate_link(client, registration):
    """The download link as the participant meets it: on the page their registration link opens."""
    page = BeautifulSoup(client.get(links.manage_path(registration)).content, "html.parser")
    anchor = page.find("a", string=re.compile("sertifikat", re.I))
    return anchor["href"] if anchor else None


@pytest.mark.parametrize("name", ["Ṣiti Nurḥaliza", "Budi Santoso", "سيتي نورحليزة"])
def test_a_participant_marked_present_downloads_a_certificate_after_the_event(client, event, name):
    settings = SiteSettings.load()
    settings.certificate_signatory_name = "Dr. Katma F. Dirun"
    settings.save()
    registration = present(event, name=name, email="siti@contoh.example", organisation="BEM UPR")
    hold(event, ended=True)

    url = certificate_link(client, registration)
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert unicodedata.normalize("NFC", name) in text
    assert "FGD Wawasan Kebangsaan" in text
    assert "Aula Kesbangpol Kalteng" in text
    assert "Dr. Katma F. Dirun" in text and "Kepala Badan Kesbangpol Provinsi Kalimantan Tengah" in text
    assert "siti@contoh.example" not in text and "BEM UPR" not in text


def verification_path(client, registration):
    """The verification address printed on the certificate, as a path on this site."""
    text = pdf_text(client.get(certificate_link(client, registration)).content)
    url = re.search(r"https?://\S+/sertifikat/\S+/", text).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_the_verification_page_confirms_name_event_and_date_and_nothing_else(client, event):
    registration = present(event, name="Budi Santoso", email="budi@contoh.example", organisation="KNPI Kalteng")
    hold(event, ended=True)
    path = verification_path(client, registration)

    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    main = BeautifulSoup(html, "html.parser").find("main") or BeautifulSoup(html, "html.parser")
    text = main.get_text(" ")
    assert "Budi Santoso" in text and "FGD Wawasan Kebangsaan" in text
    with translation.override("id"):
        day = formats.date_format(timezone.localtime(EventPage.objects.get(pk=event.pk).starts_at), "j F Y")
    assert day in text  # e.g. "2 Desember 2026"
    for private in ("budi@contoh.example", "+6281200000000", "0812", "KNPI Kalteng", "Umum"):
        assert private not in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"


def test_a_forged_or_unknown_code_verifies_nothing(client, event):
    registration = present(event, name="Budi Santoso")
    hold(event, ended=True)
    real = verification_path(client, registration).split("/")[2]
    assert client.get(f"/sertifikat/{real}/").status_code == 200
    code, mac = real.rsplit("-", 1)
    forged_mac = ("A" if mac[0] != "A" else "B") + mac[1:]
    other = register(event, name="Orang Lain")
    for forged in (
        f"{code}-{forged_mac}",  # one letter changed
        code,  # the sequential registration code alone
        f"{other.code}-{mac}",  # another registration's code with this one's MAC
        "FGD-0000-9999-AAAAAAAAAAAAAAAA",
        f"{code}%00-{mac}",  # a NUL, which PostgreSQL refuses in a query
    ):
        response = client.get(f"/sertifikat/{forged}/")
        assert response.status_code == 404, forged
        assert "Budi Santoso" not in response.content.decode()
        assert "FGD Wawasan Kebangsaan" not in response.content.decode()
        assert "Orang Lain" not in response.content.decode()


@pytest.mark.parametrize("case", ["not present", "event not over", "event cancelled", "data removed"])
def test_no_certificate_without_attendance_before_the_end_or_when_cancelled(client, event, case):
    registration = register(event, name="Budi Santoso") if case == "not present" else present(event, name="Budi")
    code = None
    if case in ("event cancelled", "data removed"):
        hold(event, ended=True)
        code = verification_path(client, registration).split("/")[2]  # issued first, then withdrawn
        if case == "event cancelled":
            EventPage.objects.filter(pk=event.pk).update(cancelled=True)
        else:
            type(registration).objects.filter(pk=registration.pk).update(full_name="")
    else:
        hold(event, ended=case != "event not over")

    assert certificate_link(client, registration) is None
    assert client.get(reverse("event_certificate", args=[links.manage_token(registration)])).status_code == 404
    if code:
        assert client.get(f"/sertifikat/{code}/").status_code == 404


# The events team sends the links -----------------------------------------------------------------------------------
@pytest.fixture
def team(client, django_user_model):
    user = staff_user(django_user_model, "tim", "view_registration", "change_registration")
    client.force_login(user)
    return user


def certificate_mails():
    return OutboxMessage.objects.filter(key__endswith=":certificate").order_by("pk")


def test_the_team_sends_one_certificate_mail_per_present_participant(client, team, event):
    ani = present(event, name="Ani", email="ani@contoh.example")
    budi = present(event, name="Budi", email="budi@contoh.example")
    register(event, name="Citra", email="citra@contoh.example")  # registered, never came
    hold(event, ended=True)
    url = reverse("events:send_certificates", args=[event.pk])

    registrations_page = client.get(reverse("events:registrations", args=[event.pk])).content.decode()
    assert url in registrations_page
    confirm = client.get(url)
    assert confirm.status_code == 200 and "2" in confirm.content.decode()
    assert not certificate_mails().exists()  # the GET only asks

    client.post(url)
    client.post(url)  # a second click, or a retried request

    mails = list(certificate_mails())
    assert sorted(m.to[0] for m in mails) == ["ani@contoh.example", "budi@contoh.example"]
    entries = PageLogEntry.objects.filter(page=event, action="events.certificates.sent").order_by("pk")
    assert [entry.data for entry in entries] == [{"count": 2}, {"count": 0}]
    # The mail's link is the participant's certificate.
    mail = next(m for m in mails if m.to == [ani.email])
    link = re.search(r"https?://\S+/sertifikat\.pdf", mail.body_text).group(0)
    client.logout()
    pdf = client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert "Ani" in pdf_text(pdf.content) and "Budi" not in pdf_text(pdf.content)
    assert budi.pk != ani.pk


def test_nothing_is_sent_before_the_event_is_over(client, team, event):
    present(event, name="Ani")
    client.post(reverse("events:send_certificates", args=[event.pk]))
    assert not certificate_mails().exists()


def test_sending_certificates_needs_the_change_permission(client, django_user_model, event):
    present(event, name="Ani")
    hold(event, ended=True)
    client.force_login(staff_user(django_user_model, "lihat", "view_registration"))
    url = reverse("events:send_certificates", args=[event.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not certificate_mails().exists()
    assert url not in client.get(reverse("events:registrations", args=[event.pk])).content.decode()
