"""Fixtures of the PPID tests: the PPID section page (catalogue), the request page, the two PPID roles and a Redaksi
editor, a request factory."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from ppid import service
from ppid.forms import RequestForm
from ppid.models import PPIDPage, PPIDRequestPage
from tests.factories import make_page

# The 2026 SKB 3 Menteri (No. 1497, 2 and 5 of 2025): the cuti bersama around Nyepi and Idulfitri.
CUTI_BERSAMA_MARCH_2026 = [
    (datetime.date(2026, 3, 18), "Cuti Bersama Hari Suci Nyepi"),
    (datetime.date(2026, 3, 20), "Cuti Bersama Hari Raya Idul Fitri"),
    (datetime.date(2026, 3, 23), "Cuti Bersama Hari Raya Idul Fitri"),
    (datetime.date(2026, 3, 24), "Cuti Bersama Hari Raya Idul Fitri"),
]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ppid_section(home_page):
    """The PPID section page that publishes the DIP and DIK (ppid/catalogue.py)."""
    return make_page(home_page, PPIDPage, title="PPID", slug="ppid", show_in_menus=True)


@pytest.fixture
def ppid_page(home_page):
    return make_page(home_page, PPIDRequestPage, title="Permohonan Informasi Publik", slug="permohonan-informasi")


def make_user(django_user_model, username, *group_names):
    user = django_user_model.objects.create_user(username, f"{username}@kesbangpol.example", "pw-" + username * 2)
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture
def staff(db, django_user_model):
    return {
        "petugas": make_user(django_user_model, "petugas", "Petugas PPID"),
        "atasan": make_user(django_user_model, "atasan", "Atasan PPID"),
        "redaksi": make_user(django_user_model, "redaksi", "Redaksi"),
    }


def form_data(**overrides):
    """What a requester's browser posts: the form's hidden fields plus answers."""
    data = {key: str(value) for key, value in RequestForm().initial.items()}
    data.update(
        {
            "requester_type": "perorangan",
            "name": "Rina Kartikasari",
            "nik": "6271015203900007",
            "address": "Jl. Tjilik Riwut Km 5 No. 12, Palangka Raya",
            "phone": "0812 5500 1234",
            "email": "rina@contoh.id",
            "information": "Daftar ormas yang terdaftar di Badan Kesbangpol Provinsi Kalimantan Tengah tahun 2025.",
            "purpose": "Bahan penelitian skripsi tentang partisipasi masyarakat sipil.",
            "obtain": "softcopy",
            "delivery": "email",
        }
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def received(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def make_request(day=None, **overrides):
    """A stored request received on `day` (WIB); returns (item, secret)."""
    data = {
        "requester_type": "perorangan",
        "name": "Rina Kartikasari",
        "nik": "6271015203900007",
        "address": "Jl. Tjilik Riwut Km 5 No. 12, Palangka Raya",
        "phone": "081255001234",
        "email": "rina@contoh.id",
        "information": "Daftar ormas terdaftar 2025.",
        "purpose": "Penelitian.",
        "obtain": "softcopy",
        "delivery": "email",
        **overrides,
    }
    if day is not None:
        data["received_at"] = received(day)
    item, secret, _created = service.submit(data=data)
    return item, secret
