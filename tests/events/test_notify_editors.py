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
