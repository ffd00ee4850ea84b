"""Fixtures of the ormas register tests: the public page and a small maker of register rows."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from ormas.models import LegalForm, Ormas, OrmasIndexPage, Regency
from tests.factories import make_page

_n = itertools.count(1)
URL = "/data-ormas/"


def make_ormas(**fields):
    """One valid row; an SKT valid two years unless told otherwise."""
    n = next(_n)
    today = timezone.localdate()
    fields.setdefault("name", f"Perkumpulan Uji Coba {n}")
    fields.setdefault("legal_form", LegalForm.SKT)
    if fields["legal_form"] == LegalForm.SKT:
        fields.setdefault("skt_number", f"01-00-00/{n:04d}/XII/2025")
        fields.setdefault("skt_valid_until", today + dt.timedelta(days=730))
        fields.setdefault("skt_issuer", "Kementerian Dalam Negeri")
    elif fields["legal_form"] in (LegalForm.ASSOCIATION, LegalForm.FOUNDATION):
        fields.setdefault("ahu_number", f"AHU-{n:07d}.AH.01.07.TAHUN 2021")
    fields.setdefault("register_number", f"220/{n:04d}/KBP")
    fields.setdefault("scope", "provinsi")
    fields.setdefault("activity", "sosial")
    fields.setdefault("regency", Regency.objects.get(code=fields.pop("code", "62.71")))
    ormas = Ormas(**fields)
    ormas.full_clean()
    ormas.save()
    return ormas


@pytest.fixture
def index_page(home_page):
    return make_page(home_page, OrmasIndexPage, title="Data Ormas", slug="data-ormas")
