"""What happens to a request and an objection: they arrive, the PPID and its Atasan act, the requester is told.

Every function stores first and queues mail through the outbox in the same transaction (home/outbox.py). Staff
notifications carry the number and a desk link only; the audit log (home/audit.py) gets numbers and states only.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from home import audit
from home.attachments import random_name
from home.models import CodeCounter
from home.outbox import parse_addresses, queue_mail
from home.tracking import hash_secret, new_secret
from ppid.models import (
    OBJECTION_FILING_DAYS,
    PPIDEvent,
    PPIDObjection,
    PPIDRequest,
    PPIDSettings,
)

STATE_ACTION = "ppid.state"
EXTEND_ACTION = "ppid.extend"
FILE_ACTION = "ppid.file_viewed"
DECISION_ACTION = "ppid.objection_decided"
EXPORT_ACTION = "ppid.export"
OBJECTION_STATE_ACTION = "ppid.objection_state"
LINK_SALT = "ppid.tracking-link"

_DUMMY_HASH = hash_secret("unused-dummy-secret")


class WorkflowError(Exception):
    """A change the rules do not allow; the message is shown to staff."""


# -- proving who may see a request -----------------------------------------------------------------------------
def find_with_secret(number, secret):
    """The request when `secret` is its secret, else None; an unknown number costs the same as a wrong secret."""
    item = PPIDRequest.objects.filter(number=number).first()
    stored = item.secret_hash if item is not None else _DUMMY_HASH
    matches = constant_time_compare(hash_secret(secret), stored)
    return item if item is not None and matches else None


def _link_mac(number, secret_hash):
    return salted_hmac(LINK_SALT, f"{number}|{secret_hash}").hexdigest()[:32]


def tracking_token(item):
    """The token of the receipt mail's one-click link: the number and a keyed hash bound to the secret's hash, so
    it opens only this request and only while that secret stands. Letters, digits and dashes only: Wagtail serves
    page paths of those characters."""
    return f"{item.number}-{_link_mac(item.number, item.secret_hash)}"


def from_tracking_token(token):
    number, _sep, mac = str(token).rpartition("-")
    item = PPIDRequest.objects.filter(number=number).first()
    expected = _link_mac(number, item.secret_hash if item is not None else _DUMMY_HASH)
    if not constant_time_compare(mac, expected) or item is None:
        return None
    return item


def tracking_link(item, page):
    return page.full_route_url(f"tautan/{tracking_token(item)}/") if page else ""


def desk_url(item):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("ppid_admin:detail", args=[item.pk])


def _staff_addresses():
    return parse_addresses(PPIDSettings.load().notify_emails)


def _event(item, kind, *, user=None, public=False, **fields):
    return PPIDEvent.objects.create(request=item, kind=kind, user=user, public=public, **fields)


# -- a request arrives ------------------------------------------------------------------------------------------
def submit(
    *, data, upload=None, upload_kind=None, token=None, channel=PPIDRequest.Channel.ONLINE, user=None, page=None
):
    """Store a new request from cleaned form data; returns (item, secret or None, created).

    A second POST of the same form (same token) returns the first request with created=False and no secret.
    """
    if token is not None:
        existing = PPIDRequest.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, None, False
    item = PPIDRequest(
        channel=channel,
        requester_type=data["requester_type"],
        name=data["name"].strip(),
        nik=data.get("nik", ""),
        legal_entity_sk=data.get("legal_entity_sk", "").strip(),
        occupation=data.get("occupation", "").strip(),
        address=data["address"].strip(),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        on_behalf=bool(data.get("on_behalf")),
        information=data["information"],
        purpose=data["purpose"],
        obtain=data["obtain"],
        delivery=data["delivery"],
    )
    if token is not None:
        item.submission_token = token
    if data.get("received_at"):
        item.received_at = data["received_at"]
    secret = new_secret()
    item.secret_hash = hash_secret(secret)
    stored_name = None
    try:
        with transaction.atomic():
            item.number = CodeCounter.next_code(PPIDRequest.NUMBER_PREFIX, item.received_on.year)
            item.set_due_dates()
            if upload is not None:
                item.proxy_letter.save(random_name(upload_kind), upload, save=False)
                stored_name = item.proxy_letter.name
                item.proxy_letter_type = upload_kind.mimetype
            item.save()
            _event(item, PPIDEvent.Kind.CREATED, user=user, public=True, to_state=item.state)
            _notify_new(item, page)
    except IntegrityError:
        if stored_name:
            item.proxy_letter.storage.delete(stored_name)
        existing = PPIDRequest.objects.filter(submission_token=item.submission_token).first()
        if existing is None:
            raise
        return existing, None, False
    except BaseException:
        if stored_name:
            item.proxy_letter.storage.delete(stored_name)
        raise
    return item, secret, True


def _notify_new(item, page):
    context = {"item": item, "tracking_url": tracking_link(item, page), "desk_url": desk_url(item)}
    if item.email:
        queue_mail(
            key=f"ppid:{item.number}:received",
            to=[item.email],
            subject=_("Your information request is registered: %(number)s") % {"number": item.number},
            template="ppid/mail/received",
            context=context,
        )
    recipients = _staff_addresses()
    if recipients:
        queue_mail(
            key=f"ppid:{item.number}:staff-new",
            to=recipients,
            subject=_("New information request %(number)s") % {"number": item.number},
            template="ppid/mail/staff_new",
            context=context,
        )


# -- the PPID works on it ---------------------------------------------------------------------------------------
def _tell_requester(item, suffix, page, extra=None):
    if not item.email:
        return
    queue_mail(
        key=f"ppid:{item.number}:{suffix}",
        to=[item.email],
        subject=_("Your information request %(number)s: %(state)s")
        % {"number": item.number, "state": item.get_state_display()},
        template="ppid/mail/state_changed",
        context={"item": item, "tracking_url": tracking_link(item, page), **(extra or {})},
    )


@transaction.atomic
def change_state(
    item,
    user,
    to_state,
    *,
    outcome_text="",
    fee="",
    refusal_grounds=(),
    refusal_reason="",
    referral="",
    text="",
    page=None,
):
    """Move a request to `to_state`; the notice states need what the law makes the notice say (Ps. 22(7))."""
    item = PPIDRequest.objects.select_for_update().get(pk=item.pk)
    to_state = PPIDRequest.State(to_state)
    if to_state not in item.allowed_transitions():
        raise WorkflowError(
            _("%(number)s cannot go from “%(from)s” to “%(to)s”.")
            % {"number": item.number, "from": item.get_state_display(), "to": to_state.label}
        )
    S = PPIDRequest.State
    if to_state in (S.GRANTED, S.PARTLY_GRANTED) and not outcome_text.strip():
        raise WorkflowError(_("Say what information is given, in which form and how it is delivered."))
    if to_state in (S.REFUSED, S.PARTLY_GRANTED):
        if not refusal_grounds:
            raise WorkflowError(_("Choose the Pasal 17 ground(s) for what is withheld."))
        if not refusal_reason.strip():
            raise WorkflowError(_("Give the result of the consequence test: why disclosure would cause harm."))
    if to_state == S.NOT_HELD and not referral.strip():
        raise WorkflowError(_("Name the public body that holds the information, or write that it is not known."))
    if to_state in (S.INCOMPLETE, S.WITHDRAWN, S.NOT_DOCUMENTED) and not text.strip():
        raise WorkflowError(_("Write the explanation the requester will read."))

    now = timezone.now()
    from_state = item.state
    item.state = to_state
    if to_state in PPIDRequest.NOTICE_STATES:
        item.notice_at = now
        item.outcome_text = outcome_text.strip()
        item.fee = fee.strip()
        item.refusal_grounds = list(refusal_grounds) if to_state in (S.REFUSED, S.PARTLY_GRANTED) else []
        item.refusal_reason = refusal_reason.strip() if to_state in (S.REFUSED, S.PARTLY_GRANTED) else ""
        item.referral = referral.strip() if to_state == S.NOT_HELD else ""
    if to_state in PPIDRequest.FINAL_STATES:
        item.closed_at = now
    item.save()
    public_text = text.strip() or item.referral
    event = _event(
        item, PPIDEvent.Kind.STATE, user=user, public=True, from_state=from_state, to_state=to_state, text=public_text
    )
    audit.record(item, STATE_ACTION, user=user, number=item.number, **{"from": from_state, "to": str(to_state)})
    _tell_requester(item, f"state:{event.pk}", page, {"text": public_text})
    return item


@transaction.atomic
def extend(item, user, reason, *, page=None):
    """The one extension of Ps. 22(8): 7 working days after the first due date, with written reasons."""
    item = PPIDRequest.objects.select_for_update().get(pk=item.pk)
    if item.is_extended:
        raise WorkflowError(_("%(number)s was already extended; the law allows one extension.") % {"number": item})
    if not item.can_extend:
        raise WorkflowError(_("Only a request still waiting for its notice can be extended."))
    if not reason.strip():
        raise WorkflowError(_("Write the reason for the extension; the requester will read it."))
    from_state = item.state
    item.extended_at = timezone.now()
    item.extension_reason = reason.strip()
    item.state = PPIDRequest.State.EXTENDED
    item.set_due_dates()
    item.save()
    event = _event(
        item,
        PPIDEvent.Kind.EXTENDED,
        user=user,
        public=True,
        from_state=from_state,
        to_state=item.state,
        text=item.extension_reason,
    )
    audit.record(item, EXTEND_ACTION, user=user, number=item.number, due=item.due_date.isoformat())
    _tell_requester(item, f"extended:{event.pk}", page, {"text": item.extension_reason})
    return item


def add_note(item, user, text):
    return _event(item, PPIDEvent.Kind.NOTE, user=user, text=text.strip())


@transaction.atomic
def set_unit(item, user, unit):
    item = PPIDRequest.objects.select_for_update().get(pk=item.pk)
    item.unit = unit.strip()
    item.save(update_fields=["unit"])
    _event(item, PPIDEvent.Kind.UNIT, user=user, text=item.unit)
    return item


def file_viewed(item, user, what):
    """Every opening of an identity or proxy file is logged: in the audit log and in the request's history."""
    audit.record(item, FILE_ACTION, user=user, number=item.number, file=what)
    _event(item, PPIDEvent.Kind.FILE, user=user, text=what)


