"""The outbox: mail stored with the submission, sent after commit, retried until it gets through, never twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from home.models import OutboxMessage
from home.outbox import MAX_ATTEMPTS, deliver, queue_mail, send_due

pytestmark = pytest.mark.django_db(transaction=True)


def queue(key="uji-1", to=("warga@example.com",), **kwargs):
    return queue_mail(
        key=key,
        to=list(to),
        subject=kwargs.pop("subject", "Pendaftaran diterima"),
        template="tests/mail/simple",
        context={"name": kwargs.pop("name", "Dayu")},
        **kwargs,
    )


def test_mail_is_sent_after_commit_with_text_html_and_key(smtp_sink):
    with transaction.atomic():
        message = queue()
        assert smtp_sink.messages == [], "nothing leaves before the transaction commits"
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT and message.attempts == 1
    [received] = smtp_sink.by_key("uji-1")
    assert received["To"] == "warga@example.com"
    assert received["Subject"] == "Pendaftaran diterima"
    assert "Halo Dayu" in received.get_body(("plain",)).get_content()
    assert "<strong>Dayu</strong>" in received.get_body(("html",)).get_content()


def test_rolled_back_submission_sends_nothing(smtp_sink):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the registration failed")
    assert not OutboxMessage.objects.exists()
    assert smtp_sink.messages == []


def test_same_key_is_stored_and_sent_once(smtp_sink):
    first = queue()
    second = queue(subject="Lain")
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    assert len(smtp_sink.by_key("uji-1")) == 1


def test_smtp_down_keeps_the_mail_and_sends_exactly_once_when_back(smtp_sink):
    smtp_sink.stop()
    with transaction.atomic():
        queue("a")
        queue("b", to=["dua@example.com"])
    pending = OutboxMessage.objects.order_by("key")
    assert [m.status for m in pending] == ["pending", "pending"]
    assert all(m.attempts == 1 and m.last_error for m in pending)
    assert all(m.next_attempt_at > timezone.now() for m in pending), "retried later, with backoff"

    # Not yet due: the periodic job leaves them alone.
    assert send_due() == (0, 0)
    smtp_sink.start()
    later = timezone.now() + timedelta(minutes=3)
    assert send_due(now=later) == (2, 0)
    assert send_due(now=later + timedelta(hours=1)) == (0, 0)
    assert len(smtp_sink.by_key("a")) == 1 and len(smtp_sink.by_key("b")) == 1
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_gives_up_after_max_attempts_and_logs_without_personal_data(smtp_sink, caplog):
    smtp_sink.stop()
    message = queue(to=["rahasia@example.com"])
    now = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        now += timedelta(hours=2)
        deliver(message.pk, now=now)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED and message.attempts == MAX_ATTEMPTS
    assert "giving up" in caplog.text
    assert "rahasia@example.com" not in caplog.text and "Dayu" not in caplog.text


def test_a_claimed_message_is_not_sent_twice(smtp_sink):
    smtp_sink.stop()
    message = queue()
    smtp_sink.start()
    OutboxMessage.objects.filter(pk=message.pk).update(status="sending", claimed_at=timezone.now())
    assert not deliver(message.pk, now=timezone.now() + timedelta(hours=1))
    assert smtp_sink.messages == []
    # A worker that died mid-send releases its claim after a while; the periodic job then sends it once.
    assert send_due(now=timezone.now() + timedelta(minutes=30)) == (1, 0)
    assert len(smtp_sink.by_key("uji-1")) == 1


def test_send_outbox_command_sends_due_mail(smtp_sink, capsys):
    smtp_sink.stop()
    message = queue()
    smtp_sink.start()
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    call_command("send_outbox")
    assert "1 sent" in capsys.readouterr().out
    assert len(smtp_sink.by_key("uji-1")) == 1


def test_attachments_and_inline_images(smtp_sink):
    queue(
        attachments=[
            ("undangan.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
            ("qr.png", b"\x89PNG\r\n\x1a\nfake", "image/png", "qr-code"),
        ]
    )
    [received] = smtp_sink.messages
    parts = {part.get_filename(): part for part in received.walk() if part.get_filename()}
    assert parts["undangan.ics"].get_content_type() == "text/calendar"
    assert parts["qr.png"]["Content-ID"] == "<qr-code>"


def test_header_injection_in_subject_is_neutralised(smtp_sink):
    queue(subject="Halo\r\nBcc: korban@example.com")
    [received] = smtp_sink.messages
    assert received["Bcc"] is None
    assert received["Subject"] == "Halo Bcc: korban@example.com"


def test_no_recipient_queues_nothing(db):
    assert queue(to=["", None]) is None
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []
