"""The workflow "Tinjauan Moderator" (home/editorial.py): Redaksi submits, Moderator approves or asks for changes,
Wagtail's own workflow mails reach the right people through the configured mail backend, and a scheduled page
goes live at its time only after approval."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from home.editorial import MODERATOR, REDAKSI, WORKFLOW_NAME
from news.models import NewsPage
from tests.factories.news import make_guidance_index, make_news_index
from tests.site.test_roles import _news_form


@pytest.fixture
def people(db, django_user_model):
    redaksi = django_user_model.objects.create_user("wartawan", "wartawan@kesbangpol.example", "x")
    redaksi.groups.add(Group.objects.get(name=REDAKSI))
    moderator = django_user_model.objects.create_user("moderator", "moderator@kesbangpol.example", "x")
    moderator.groups.add(Group.objects.get(name=MODERATOR))
    return {"redaksi": redaksi, "moderator": moderator}


@pytest.fixture
def draft(home_page):
    """A news article Redaksi wrote and has not published."""
    from tests.factories.news import make_news

    return make_news(make_news_index(home_page), publish=False, title="Rakor Kewaspadaan Dini")


def submit(client, user, page, **fields):
    client.force_login(user)
    data = {"title": page.title, "slug": page.slug, **_news_form(page), "action-submit": "1", **fields}
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    return page.current_workflow_state


def act(client, user, page, action, **data):
    client.force_login(user)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def test_news_guidance_and_consultation_sections_use_the_workflow(home_page, draft):
    assert draft.get_workflow().name == WORKFLOW_NAME
    guide_index = make_guidance_index(home_page)
    assert guide_index.get_workflow().name == WORKFLOW_NAME


def test_redaksi_submits_and_moderator_approves_then_the_page_is_live(client, people, draft):
    mail.outbox.clear()
    state = submit(client, people["redaksi"], draft)
    assert state.status == "in_progress"
    assert state.current_task_state.task.name == "Persetujuan Moderator"
    assert not NewsPage.objects.get(pk=draft.pk).live
    # Wagtail's own notification goes to the Moderator group, through Django's configured mail backend.
    to_moderator = [m for m in mail.outbox if "moderator@kesbangpol.example" in m.to]
    assert to_moderator and draft.title in to_moderator[0].subject + to_moderator[0].body
    assert not any("wartawan@kesbangpol.example" in m.to for m in mail.outbox)

    # Redaksi cannot approve its own submission.
    assert act(client, people["redaksi"], draft, "approve").status_code in (302, 403)
    assert not NewsPage.objects.get(pk=draft.pk).live

    mail.outbox.clear()
    response = act(client, people["moderator"], draft, "approve")
    assert response.status_code == 302
    page = NewsPage.objects.get(pk=draft.pk)
    assert page.live
    assert page.current_workflow_state is None
    # The submitter hears it was approved.
    assert any("wartawan@kesbangpol.example" in m.to for m in mail.outbox)


def test_moderator_asks_for_changes_and_the_page_stays_a_draft(client, people, draft):
    submit(client, people["redaksi"], draft)
    mail.outbox.clear()
    response = act(client, people["moderator"], draft, "reject", comment="Tambahkan sumber dan keterangan foto.")
    assert response.status_code == 302
    page = NewsPage.objects.get(pk=draft.pk)
    assert not page.live
    assert page.workflow_states.get().status == "needs_changes"
    to_writer = [m for m in mail.outbox if "wartawan@kesbangpol.example" in m.to]
    assert to_writer, "the writer is told changes were requested"
    # Redaksi revises and submits again; the workflow restarts at the Moderator.
    state = submit(client, people["redaksi"], page, title="Rakor Kewaspadaan Dini (revisi)", **{"action-submit": "1"})
    assert state.status == "in_progress"


def test_redaksi_cannot_publish_directly(client, people, draft):
    client.force_login(people["redaksi"])
    data = {"title": draft.title, "slug": draft.slug, **_news_form(draft), "action-publish": "1"}
    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    assert not NewsPage.objects.get(pk=draft.pk).live
    assert not draft.permissions_for_user(people["redaksi"]).can_publish()


def test_scheduled_publishing_goes_through_approval(client, people, draft):
    """go_live_at set by Redaksi: approval schedules the page; it goes live at that time, not before."""
    go_live = timezone.now() + dt.timedelta(days=2)
    local = timezone.localtime(go_live)
    submit(client, people["redaksi"], draft, go_live_at=local.strftime("%Y-%m-%d %H:%M"))
    call_command("publish_scheduled")
    assert not NewsPage.objects.get(pk=draft.pk).live  # submitted, not approved: nothing scheduled

    act(client, people["moderator"], draft, "approve")
    page = NewsPage.objects.get(pk=draft.pk)
    assert not page.live
    assert page.revisions.filter(approved_go_live_at__isnull=False).exists()

    call_command("publish_scheduled")
    assert not NewsPage.objects.get(pk=draft.pk).live  # not yet time
    with time_machine.travel(go_live + dt.timedelta(minutes=1)):
        call_command("publish_scheduled")
    assert NewsPage.objects.get(pk=draft.pk).live
