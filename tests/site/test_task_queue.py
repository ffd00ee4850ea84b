"""Production's task routing: mail waits in the database queue for the worker; Wagtail's own tasks never wait.

These tests switch TASKS to what site_cms/settings/production.py sets (test_production_settings.py checks that the
two agree) and run the real `db_worker` command of django-tasks-db against the test database.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from home.models import OutboxMessage
from home.outbox import queue_mail
from tests.factories import make_page

PRODUCTION_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "outbox": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def production_tasks(settings):
    settings.TASKS = PRODUCTION_TASKS


def queue(key):
    with transaction.atomic():
        return queue_mail(
            key=key, to=["warga@example.com"], subject="Uji", template="tests/mail/simple", context={"name": "Dayu"}
        )


def run_worker():
    # The command line the systemd unit runs, plus --batch so it stops when the queue is empty.
    call_command("db_worker", "--backend", "outbox", "--queue-name", "*", "--batch", "--no-startup-delay", verbosity=0)


def test_mail_waits_in_the_queue_until_the_worker_sends_it(production_tasks, smtp_sink):
    message = queue("antrian-1")
    queued = DBTaskResult.objects.get()
    assert queued.backend_name == "outbox" and queued.status == "READY"
    assert queued.task_path == "home.outbox.deliver_outbox_message"
    assert smtp_sink.messages == [], "the request itself never talks to SMTP"

    run_worker()

    queued.refresh_from_db()
    message.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert message.status == OutboxMessage.Status.SENT
    assert len(smtp_sink.by_key("antrian-1")) == 1


def test_a_second_worker_run_sends_nothing_twice(production_tasks, smtp_sink):
    queue("antrian-2")
    run_worker()
    run_worker()
    assert len(smtp_sink.by_key("antrian-2")) == 1


def test_mail_queued_while_smtp_is_down_goes_out_once_it_is_back(production_tasks, smtp_sink):
    smtp_sink.stop()
    message = queue("antrian-3")
    run_worker()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING and message.attempts == 1
    smtp_sink.start()
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=message.created_at)
    call_command("send_outbox", verbosity=0)
    assert len(smtp_sink.by_key("antrian-3")) == 1


@pytest.mark.django_db(transaction=False)
def test_wagtail_tasks_run_without_a_worker(production_tasks, home_page, client):
    """Search indexing is a Wagtail task on the "default" backend: with no worker running, a page published now is
    found now. (Routing "default" to the database queue would make this fail.)"""
    make_page(home_page, title="Sosialisasi Wawasan Kebangsaan", slug="sosialisasi")
    assert not DBTaskResult.objects.exists()
    response = client.get("/cari/", {"q": "Wawasan Kebangsaan"})
    assert 'href="/sosialisasi/"' in response.content.decode()
