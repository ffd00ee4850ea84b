"""The durable outbox: every mail the site sends goes through here.

    from home.outbox import queue_mail
    with transaction.atomic():
        registration = Registration.objects.create(...)
        queue_mail(key=f"registration-{registration.pk}-confirmed", to=[registration.email],
                   subject="Pendaftaran diterima", template="consultations/mail/registration_confirmed",
                   context={"registration": registration})

Guarantees (docs/security.md, "The form engine", I1–I4):
- the mail is stored in the caller's transaction, so it exists exactly when the submission exists;
- it is handed to a background task only after commit, so a slow or dead SMTP server never errors or delays the
  submission itself (under `make run` and in tests the task backend runs in-process, right after commit);
- a failed send is retried with exponential backoff (2, 4, 8 … 60 minutes) until MAX_ATTEMPTS, then marked
  failed and logged at ERROR so the operator hears of it; `manage.py send_outbox` (a periodic job in production)
  sends whatever is due, including mails whose task was lost in a crash;
- a row is claimed with a conditional UPDATE before sending, so two workers never send the same mail; the key
  is unique, so queueing the same mail twice (a retried request) stores it once. Each mail carries the key in an
  `X-Outbox-Key` header: a crash between the SMTP server accepting a mail and our commit can still repeat it
  once, and the header lets anyone de-duplicate.
Logs name the key and the error class only, never addresses or bodies (personal data).
"""

import base64
import logging
from datetime import timedelta
from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
STALE_CLAIM = timedelta(minutes=10)


def backoff(attempts):
    """Delay before the next try after `attempts` failures: 2, 4, 8, 16, 32, then 60 minutes."""
    return timedelta(minutes=min(2**attempts, 60))


def queue_mail(*, key, to, subject, template, context, attachments=(), reply_to=None):
    """Store a mail in the outbox (inside the current transaction) and send it after commit.

    `template` names `<template>.txt` (required) and `<template>.html` (optional), rendered now with `context`.
    `attachments` are `(filename, content_bytes, mimetype)` or, for an image shown inside the HTML body with
    `<img src="cid:ID">`, `(filename, content_bytes, mimetype, "ID")`. Returns the message (the existing one when
    `key` was queued before), or None when there is no recipient.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return None
    body_text = render_to_string(f"{template}.txt", context)
    try:
        body_html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        body_html = ""
    message, created = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={
            "to": recipients,
            "reply_to": list(reply_to or []),
            # A newline in a subject is a header injection; Django would refuse to send it.
            "subject": " ".join(str(subject).split())[:250],
            "body_text": body_text,
            "body_html": body_html,
            "attachments": [_encode_attachment(*a) for a in attachments],
        },
    )
    if created:
        transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _encode_attachment(filename, content, mimetype, content_id=None):
    if isinstance(content, str):
        content = content.encode()
    return {
        "filename": filename,
        "mimetype": mimetype,
        "content": base64.b64encode(content).decode("ascii"),
        "content_id": content_id,
    }


def _enqueue(message_id):
    try:
        deliver_outbox_message.enqueue(message_id)
    except Exception:
        # The row is safe in the database; `send_outbox` will pick it up.
        logger.warning("outbox: could not enqueue message %s; the periodic send_outbox will send it", message_id)


@task(backend="outbox")
def deliver_outbox_message(message_id):
    return deliver(message_id)


def deliver(message_id, now=None):
    """Claim and send one due message. Returns True when it was sent by this call."""
    now = now or timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    ).update(status=OutboxMessage.Status.SENDING, claimed_at=now)
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        build_email(message).send(fail_silently=False)
    except Exception as exc:  # SMTP errors, refused connections, timeouts, DNS: all mean "try again later"
        _record_failure(message, exc, now)
        return False
    message.status = OutboxMessage.Status.SENT
    message.attempts += 1
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["status", "attempts", "sent_at", "last_error"])
    return True


def _record_failure(message, exc, now):
    message.attempts += 1
    message.last_error = type(exc).__name__[:250]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxMessage.Status.FAILED
        logger.error(
            "outbox: message %s failed %s times (%s); giving up", message.key, message.attempts, message.last_error
        )
    else:
        message.status = OutboxMessage.Status.PENDING
        message.next_attempt_at = now + backoff(message.attempts)
        logger.warning("outbox: message %s not sent (%s); retry %s", message.key, message.last_error, message.attempts)
    message.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])


def build_email(message):
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.to,
        reply_to=message.reply_to or None,
        headers={"X-Outbox-Key": message.key, "Auto-Submitted": "auto-generated"},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        content = base64.b64decode(attachment["content"])
        if attachment.get("content_id") and attachment["mimetype"].startswith("image/"):
            image = MIMEImage(content, _subtype=attachment["mimetype"].split("/", 1)[1])
            image.add_header("Content-ID", f"<{attachment['content_id']}>")
            image.add_header("Content-Disposition", "inline", filename=attachment["filename"])
            email.attach(image)
            email.mixed_subtype = "related"
        else:
            email.attach(attachment["filename"], content, attachment["mimetype"])
    return email


def send_due(now=None, limit=500):
    """Send every due message (periodic job); also frees claims left by a worker that died mid-send."""
    now = now or timezone.now()
    OutboxMessage.objects.filter(status=OutboxMessage.Status.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=OutboxMessage.Status.PENDING
    )
    due = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at"
    )
    sent = failed = 0
    for message_id in due.values_list("pk", flat=True)[:limit]:
        if deliver(message_id, now=now):
            sent += 1
        else:
            failed += 1
    return sent, failed


def parse_addresses(text):
    """E-mail addresses from a text field: one per line or comma-separated, empty parts dropped."""
    parts = str(text or "").replace(",", "\n").replace(";", "\n").splitlines()
    return [part.strip() for part in parts if part.strip()]
