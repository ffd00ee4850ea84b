"""Helpers for event tests: an agenda with events, categories, a built form, and registering through the service."""

import datetime as dt
import itertools
import uuid

from django.utils import timezone

from builtforms.models import BuiltForm, BuiltFormField, FieldKind
from events import seats
from events.models import EventCategory, EventIndexPage, EventKind, EventPage, ParticipantCategory
from tests.factories import make_page

_n = itertools.count(1)


def agenda(home_page):
    existing = EventIndexPage.objects.first()
    return existing or make_page(home_page, EventIndexPage, title="Agenda Kegiatan", slug="agenda-kegiatan")


def kind(code="FGD"):
    return EventKind.objects.get_or_create(slug=code.lower(), defaults={"name": f"Jenis {code}", "code": code})[0]


def category(name):
    return ParticipantCategory.objects.get_or_create(name=name)[0]


def make_event(home_page, *, capacity=10, quotas=None, start_in=dt.timedelta(days=7), publish=True, **fields):
    """An event that takes registrations now; `quotas` maps category names to a quota (None = no own quota)."""
    quotas = {"Umum": None} if quotas is None else quotas
    start = timezone.localtime() + start_in
    defaults = {
        "kind": kind(),
        "theme": "Tema uji",
        "summary": "Ringkasan kegiatan uji.",
        "start_date": start.date(),
        "start_time": dt.time(9, 0),
        "end_time": dt.time(12, 0),
        "venue_name": "Aula Kesbangpol",
        "venue_address": "Jalan Tjilik Riwut Km 1, Palangka Raya",
        "registration_enabled": True,
        "registration_opens_at": timezone.now() - dt.timedelta(days=1),
        "capacity": capacity,
        "categories": [EventCategory(category=category(name), quota=quota) for name, quota in quotas.items()],
    }
    defaults.update(fields)
    return make_page(agenda(home_page), EventPage, publish=publish, **defaults)


def built_form(*questions, title="Formulir uji"):
    """A BuiltForm; each question is (label, kind, extra field kwargs)."""
    form = BuiltForm(
        title=title,
        builder_fields=[
            BuiltFormField(label=label, kind=kind_, sort_order=i, **extra)
            for i, (label, kind_, extra) in enumerate(questions)
        ],
    )
    form.save()
    return form


def applicant(email=None, category_name="Umum", organisation=None, name=None):
    n = next(_n)
    return seats.Applicant(
        full_name=name or f"Peserta {n}",
        email=email or f"peserta{n}@contoh.example",
        phone="+6281200000000",
        organisation=organisation or f"Organisasi {n}",
        category_id=category(category_name).pk,
        consent_version="2026-11",
        consented_at=timezone.now(),
    )


def register(event, *, confirm=True, **kwargs):
    """Register through the service. With `confirm` (the default) the registrant also clicks the mailed link, so a
    held seat is confirmed and a waitlist place kept, as for every real participant; `confirm=False` leaves it."""
    registration, _created = seats.register(event, applicant(**kwargs), token=uuid.uuid4())
    if confirm and registration.awaits_confirmation:
        registration, _outcome = seats.confirm_by_link(registration.pk)
    return registration


__all__ = ["FieldKind", "agenda", "applicant", "built_form", "category", "kind", "make_event", "register"]
