"""The events team hears of registrations: one digest per event and hour with counts and a link, sent to staff who
may see registrations."""

import os

from django.contrib.auth.models import Group
from django.core.management import call_command

from home.models import OutboxMessage
from tests.factories.events import make_event, register


def test_staff_with_the_registration_permission_are_told_of_a_registration(home_page, django_user_model):
    team = Group.objects.get(name="Tim Acara")  # the role made by home/migrations/0004_editor_roles
    assert team.permissions.filter(codename="view_registration").exists()
    editor = django_user_model.objects.create_user("acara", "acara@kesbangpol.example", "pw-acara", is_staff=True)
    editor.groups.add(team)
    # Wagtail's user form never sets is_staff: a team member made there is told too.
    wagtail_made = django_user_model.objects.create_user("acara2", "acara2@kesbangpol.example", "pw-acara2")
    wagtail_made.groups.add(team)
    django_user_model.objects.create_user("lain", "lain@kesbangpol.example", "pw-lain", is_staff=True)
    event = make_event(home_page, title="FGD Pemilu Damai")

    registration = register(event, email="peserta.uji@contoh.example")
    call_command("send_registration_digests", stdout=open(os.devnull, "w"))  # noqa: SIM115

    told = [m for m in OutboxMessage.objects.all() if "acara@kesbangpol.example" in m.to]
    assert len(told) == 1 and "FGD Pemilu Damai" in told[0].subject
    assert "peserta.uji@contoh.example" not in told[0].body_text, "counts only, no personal data"
    assert any("acara2@kesbangpol.example" in m.to for m in OutboxMessage.objects.all())
    assert not [m for m in OutboxMessage.objects.all() if "lain@kesbangpol.example" in m.to]
    assert registration.pk


def test_one_digest_per_event_and_hour_and_nothing_lost_in_between(home_page, django_user_model):
    import datetime as dt

    from django.utils import timezone

    from events import digest

    team = Group.objects.get(name="Tim Acara")
    django_user_model.objects.create_user("acara", "acara@kesbangpol.example", "pw-acara").groups.add(team)
    event = make_event(home_page, title="FGD Ringkasan", capacity=3)
    quiet = make_event(home_page, title="FGD Sepi", notify_editors=False)
    for _ in range(5):
        register(event, confirm=False)
    register(quiet)
    assert not [m for m in OutboxMessage.objects.all() if "acara@kesbangpol.example" in m.to]

    now = timezone.now()
    assert digest.send_digests(now=now) == 1
    [first] = OutboxMessage.objects.filter(key__startswith=f"event-digest:{event.pk}:")
    assert "5 pendaftaran baru" in first.body_text and "FGD Ringkasan: 5" in first.subject
    # More come in; the timer runs again within the same hour: they wait, stored, for the next hour.
    register(event, confirm=False)
    register(event, confirm=False)
    assert digest.send_digests(now=now + dt.timedelta(minutes=1)) == 0
    assert OutboxMessage.objects.filter(key__startswith=f"event-digest:{event.pk}:").count() == 1
    # The timer was down for three hours: the next run still counts them, in one mail.
    assert digest.send_digests(now=now + dt.timedelta(hours=3)) == 1
    second = OutboxMessage.objects.filter(key__startswith=f"event-digest:{event.pk}:").exclude(pk=first.pk).get()
    assert "2 pendaftaran baru" in second.body_text
    assert digest.send_digests(now=now + dt.timedelta(hours=4)) == 0, "nothing new, nothing sent"
    assert not OutboxMessage.objects.filter(key__startswith=f"event-digest:{quiet.pk}:").exists()
