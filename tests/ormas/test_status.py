"""The status is computed from the dates and the sanction, never typed; SQL and Python agree on every boundary."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ormas.models import LegalForm, Ormas
from tests.ormas.conftest import make_ormas

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (91, "aktif"),
        (90, "perlu_perpanjangan"),
        (89, "perlu_perpanjangan"),
        (0, "perlu_perpanjangan"),
        (-1, "kedaluwarsa"),
    ],
)
def test_skt_status_around_the_renewal_window(days, expected):
    today = timezone.localdate()
    ormas = make_ormas(skt_valid_until=today + dt.timedelta(days=days))
    assert Ormas.objects.with_status().get(pk=ormas.pk).status == expected
    assert ormas.compute_status() == expected
    assert Ormas.objects.with_status().filter(status=expected).count() == 1


def test_incorporated_and_reported_ormas_do_not_expire():
    make_ormas(legal_form=LegalForm.ASSOCIATION)
    make_ormas(legal_form=LegalForm.FOUNDATION)
    make_ormas(legal_form=LegalForm.REPORTED)
    assert set(Ormas.objects.with_status().values_list("status", flat=True)) == {"aktif"}


def test_a_sanction_wins_over_the_dates_and_needs_a_decree_number():
    with pytest.raises(ValidationError) as error:
        make_ormas(sanction="dibekukan")
    assert "sanction_decree_number" in error.value.message_dict
    ormas = make_ormas(sanction="dicabut", sanction_decree_number="100.3.4/123/2026")
    assert Ormas.objects.with_status().get(pk=ormas.pk).status == "dicabut"


def test_an_expiring_count_uses_the_same_window():
    today = timezone.localdate()
    for days in (-1, 0, 45, 90, 91):
        make_ormas(skt_valid_until=today + dt.timedelta(days=days))
    assert Ormas.objects.expiring_within().count() == 3


def test_nik_like_numbers_are_refused_in_any_text():
    with pytest.raises(ValidationError) as error:
        make_ormas(chair_name="Budi 6271011203900001")
    assert "chair_name" in error.value.message_dict


def test_an_skt_needs_its_number_and_validity():
    with pytest.raises(ValidationError) as error:
        make_ormas(skt_number="", skt_valid_until=None)
    assert {"skt_number", "skt_valid_until"} <= set(error.value.message_dict)


def test_an_old_boards_names_are_forgotten_a_year_after_its_term():
    from home import personal_data

    today = timezone.localdate()
    old = make_ormas(
        chair_name="Nama Lama", officers_consent=True, board_term_end=today - dt.timedelta(days=400), address="Rumah"
    )
    current = make_ormas(chair_name="Nama Baru", officers_consent=True, board_term_end=today + dt.timedelta(days=400))
    source = next(s for s in personal_data.sources() if s.label == "ormas.Ormas")
    expired = source.expired(timezone.now())
    assert list(expired) == [old]
    assert source.forget(expired) == 1
    old.refresh_from_db()
    current.refresh_from_db()
    assert (old.chair_name, old.officers_consent, old.address) == ("", False, "Rumah")
    assert old.name and old.register_number, "the organisation stays in the register"
    assert current.chair_name == "Nama Baru"
    assert not source.expired(timezone.now()).exists(), "a second run finds nothing"
