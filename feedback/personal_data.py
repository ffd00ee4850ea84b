"""Personal data in feedback items: retention, export and erasure (registered with home/personal_data.py)."""

from django.db import transaction
from django.db.models import Q

from home.personal_data import ERASED_TEXT, Source, cutoff, model, register, retention_days


def _feedback_expired(now):
    Feedback = model("feedback.Feedback")
    identity = Q(name__gt="") | Q(email__gt="") | Q(phone__gt="") | Q(attachment__gt="")
    return Feedback.objects.filter(status__in=Feedback.FINAL_STATUSES, closed_at__lt=cutoff("feedback", now)).filter(
        identity
    )


def _feedback_strip(rows, *, message=False, note):
    FeedbackEvent = model("feedback.FeedbackEvent")
    done = 0
    for item in rows.iterator():
        with transaction.atomic():
            if item.attachment:
                item.attachment.delete(save=False)
            item.name = item.email = item.phone = ""
            item.attachment_type, item.attachment_size = "", None
            changed = ["name", "email", "phone", "attachment", "attachment_type", "attachment_size"]
            if message:
                item.message = ERASED_TEXT
                changed.append("message")
            item.save(update_fields=changed)
            FeedbackEvent.objects.create(feedback=item, kind=FeedbackEvent.Kind.NOTE, text=note)
        done += 1
    return done


def _feedback_forget(rows):
    days = retention_days("feedback")
    return _feedback_strip(rows, note=f"Data pribadi dihapus {days} hari setelah laporan ditutup.")


def _feedback_erase(rows):
    return _feedback_strip(rows, message=True, note="Data pribadi dihapus atas permintaan pemilik data.")


register(
    Source(
        "feedback.Feedback",
        "Saran dan pengaduan",
        ("name", "email", "phone", "message", "attachment"),
        "Nama, kontak dan lampiran dihapus 1 tahun setelah laporan ditutup; kode, topik dan riwayat tetap.",
        expired=_feedback_expired,
        forget=_feedback_forget,
        find=lambda email: model("feedback.Feedback").objects.filter(email__iexact=email.strip()),
        erase=_feedback_erase,
        columns=("tracking_code", "kind", "topic.name", "status", "submitted_at", "public_answer", "consent_version"),
    ),
    not_personal={
        "feedback.FeedbackSettings": "the agency's own notification addresses",
        "feedback.FeedbackTopic": "topic names and the agency's notification addresses",
        "feedback.FeedbackEvent": "the agency's handling notes; personal data stays on the item itself",
    },
)