# -- objections -------------------------------------------------------------------------------------------------
def objection_ground_date(item):
    """When the ground of an objection arose: the notice, or the lapsed due date when no notice came."""
    return timezone.localdate(item.notice_at) if item.notice_at else item.due_date


def filing_is_late(item, today=None):
    """Past 30 working days from the ground (Ps. 36(1)): a warning, never a refusal."""
    from home.workdays import due_date

    today = today or timezone.localdate()
    if not item.notice_at and item.due_date >= today:
        return False  # no ground in time yet; a refusal or other ground can be claimed any time
    return today > due_date(objection_ground_date(item), OBJECTION_FILING_DAYS)


def file_objection(item, *, grounds, case, token=None, page=None):
    """Store an objection to request `item`; returns (objection, created). Never refused for lateness."""
    if token is not None:
        existing = PPIDObjection.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, False
    objection = PPIDObjection(request=item, grounds=list(grounds), case=case.strip())
    if token is not None:
        objection.submission_token = token
    objection.filed_late = filing_is_late(item, timezone.localdate(objection.received_at))
    try:
        with transaction.atomic():
            objection.number = CodeCounter.next_code(
                PPIDObjection.NUMBER_PREFIX, timezone.localdate(objection.received_at).year
            )
            objection.set_due_date()
            objection.save()
            _event(item, PPIDEvent.Kind.OBJECTION, public=True, to_state=objection.state, text=objection.number)
            context = {
                "item": item,
                "objection": objection,
                "tracking_url": tracking_link(item, page),
                "desk_url": desk_url(item),
            }
            if item.email:
                queue_mail(
                    key=f"ppid:{objection.number}:received",
                    to=[item.email],
                    subject=_("Your objection is registered: %(number)s") % {"number": objection.number},
                    template="ppid/mail/objection_received",
                    context=context,
                )
            recipients = _staff_addresses()
            if recipients:
                queue_mail(
                    key=f"ppid:{objection.number}:staff-new",
                    to=recipients,
                    subject=_("New objection %(number)s on %(request)s")
                    % {"number": objection.number, "request": item.number},
                    template="ppid/mail/staff_objection",
                    context=context,
                )
    except IntegrityError:
        existing = PPIDObjection.objects.filter(submission_token=objection.submission_token).first()
        if existing is None:
            raise
        return existing, False
    return objection, True


