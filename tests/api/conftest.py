"""A small public site with private corners for the API tests: news, an event with registrants, a consultation with
responses, a private section, a draft, and an ormas register whose rows carry data the public must never see."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from consultations.models import ConsultationIndexPage, ConsultationPage, ConsultationResponse
from home.models import CodeCounter, StandardPage
from ormas.models import LegalForm, Ormas, OrmasIndexPage
from tests.factories import make_page
from tests.factories.events import make_event, register
from tests.factories.news import make_news, make_news_index
from tests.ormas.conftest import make_ormas

# What the seeded records hold and no API answer may contain.
NIK = "6271031204850003"
SECRETS = {
    "nik": NIK,
    "registrant e-mail": "rahasia.peserta@contoh.example",
    "registrant phone": "+6281200000000",
    "respondent e-mail": "penanggap.rahasia@contoh.example",
    "response text": "Tanggapan pribadi yang tidak boleh terbit",
    "officer without consent": "Budi Tanpa Izin",
    "home address": "Jl. Rumah Ketua No. 7",
    "online meeting link": "https://meet.example/rahasia",
    "private page": "Halaman Rahasia Internal",
    "draft page": "Berita Draf Belum Terbit",
    "notification address": "tim.konsultasi@kesbangpol.test",
}


def get_json(client, url, status=200, **extra):
    response = client.get(url, **extra)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    return response.json()


@pytest.fixture
def site(home_page):
    news_index = make_news_index(home_page)
    news = [make_news(news_index, title=f"Berita {n}") for n in range(2)]
    make_news(news_index, title=SECRETS["draft page"], publish=False)

    event = make_event(home_page, capacity=5, online_url=SECRETS["online meeting link"])
    register(event, email=SECRETS["registrant e-mail"], organisation=f"Organisasi NIK {NIK}")

    consultations = make_page(home_page, ConsultationIndexPage, title="Konsultasi Publik", slug="konsultasi")
    now = timezone.now()
    consultation = make_page(
        consultations,
        ConsultationPage,
        title="Rancangan Pergub Ormas",
        summary="Apa yang diputuskan.",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=10),
        notify_emails=SECRETS["notification address"],
    )
    ConsultationResponse.objects.create(
        page=consultation,
        reference_code=CodeCounter.next_code("KON", 2026),
        response=f"{SECRETS['response text']} {NIK}",
        name="Penanggap",
        email=SECRETS["respondent e-mail"],
        consent_version="uji",
        consented_at=now,
    )

    private = make_page(home_page, StandardPage, title=SECRETS["private page"], slug="rahasia")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    private_child = make_page(private, StandardPage, title=f"{SECRETS['private page']} anak", slug="rahasia-anak")
    return {
        "news": news,
        "event": event,
        "consultation": consultation,
        "private": private,
        "private_child": private_child,
    }


@pytest.fixture
def register_page(home_page):
    return make_page(home_page, OrmasIndexPage, title="Data Ormas", slug="data-ormas")


@pytest.fixture
def ormas_rows(register_page):
    """Rows across regencies, forms, bidang and statuses; one with consent, two whose private data must stay in."""
    today = timezone.localdate()
    rows = {
        "consenting": make_ormas(
            name="Pemuda Dayak Bersatu",
            abbreviation="PDB",
            activity="kepemudaan",
            code="62.71",
            chair_name="Ketua Setuju Terbit",
            officers_consent=True,
            address="Jl. Kantor Sekretariat No. 1",
            address_is_office=True,
        ),
        "private": make_ormas(
            name="Dewan Adat Katingan",
            legal_form=LegalForm.ASSOCIATION,
            activity="adat_budaya",
            code="62.06",
            scope="kabupaten_kota",
            chair_name=SECRETS["officer without consent"],
            address=SECRETS["home address"],
        ),
        "soon": make_ormas(
            name="Forum Lingkungan Sampit",
            activity="lingkungan",
            code="62.02",
            skt_valid_until=today + dt.timedelta(days=30),
        ),
        "old": make_ormas(name="Yayasan Peduli Kapuas", code="62.03", skt_valid_until=today - dt.timedelta(days=1)),
        "youth": make_ormas(name="Pemuda Kota Cantik", activity="kepemudaan", code="62.71"),
    }
    # Data older than the checks (an import before they existed): a NIK in the home address of a row that has no
    # office. The register's checks refuse it today; the public outputs must hide it anyway.
    Ormas.objects.filter(pk=rows["private"].pk).update(address=f"{SECRETS['home address']} NIK {NIK}")
    return rows


def leaked(payload):
    """The seeded secrets found in a JSON answer."""
    text = json.dumps(payload, ensure_ascii=False)
    return sorted(name for name, secret in SECRETS.items() if secret in text)
