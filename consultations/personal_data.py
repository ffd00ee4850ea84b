"""Personal data in consultation responses (registered with home/personal_data.py)."""

from django.db.models import Q

from home.personal_data import ERASED_TEXT, Source, cutoff, model, register


def _responses_expired(now):
    return (
        model("consultations.ConsultationResponse")
        .objects.filter(page__closes_at__lt=cutoff("consultation", now))
        .filter(Q(name__gt="") | Q(organisation__gt="") | Q(email__gt=""))
    )


def _responses_forget(rows):
    # The text and the topics stay: they are what "Apa yang kami dengar" counts and quotes (anonymised by editors).
    return rows.update(name="", organisation="", email="")


def _responses_erase(rows):
    # Topics and answers to choice questions stay (counted, never shown per person); the person's own words go.
    return rows.update(name="", organisation="", email="", response=ERASED_TEXT, quote="", quote_approved=False)


register(
    Source(
        "consultations.ConsultationResponse",
        "Tanggapan konsultasi publik",
        ("name", "organisation", "email", "response"),
        "Nama, organisasi dan e-mail dihapus 90 hari setelah konsultasi ditutup; isi dan topik tetap untuk rekap.",
        expired=_responses_expired,
        forget=_responses_forget,
        find=lambda email: model("consultations.ConsultationResponse").objects.filter(email__iexact=email.strip()),
        erase=_responses_erase,
        columns=("reference_code", "page.title", "submitted_at", "topics", "answers", "consent_version"),
    ),
    not_personal={
        "consultations.ConsultationPage": "the team's own notification addresses and published text",
    },
)
