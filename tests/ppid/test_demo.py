"""The PPID demo: the page, example requests in several states (one late), marked as example content."""

import io

import pytest
from django.core.management import call_command

from ppid.models import PPIDObjection, PPIDRequest, PPIDRequestPage

pytestmark = pytest.mark.django_db


def test_demo_ppid_page_and_requests(seeded, client):
    page = PPIDRequestPage.objects.get()
    assert "Contoh konten demo" in page.intro
    response = client.get(page.url)
    assert response.status_code == 200 and b'name="nik"' in response.content
    states = set(PPIDRequest.objects.values_list("state", flat=True))
    assert {"terdaftar", "diproses", "diperpanjang", "dikabulkan", "ditolak"} <= states
    assert any(item.lateness() for item in PPIDRequest.objects.all())
    assert all(item.information.startswith("[Contoh konten demo]") for item in PPIDRequest.objects.all())
    assert PPIDObjection.objects.count() == 1
    privacy = client.get("/pemberitahuan-privasi/").content.decode()
    assert "Permohonan informasi publik dan keberatan (PPID)" in privacy and "730 hari" in privacy
    count = PPIDRequest.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert PPIDRequest.objects.count() == count


def test_demo_fills_the_statistics_and_the_register(seeded, client):
    from bs4 import BeautifulSoup
    from django.utils import timezone

    from ppid.models import PPIDPage
    from ppid.statistics import Period, compute

    assert len(compute(Period(timezone.localdate().year)).requests) >= 1
    section = PPIDPage.objects.get()
    register = BeautifulSoup(client.get(section.register_url()).content, "html.parser")
    assert len(register.select("tbody tr")) == PPIDRequest.objects.count()
    assert client.get(section.statistics_url()).status_code == 200
