"""Personal data in event registrations (registered with home/personal_data.py)."""

from django.db import transaction

from home.personal_data import ANONYMOUS_DOMAIN, Source, cutoff, model, register


def _registrations_expired(now):
    return (
        model("events.Registration")
        .objects.filter(event__ends_at__lt=cutoff("event", now))
        .exclude(email__endswith=f"@{ANONYMOUS_DOMAIN}")
    )


def _registrations_forget(rows):
    """Anonymise: status, category, check-in time and code (a pseudonym) stay, so seat counts and the attendance
    report by category still add up; name, contacts, organisation, the answers and the mails go."""
    from forms_builder.forms.models import FormEntry

    Registration = model("events.Registration")
    OutboxMessage = model("home.OutboxMessage")
    done = 0
    for registration in rows.only("pk", "entry_id").iterator():
        with transaction.atomic():
            Registration.objects.filter(pk=registration.pk).update(
                full_name="",
                email=f"peserta-{registration.pk}@{ANONYMOUS_DOMAIN}",
                email_key=f"peserta-{registration.pk}@{ANONYMOUS_DOMAIN}",
                client_key="",
                phone="",
                organisation="",
                organisation_key="",
                entry=None,
            )
            if registration.entry_id:
                FormEntry.objects.filter(pk=registration.entry_id).delete()
            OutboxMessage.objects.filter(key__startswith=f"event-registration:{registration.pk}:").delete()
        done += 1
    return done


def _registrations_erase(rows):
    """Cancel what is still active first, through the events' own code: the seat is freed and the next person on
    the waitlist promoted, exactly as when a participant cancels. Then anonymise as retention does."""
    from events import seats

    Registration = model("events.Registration")
    for registration in rows.filter(status__in=Registration.ACTIVE).select_related("event"):
        seats.cancel(registration, by_editor=True)
    return _registrations_forget(rows.model.objects.filter(pk__in=list(rows.values_list("pk", flat=True))))


register(
    Source(
        "events.Registration",
        "Pendaftaran kegiatan",
        ("full_name", "email", "email_key", "phone", "organisation", "organisation_key", "client_key"),
        "Dianonimkan 90 hari setelah kegiatan selesai; status, kategori, kehadiran dan kode tetap untuk rekap.",
        expired=_registrations_expired,
        forget=_registrations_forget,
        find=lambda email: model("events.Registration").objects.filter(email__iexact=email.strip()),
        erase=_registrations_erase,
        columns=("code", "event.title", "status", "category.name", "created_at", "attended_at", "consent_version"),
    ),
    not_personal={
        "events.Speaker": "speakers named on published event pages, entered by editors",
        "events.EventKind": "names of kinds of event",
        "events.ParticipantCategory": "names of participant categories",
        "events.EventPage": "the venue of a published event",
    },
)
