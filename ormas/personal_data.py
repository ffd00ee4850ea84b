"""Personal data in the ormas register (registered with home/personal_data.py).

Officers' names are general personal data (UU 27/2022 Ps. 4(3)); a secretariat address may be a board member's home.
Both are kept for the register and published only as ormas/models.py says (consent; an office). An old board's names
serve no purpose: a year after its term ended they are cleared, with the consent flag, until the ormas reports its
new board. Nothing else here is personal: NIK, dates of birth, home addresses and personal phones are never stored.
"""

import datetime as dt

from django.db import transaction

from home.personal_data import Source, model, register

BOARD_RETENTION_DAYS = 365
OFFICERS = ("chair_name", "secretary_name", "treasurer_name")


def _expired(now):
    Ormas = model("ormas.Ormas")
    cutoff = now.date() - dt.timedelta(days=BOARD_RETENTION_DAYS)
    rows = Ormas.objects.filter(board_term_end__lt=cutoff)
    return rows.exclude(chair_name="", secretary_name="", treasurer_name="")


def _clear(rows, *, address):
    done = 0
    with transaction.atomic():
        for ormas in rows.iterator():
            for name in OFFICERS:
                setattr(ormas, name, "")
            ormas.officers_consent = False
            changed = [*OFFICERS, "officers_consent"]
            if address and not ormas.address_is_office:
                ormas.address = ""
                changed.append("address")
            ormas.save(update_fields=[*changed, "updated_at"])
            done += 1
    return done


register(
    Source(
        "ormas.Ormas",
        "Register ormas (nama pengurus)",
        (*OFFICERS, "address"),
        "Nama pengurus dihapus 1 tahun setelah masa bakti berakhir; data organisasi tetap.",
        expired=_expired,
        forget=lambda rows: _clear(rows, address=False),
        erase=lambda rows: _clear(rows, address=True),
        find=lambda email: model("ormas.Ormas").objects.filter(contact_email__iexact=email.strip()),
        columns=("name", "register_number", "contact_email", "officers_consent", "address_is_office"),
    ),
    not_personal={"ormas.Regency": "names of kabupaten/kota"},
)
