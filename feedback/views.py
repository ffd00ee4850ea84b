"""Public views of Saran dan Pengaduan, served through FeedbackPage's routes (feedback/models.py).

Bad input re-renders the form with field-level messages and stores nothing; a valid submission is stored (with its
mail queued in the same transaction) and answered with a redirect, so a refresh never sends it twice.
"""

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from feedback import service as feedback_service
from feedback.forms import FeedbackForm, StatusLookupForm, initial_from_query
from feedback.models import (
    EMAIL_LIMIT,
    LOOKUP_FAILURES_PER_CODE,
    LOOKUP_LIMITS,
    RECEIPT_SESSION_KEY,
    STATUS_SESSION_KEY,
    SUBMIT_LIMITS,
    Feedback,
)
from home.ratelimit import allow, client_ip
from home.tracking import proof_matches

FORM_TEMPLATE = "feedback/feedback_page.html"
CONFIRMATION_TEMPLATE = "feedback/confirmation.html"
LOOKUP_TEMPLATE = "feedback/status_lookup.html"
STATUS_TEMPLATE = "feedback/status.html"
REMEMBERED_CODES = 10


def _within_limits(request, limits):
    ip = client_ip(request)
    # Count every limit (no short-circuit), so each window sees every request.
    results = [allow(scope, ip, limit, window) for scope, limit, window in limits]
    return all(results)


def feedback_form(request, page):
    if request.method != "POST":
        form = FeedbackForm(initial=initial_from_query(request.GET))
        return page.render_route(request, FORM_TEMPLATE, {"form": form})

    form = FeedbackForm(request.POST, request.FILES)
    if not _within_limits(request, SUBMIT_LIMITS):
        form.is_valid()  # bind the data so the citizen keeps what they typed
        form.add_error(None, _("Too many messages were sent from your network just now. Wait a minute and send again."))
        return page.render_route(request, FORM_TEMPLATE, {"form": form}, status=429)
    if form.is_valid() and form.cleaned_data.get("email"):
        scope, limit, window = EMAIL_LIMIT
        if not allow(scope, form.cleaned_data["email"], limit, window):
            form.add_error("email", _("Many messages came from this address in the last hour. Try again later."))
    if not form.is_valid():
        return page.render_route(request, FORM_TEMPLATE, {"form": form}, status=400)

    item, secret, created = feedback_service.submit(
        data=form.cleaned_data,
        upload=form.cleaned_data.get("attachment"),
        upload_kind=form.attachment_kind,
        consent=form.consent_record(),
        token=form.cleaned_data.get("submission_token"),
        status_url=page.status_lookup_full_url(request),
    )
    receipt = {"code": item.tracking_code, "secret": secret or ""}
    previous = request.session.get(RECEIPT_SESSION_KEY) or {}
    if not created and previous.get("code") == item.tracking_code:
        receipt = previous  # a double submit: keep the secret the first request put there
    request.session[RECEIPT_SESSION_KEY] = receipt
    _remember_code(request, item.tracking_code)
    return page.redirect_to("terkirim/")


def confirmation(request, page):
    receipt = request.session.get(RECEIPT_SESSION_KEY)
    if not receipt:
        return page.redirect_to()
    secret = receipt.get("secret", "")
    if secret:
        # Shown once: a reload shows the code but no longer the secret.
        request.session[RECEIPT_SESSION_KEY] = {"code": receipt["code"], "secret": "", "secret_shown": True}
    item = Feedback.objects.select_related("topic").filter(tracking_code=receipt["code"]).first()
    if item is None:
        return page.redirect_to()
    context = {
        "item": item,
        "secret": secret,
        "secret_shown_before": receipt.get("secret_shown", False),
        "status_url": page.status_lookup_url(),
    }
    return page.render_route(request, CONFIRMATION_TEMPLATE, context, private=True)


def _remember_code(request, code):
    codes = [c for c in request.session.get(STATUS_SESSION_KEY, []) if c != code]
    request.session[STATUS_SESSION_KEY] = [code, *codes][:REMEMBERED_CODES]


def status_lookup(request, page):
    if request.method != "POST":
        form = StatusLookupForm(initial={"code": request.GET.get("kode", "")[:30]})
        return page.render_route(request, LOOKUP_TEMPLATE, {"form": form}, private=True)

    form = StatusLookupForm(request.POST)
    if not _within_limits(request, LOOKUP_LIMITS):
        form.is_valid()
        form.add_error(None, _("Too many attempts from your network. Wait ten minutes and try again."))
        return page.render_route(request, LOOKUP_TEMPLATE, {"form": form}, status=429, private=True)
    if not form.is_valid():
        return page.render_route(request, LOOKUP_TEMPLATE, {"form": form}, status=400, private=True)

    code = form.cleaned_data["code"]
    scope, limit, window = LOOKUP_FAILURES_PER_CODE
    item = Feedback.objects.filter(tracking_code=code).first()
    matched = proof_matches(item, form.cleaned_data["proof"])
    if not matched:
        # Count failures per code: guessing the e-mail address of one known code stops here.
        if not allow(scope, code, limit, window):
            form.add_error(None, _("Too many wrong attempts for this code. Try again in an hour."))
            return page.render_route(request, LOOKUP_TEMPLATE, {"form": form}, status=429, private=True)
        # One message for every failure, so the page does not reveal which codes exist.
        form.add_error("proof", _("The tracking code and the e-mail address or secret do not match."))
        return page.render_route(request, LOOKUP_TEMPLATE, {"form": form}, status=400, private=True)
    _remember_code(request, item.tracking_code)
    return page.redirect_to(f"status/{item.tracking_code}/")


def status(request, page, code):
    if code not in request.session.get(STATUS_SESSION_KEY, []):
        return page.redirect_to("status/?" + urlencode({"kode": code[:30]}))
    item = Feedback.objects.select_related("topic").prefetch_related("events").filter(tracking_code=code).first()
    if item is None:
        return page.redirect_to("status/")
    context = {"item": item, "history": item.public_history()}
    if not item.is_final and item.answered_at is None:
        # The promise in working days, and the holidays it skipped, so the date is not a surprise.
        context["days_off"] = item.days_off_before_answer()
    return page.render_route(request, STATUS_TEMPLATE, context, private=True)
