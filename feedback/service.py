"""What happens to a feedback item: it arrives, editors move it through the workflow, the citizen is told.

Every function stores first and queues mail through the durable outbox in the same transaction (home.outbox), so an
SMTP failure can neither lose an item nor make the citizen see an error. Team notifications carry the tracking
code, the topic and an admin link only: never the message or the citizen's details. Every mail to the citizen
carries their one-click status link (`status_link`), and only mails to the citizen do.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import LINK_MAIL_MAX_ITEMS, Feedback, FeedbackEvent, FeedbackSettings, status_link
from home import audit
from home.attachments import random_name
from home.models import CodeCounter
from home.outbox import parse_addresses, queue_mail
from home.tracking import hash_secret, new_secret

STATUS_ACTION = "feedback.status"
REROUTE_ACTION = "feedback.reroute"
ANSWER_ACTION = "feedback.answer"


class WorkflowError(Exception):
    """A change the workflow does not allow; the message is shown to the editor."""


def admin_url(item):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("feedback_admin:detail", args=[item.pk])


def team_addresses(item):
    if item.team_id and item.topic.team_id == item.team_id:
        return parse_addresses(item.topic.notify_emails)
    if item.team_id is None:
        return parse_addresses(FeedbackSettings.load().triage_emails)
    return []


def submit(*, data, consent, upload=None, upload_kind=None, token=None):
    """Store a new item from the public form's cleaned data; returns (item, secret or None, created).

    Every item gets a secret (PIN), whether or not an e-mail address was given: the address is no proof (anyone may
    know it), the secret and the links bound to it are.

    A second POST of the same form (same token) returns the first item with created=False.
    """
    if token is not None:
        existing = Feedback.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, None, False

    topic = data["topic"]
    anonymous = data["identity"] == Feedback.Identity.ANONYMOUS
    item = Feedback(
        kind=data["kind"],
        topic=topic,
        team=topic.team,
        message=data["message"],
        identity=data["identity"],
        name="" if anonymous else data.get("name", ""),
        email="" if anonymous else data.get("email", ""),
        phone="" if anonymous else data.get("phone", ""),
        consent_version=consent["version"],
        consented_at=consent["given_at"],
    )
    if token is not None:
        item.submission_token = token
    secret = new_secret()
    item.secret_hash = hash_secret(secret)

    stored_name = None
    try:
        with transaction.atomic():
            item.tracking_code = CodeCounter.next_code(
                Feedback.TRACKING_PREFIX, timezone.localdate(item.submitted_at).year
            )
            item.set_due_dates()
            if upload is not None:
                item.attachment.save(random_name(upload_kind), upload, save=False)
                stored_name = item.attachment.name
                item.attachment_type = upload_kind.mimetype
                item.attachment_size = upload.size
            item.save()
            FeedbackEvent.objects.create(feedback=item, kind=FeedbackEvent.Kind.CREATED, to_status=item.status)
            _notify_new(item)
    except IntegrityError:
        # The same form posted twice at once: the other request stored it first.
        if stored_name:
            item.attachment.storage.delete(stored_name)
        existing = Feedback.objects.filter(submission_token=item.submission_token).first()
        if existing is None:
            raise
        return existing, None, False
    except BaseException:
        if stored_name:
            item.attachment.storage.delete(stored_name)
        raise
    return item, secret, True


def _notify_new(item):
    if item.email:
        queue_mail(
            key=f"feedback:{item.tracking_code}:received",
            to=[item.email],
            subject=_("We received your %(kind)s: %(code)s")
            % {"kind": item.get_kind_display(), "code": item.tracking_code},
            template="feedback/mail/received",
            context={"item": item, "status_link": status_link(item)},
        )
    context = {"item": item, "admin_url": admin_url(item)}
    recipients = team_addresses(item)
    if recipients:
        queue_mail(
            key=f"feedback:{item.tracking_code}:team-new",
            to=recipients,
            subject=_("New feedback %(code)s (%(topic)s)") % {"code": item.tracking_code, "topic": item.topic.name},
            template="feedback/mail/team_new",
            context=context,
        )


def _event(item, user, kind, **fields):
    return FeedbackEvent.objects.create(feedback=item, user=user, kind=kind, **fields)


@transaction.atomic
def change_status(item, user, to_status, *, forwarded_to="", lapor_reference="", reason=""):
    """Move `item` to `to_status`, recording why; raises WorkflowError for a move the workflow forbids."""
    item = Feedback.objects.select_for_update().get(pk=item.pk)
    to_status = Feedback.Status(to_status)
    if to_status not in item.allowed_transitions():
        raise WorkflowError(
            _("%(code)s cannot go from “%(from)s” to “%(to)s”.")
            % {"code": item.tracking_code, "from": item.get_status_display(), "to": to_status.label}
        )
    public_text = ""
    if to_status == Feedback.Status.FORWARDED:
        forwarded_to = forwarded_to.strip()
        if not forwarded_to:
            raise WorkflowError(_("Say where the item is forwarded to (a unit, or LAPOR!)."))
        if forwarded_to.upper().startswith("LAPOR") and not lapor_reference.strip():
            raise WorkflowError(_("Give the LAPOR! reference number when forwarding to LAPOR!."))
        item.forwarded_to = forwarded_to
        item.lapor_reference = lapor_reference.strip()
        public_text = forwarded_to + (f" ({item.lapor_reference})" if item.lapor_reference else "")
    if to_status == Feedback.Status.REJECTED:
        if not reason.strip():
            raise WorkflowError(_("Give the reason for rejecting; the citizen will read it."))
        item.rejection_reason = reason.strip()
        public_text = item.rejection_reason
    if to_status == Feedback.Status.DONE and not item.public_answer:
        raise WorkflowError(_("Write the public answer before marking %(code)s completed.") % {"code": item})

    now = timezone.now()
    from_status = item.status
    item.status = to_status
    if to_status == Feedback.Status.VERIFIED:
        item.verified_at = now
    if to_status in Feedback.FINAL_STATUSES:
        item.closed_at = now
    item.save()
    _event(item, user, FeedbackEvent.Kind.STATUS, from_status=from_status, to_status=to_status, text=public_text)
    audit.record(item, STATUS_ACTION, user=user, **{"from": from_status, "to": str(to_status)})
    if to_status == Feedback.Status.REJECTED and item.email:
        queue_mail(
            key=f"feedback:{item.tracking_code}:rejected",
            to=[item.email],
            subject=_("Your %(kind)s %(code)s was not taken further")
            % {"kind": item.get_kind_display(), "code": item.tracking_code},
            template="feedback/mail/rejected",
            context={"item": item, "status_link": status_link(item)},
        )
    return item


@transaction.atomic
def assign(item, user, assignee):
    item = Feedback.objects.select_for_update().get(pk=item.pk)
    if item.assignee_id == (assignee.pk if assignee else None):
        return item
    item.assignee = assignee
    item.save(update_fields=["assignee"])
    label = assignee.get_full_name() or assignee.get_username() if assignee else ""
    _event(item, user, FeedbackEvent.Kind.ASSIGNED, text=label)
    return item


@transaction.atomic
def reroute(item, user, topic):
    """Move an item to another topic, and so to that topic's team (triage sorting unrouted items does this).

    The new team is told as if the item had just arrived: code, topic and admin link only.
    """
    item = Feedback.objects.select_for_update().select_related("topic").get(pk=item.pk)
    if topic.pk == item.topic_id:
        return item
    old = item.topic.name
    item.topic, item.team = topic, topic.team
    item.save(update_fields=["topic", "team"])
    _event(item, user, FeedbackEvent.Kind.TOPIC, text=f"{old} → {topic.name}")
    audit.record(item, REROUTE_ACTION, user=user, topic=topic.pk)
    recipients = team_addresses(item)
    if recipients:
        queue_mail(
            key=f"feedback:{item.tracking_code}:team-routed:{topic.pk}",
            to=recipients,
            subject=_("Feedback %(code)s routed to you (%(topic)s)")
            % {"code": item.tracking_code, "topic": topic.name},
            template="feedback/mail/team_new",
            context={"item": item, "admin_url": admin_url(item)},
        )
    return item


def add_note(item, user, text):
    return _event(item, user, FeedbackEvent.Kind.NOTE, text=text.strip())


@transaction.atomic
def publish_answer(item, user, text):
    """Set (or correct) the public answer; the citizen gets an e-mail for each version they can read."""
    item = Feedback.objects.select_for_update().get(pk=item.pk)
    text = text.strip()
    if not text:
        raise WorkflowError(_("The answer is empty."))
    if item.status == Feedback.Status.NEW:
        raise WorkflowError(_("Verify %(code)s before answering it.") % {"code": item})
    item.public_answer = text
    item.answered_at = timezone.now()
    item.save(update_fields=["public_answer", "answered_at"])
    event = _event(item, user, FeedbackEvent.Kind.ANSWER, text=text)
    audit.record(item, ANSWER_ACTION, user=user)
    if item.email:
        queue_mail(
            key=f"feedback:{item.tracking_code}:answer:{event.pk}",
            to=[item.email],
            subject=_("Answer to your %(kind)s %(code)s")
            % {"kind": item.get_kind_display(), "code": item.tracking_code},
            template="feedback/mail/answered",
            context={"item": item, "status_link": status_link(item)},
        )
    return item


def mail_status_links(email, bucket):
    """Mail the status links of the items sent from `email` (any case) to that address, and to no other.

    Whoever asks learns nothing: the page answers the same whether or not the address is on file, and the links go
    only to the address the items carry. One mail per address and `bucket` (an hour), the newest items first.
    Returns the number of items listed (0: no mail).
    """
    items = list(Feedback.objects.filter(email__iexact=email.strip()).exclude(email="")[:LINK_MAIL_MAX_ITEMS])
    if not items:
        return 0
    rows = [{"item": item, "link": status_link(item)} for item in items]
    queue_mail(
        key=f"feedback:{items[0].tracking_code}:links:{bucket}",
        to=[items[0].email],
        subject=_("Your status links (Saran dan Pengaduan)"),
        template="feedback/mail/status_links",
        context={"rows": rows},
    )
    return len(items)
