"""Personal data in PPID requests and objections: retention, export and erasure (home/personal_data.py).

The registers the law asks for (UU 14/2008 Ps. 12 and the annual report of PerKI 1/2021) keep the number, states,
dates, the information asked for and the reasons of each answer; the requester's identity, contact and power of
attorney go `retention_days("ppid")` days after the case closed (or after the notice, for a case nobody closed),
and never while an objection is still open.
"""

from django.db import transaction
from django.db.models import Q

from home.personal_data import ERASED_TEXT, Source, cutoff, model, register, retention_days

IDENTITY = ("name", "nik", "legal_entity_sk", "occupation", "address", "phone", "email", "proxy_letter")


def _requests_expired(now):
    PPIDRequest = model("ppid.PPIDRequest")
    PPIDObjection = model("ppid.PPIDObjection")
    limit = cutoff("ppid", now)
    closed = Q(closed_at__lt=limit) | Q(closed_at__isnull=True, notice_at__lt=limit)
    return (
        PPIDRequest.objects.filter(closed)
        .exclude(name="")
        .exclude(objections__state__in=PPIDObjection.OPEN_STATES)
        .distinct()
    )


def _strip(rows, *, note, erase_texts=False):
    PPIDEvent = model("ppid.PPIDEvent")
    done = 0
    for item in rows.iterator():
        with transaction.atomic():
            if item.proxy_letter:
                item.proxy_letter.delete(save=False)
            for field in IDENTITY:
                if field != "proxy_letter":
                    setattr(item, field, "")
            item.proxy_letter_type = ""
            changed = [*IDENTITY, "proxy_letter_type"]
            if erase_texts:
                item.purpose = ERASED_TEXT
                changed.append("purpose")
                item.objections.update(case=ERASED_TEXT)
            item.save(update_fields=changed)
            PPIDEvent.objects.create(request=item, kind=PPIDEvent.Kind.NOTE, text=note)
        done += 1
    return done


def _requests_forget(rows):
    return _strip(rows, note=f"Data pribadi pemohon dihapus {retention_days('ppid')} hari setelah perkara ditutup.")


def _requests_erase(rows):
    return _strip(rows, note="Data pribadi pemohon dihapus atas permintaan pemilik data.", erase_texts=True)


def _objections_expired(now):
    # The statement of the case goes with the identity of its request (see _strip); nothing expires on its own.
    return model("ppid.PPIDObjection").objects.none()


def _objections_erase(rows):
    return rows.update(case=ERASED_TEXT)


register(
    Source(
        "ppid.PPIDRequest",
        "Permohonan informasi publik (PPID)",
        (*IDENTITY, "purpose"),
        "Identitas, kontak dan surat kuasa pemohon dihapus 2 tahun setelah perkara ditutup; nomor, status, tanggal, "
        "informasi yang diminta dan alasan jawaban tetap untuk register dan laporan tahunan (UU 14/2008 Pasal 12).",
        expired=_requests_expired,
        forget=_requests_forget,
        find=lambda email: model("ppid.PPIDRequest").objects.filter(email__iexact=email.strip()),
        erase=_requests_erase,
        columns=("number", "channel", "state", "received_at", "due_date", "information"),
    ),
    Source(
        "ppid.PPIDObjection",
        "Keberatan informasi publik (PPID)",
        ("case",),
        "Kasus posisi dihapus bersama identitas pemohon pada permohonannya.",
        expired=_objections_expired,
        forget=_objections_erase,
        find=lambda email: model("ppid.PPIDObjection").objects.filter(request__email__iexact=email.strip()),
        erase=_objections_erase,
        columns=("number", "request.number", "grounds", "state", "received_at", "decision_reason"),
    ),
    not_personal={
        "ppid.PPIDSettings": "the names of the agency's own officials (PPID, Atasan PPID) and notification addresses",
        "ppid.PPIDEvent": "states and the staff's handling notes; the requester's data stays on the request",
    },
)