@transaction.atomic
def decide_objection(objection, user, decision, reason, *, page=None):
    """The Atasan PPID's decision (Ps. 36(2)–(3)): written reasons always; the requester is told."""
    objection = PPIDObjection.objects.select_for_update().select_related("request").get(pk=objection.pk)
    decision = PPIDObjection.State(decision)
    if not objection.is_open:
        raise WorkflowError(_("%(number)s is already decided.") % {"number": objection.number})
    if decision == PPIDObjection.State.IN_PROGRESS:
        # A state change like any other: in the desk's history and the audit log. Not a public history line: the
        # tracking page shows each objection's state in its own section.
        from_state = objection.state
        objection.state = decision
        objection.save(update_fields=["state"])
        _event(
            objection.request,
            PPIDEvent.Kind.DECISION,
            user=user,
            from_state=from_state,
            to_state=decision,
            text=objection.number,
        )
        audit.record(
            objection.request,
            OBJECTION_STATE_ACTION,
            user=user,
            number=objection.number,
            **{"from": from_state, "to": str(decision)},
        )
        return objection
    if decision not in PPIDObjection.DECISIONS:
        raise WorkflowError(_("Choose a decision."))
    if not reason.strip():
        raise WorkflowError(_("Write the reasons of the decision; the requester will read them."))
    if decision == PPIDObjection.State.SETTLED and objection.grounds == ["a"]:
        raise WorkflowError(_("An objection against a Pasal 17 refusal alone cannot be settled by agreement."))
    objection.state = decision
    objection.decision_reason = reason.strip()
    objection.decided_at = timezone.now()
    objection.decided_by_name = user.get_full_name() or user.get_username()
    objection.save()
    item = objection.request
    event = _event(
        item,
        PPIDEvent.Kind.DECISION,
        user=user,
        public=True,
        to_state=decision,
        text=f"{objection.number}: {objection.decision_reason}",
    )
    audit.record(item, DECISION_ACTION, user=user, number=objection.number, decision=str(decision))
    if item.email:
        queue_mail(
            key=f"ppid:{objection.number}:decided:{event.pk}",
            to=[item.email],
            subject=_("Decision on your objection %(number)s") % {"number": objection.number},
            template="ppid/mail/objection_decided",
            context={"item": item, "objection": objection, "tracking_url": tracking_link(item, page)},
        )
    return objection


def today_wib():
    return timezone.localdate()


def as_wib_datetime(day):
    """Noon WIB of `day`, for a walk-in or letter request entered on a later day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))
