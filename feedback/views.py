"""Public views of Saran dan Pengaduan, served through FeedbackPage's routes (feedback/models.py).

Bad input re-renders the form with field-level messages and stores nothing; a valid submission is stored (with its
mail queued in the same transaction) and answered with a redirect, so a refresh never sends it twice.

The status is shown to whoever proves they sent the item (home/tracking.py): the code with the secret (PIN) from the
receipt, or the signed link in a mail to the sender. An e-mail address is never proof: codes are sequential, and an
address is known to others, so together they would open anyone's complaint.
"""

from django.core import signing
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from feedback import service as feedback_service
from feedback.forms import FeedbackForm, ResendLinkForm, StatusLookupForm, initial_from_query
from feedback.models import (
    EMAIL_LIMIT,
    LINK_MAILS_PER_CLIENT,
    LINK_MAILS_PER_EMAIL,
    LOOKUP_FAILURES_PER_CLIENT,
    LOOKUP_FAILURES_PER_CODE,
    LOOKUP_LIMITS,
    RECEIPT_SESSION_KEY,
    STATUS_LINK_SALT,
    STATUS_SESSION_KEY,
    SUBMIT_LIMITS,
    Feedback,
)
from home.ratelimit import Attempt, allow, allow_client, client_ip
from home.tracking import (
    keep_receipt,
    link_code,
    link_matches,
    normalise_code,
    remember_code,
    secret_matches,
    take_receipt,
)

FORM_TEMPLATE = "feedback/feedback_page.html"
CONFIRMATION_TEMPLATE = "feedback/confirmation.html"
LOOKUP_TEMPLATE = "feedback/status_lookup.html"
STATUS_TEMPLATE = "feedback/status.html"
RESEND_TEMPLATE = "feedback/resend_link.html"


def feedback_form(request, page):
    if request.method != "POST":
        form = FeedbackForm(initial=initial_from_query(request.GET))
        return page.render_route(request, FORM_TEMPLATE, {"form": form})

    form = FeedbackForm(request.POST, request.FILES)
    if not allow_client(request, SUBMIT_LIMITS):
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
    )
    keep_receipt(request.session, RECEIPT_SESSION_KEY, item.tracking_code, secret, created)
    remember_code(request.session, STATUS_SESSION_KEY, item.tracking_code)
    return page.redirect_to("terkirim/")


def confirmation(request, page):
    receipt = take_receipt(request.session, RECEIPT_SESSION_KEY)
    item = receipt and Feedback.objects.select_related("topic").filter(tracking_code=receipt[0]).first()
    if not item:
        return page.redirect_to()
    _code, secret, shown_before = receipt
    context = {
        "item": item,
        "secret": secret,
        "secret_shown_before": shown_before,
        "status_url": page.status_lookup_url(),
    }
    return page.render_route(request, CONFIRMATION_TEMPLATE, context, private=True)


def status_lookup(request, page):
    if request.method != "POST":
        if "kunci" in request.GET:
            return _open_link(request, page)
        form = StatusLookupForm(initial={"code": request.GET.get("kode", "")[:30]})
        return _lookup_page(request, page, form)

    form = StatusLookupForm(request.POST)
    if not allow_client(request, LOOKUP_LIMITS):
        form.is_valid()
        form.add_error(None, _("Too many attempts from your network. Wait ten minutes and try again."))
        return _lookup_page(request, page, form, status=429)
    if not form.is_valid():
        return _lookup_page(request, page, form, status=400)

    code = form.cleaned_data["code"]
    # Counted before anything is compared (home/ratelimit.py, Attempt), both counters always (no short-circuit), so a
    # locked code costs what a locked client costs and simultaneous guesses cannot slip past the limit.
    attempts = [Attempt(scope, key, limit, window) for (scope, limit, window), key in _failure_counters(request, code)]
    if not all(attempt.allowed for attempt in attempts):
        # Refused before comparing anything: a locked-out guesser learns nothing, not even from a right secret.
        form.add_error(
            None,
            _(
                "Too many wrong attempts. Try again in an hour, or open the link in the e-mail we sent you "
                "(you can ask for it again below)."
            ),
        )
        return _lookup_page(request, page, form, status=429)
    item = Feedback.objects.filter(tracking_code=code).first()
    if not secret_matches(item, form.cleaned_data["secret"]):
        # An unknown code and a wrong secret are counted, answered and timed alike: the page does not tell which
        # codes exist.
        form.add_error("secret", _("The tracking code and the secret do not match."))
        return _lookup_page(request, page, form, status=400)
    for attempt in attempts:
        attempt.refund()
    remember_code(request.session, STATUS_SESSION_KEY, item.tracking_code)
    return page.redirect_to(f"status/{item.tracking_code}/")


def _lookup_page(request, page, form, status=200):
    context = {"form": form, "resend_url": page.resend_link_url()}
    return page.render_route(request, LOOKUP_TEMPLATE, context, status=status, private=True)


def _failure_counters(request, code):
    return ((LOOKUP_FAILURES_PER_CLIENT, client_ip(request)), (LOOKUP_FAILURES_PER_CODE, code))


def _open_link(request, page):
    """A status link from a mail (GET ?kode=…&kunci=…): signed, so it cannot be guessed, and it works even while
    the code or the client is locked out of the typed lookup (a guesser cannot lock the sender out of their own mail).
    Redirected at once, so the token leaves the address bar and the history."""
    code = normalise_code(request.GET.get("kode", ""))
    try:
        signed_code, binding = link_code(request.GET.get("kunci", "")[:500], STATUS_LINK_SALT)
    except signing.BadSignature:
        signed_code, binding = "", ""
    item = Feedback.objects.filter(tracking_code=signed_code).first() if signed_code and signed_code == code else None
    if item is not None and link_matches(item, binding):
        remember_code(request.session, STATUS_SESSION_KEY, item.tracking_code)
        return page.redirect_to(f"status/{item.tracking_code}/")
    allow(LOOKUP_FAILURES_PER_CLIENT[0], client_ip(request), *LOOKUP_FAILURES_PER_CLIENT[1:])
    form = StatusLookupForm(initial={"code": code[:30]})
    context = {"form": form, "resend_url": page.resend_link_url(), "bad_link": True}
    return page.render_route(request, LOOKUP_TEMPLATE, context, status=400, private=True)


def resend_link(request, page):
    """'Send me my status links': mails the links of the items from an address to that address, and only there.

    The answer is the same whether or not the address is on file, and whether or not a limit stopped the mail
    (a different answer would tell who wrote to the agency); the limits, per client and per address, are silent.
    """
    if request.method != "POST":
        context = {"form": ResendLinkForm(), "sent": request.GET.get("terkirim") == "1"}
        return page.render_route(request, RESEND_TEMPLATE, context, private=True)
    form = ResendLinkForm(request.POST)
    if not form.is_valid():
        return page.render_route(request, RESEND_TEMPLATE, {"form": form}, status=400, private=True)
    email = form.cleaned_data["email"]
    # Both counted (no short-circuit), so each window sees every request.
    within = [
        allow(LINK_MAILS_PER_CLIENT[0], client_ip(request), *LINK_MAILS_PER_CLIENT[1:]),
        allow(LINK_MAILS_PER_EMAIL[0], email, *LINK_MAILS_PER_EMAIL[1:]),
    ]
    if all(within):
        feedback_service.mail_status_links(email, bucket=timezone.now().strftime("%Y%m%d%H"))
    return page.redirect_to("kirim-ulang-tautan/?terkirim=1")


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
