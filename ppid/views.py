"""Public views of the PPID request service, served through PPIDRequestPage's routes (ppid/models.py).

Bad input re-renders the form with field-level messages and stores nothing; a valid submission is stored (its mail
queued in the same transaction) and answered with a redirect. The tracking page needs the number and the secret
(or the signed link of the receipt mail) and shows no personal data.
"""

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from home.ratelimit import Attempt, allow, allow_client
from home.tracking import keep_receipt, remember_code, take_receipt
from ppid import service
from ppid.forms import ObjectionForm, RequestForm, TrackingForm
from ppid.models import (
    EMAIL_LIMIT,
    LOOKUP_FAILURES_PER_NUMBER,
    LOOKUP_LIMITS,
    OBJECTION_RECEIPT_SESSION_KEY,
    RECEIPT_SESSION_KEY,
    SUBMIT_LIMITS,
    TRACKING_SESSION_KEY,
    PPIDRequest,
)

FORM_TEMPLATE = "ppid/request_form.html"
RECEIPT_TEMPLATE = "ppid/receipt.html"
LOOKUP_TEMPLATE = "ppid/lookup.html"
TRACKING_TEMPLATE = "ppid/tracking.html"
OBJECTION_TEMPLATE = "ppid/objection_form.html"
OBJECTION_RECEIPT_TEMPLATE = "ppid/objection_receipt.html"


def request_form(request, page):
    if request.method != "POST":
        return page.render_route(request, FORM_TEMPLATE, {"form": RequestForm()})
    form = RequestForm(request.POST, request.FILES)
    if not allow_client(request, SUBMIT_LIMITS):
        form.is_valid()
        form.add_error(None, _("Too many requests were sent from your network just now. Wait a minute and send again."))
        return page.render_route(request, FORM_TEMPLATE, {"form": form}, status=429)
    if form.is_valid() and form.cleaned_data.get("email"):
        scope, limit, window = EMAIL_LIMIT
        if not allow(scope, form.cleaned_data["email"], limit, window):
            form.add_error("email", _("Many requests came from this address in the last hour. Try again later."))
    if not form.is_valid():
        return page.render_route(request, FORM_TEMPLATE, {"form": form}, status=400)
    item, secret, created = service.submit(
        data=form.cleaned_data,
        upload=form.cleaned_data.get("proxy_letter") if form.cleaned_data.get("on_behalf") else None,
        upload_kind=form.proxy_kind,
        token=form.cleaned_data.get("submission_token"),
        page=page,
    )
    keep_receipt(request.session, RECEIPT_SESSION_KEY, item.number, secret, created)
    remember_code(request.session, TRACKING_SESSION_KEY, item.number)
    return page.redirect_to("terkirim/")


def receipt(request, page):
    receipt = take_receipt(request.session, RECEIPT_SESSION_KEY)
    item = receipt and PPIDRequest.objects.filter(number=receipt[0]).first()
    if not item:
        return page.redirect_to()
    _number, secret, shown_before = receipt
    context = {"item": item, "secret": secret, "secret_shown_before": shown_before}
    return page.render_route(request, RECEIPT_TEMPLATE, context, private=True)


def _check_proof(request, page, form, template, extra=None):
    """(request item, None) when number + secret match; else (None, an error response). Failures are counted per
    client and per number, and every failure reads the same, so the page does not reveal which numbers exist."""
    context = {"form": form, **(extra or {})}
    if not allow_client(request, LOOKUP_LIMITS):
        form.is_valid()
        form.add_error(None, _("Too many attempts from your network. Wait ten minutes and try again."))
        return None, page.render_route(request, template, context, status=429, private=True)
    if not form.is_valid():
        return None, page.render_route(request, template, context, status=400, private=True)
    number = form.cleaned_data["number"]
    # Counted before the secret is compared and refunded when it is right (home/ratelimit.py, Attempt): simultaneous
    # guesses cannot slip past the limit, and a locked number learns nothing, not even from a right secret.
    scope, limit, window = LOOKUP_FAILURES_PER_NUMBER
    attempt = Attempt(scope, number, limit, window)
    if not attempt.allowed:
        form.add_error(None, _("Too many wrong attempts for this number. Try again in an hour."))
        return None, page.render_route(request, template, context, status=429, private=True)
    item = service.find_with_secret(number, form.cleaned_data["secret"])
    if item is None:
        form.add_error("secret", _("No request was found with this registration number and secret."))
        return None, page.render_route(request, template, context, status=400, private=True)
    attempt.refund()
    return item, None


def lookup(request, page):
    if request.method != "POST":
        form = TrackingForm(initial={"number": request.GET.get("nomor", "")[:30]})
        return page.render_route(request, LOOKUP_TEMPLATE, {"form": form}, private=True)
    form = TrackingForm(request.POST)
    item, error = _check_proof(request, page, form, LOOKUP_TEMPLATE)
    if error:
        return error
    remember_code(request.session, TRACKING_SESSION_KEY, item.number)
    return page.redirect_to(f"lacak/{item.number}/")


def tracking_link(request, page, token):
    item = service.from_tracking_token(token)
    if item is None:
        return page.redirect_to("lacak/")
    remember_code(request.session, TRACKING_SESSION_KEY, item.number)
    return page.redirect_to(f"lacak/{item.number}/")


def tracking(request, page, number):
    if number not in request.session.get(TRACKING_SESSION_KEY, []):
        return page.redirect_to("lacak/?" + urlencode({"nomor": number[:30]}))
    item = PPIDRequest.objects.prefetch_related("events", "objections").filter(number=number).first()
    if item is None:
        return page.redirect_to("lacak/")
    today = timezone.localdate()
    objections = list(item.objections.all())
    context = {
        "item": item,
        "history": item.public_history(),
        "lateness": item.lateness(today),
        "objections": [(o, o.ki_window(today)) for o in objections],
        "objection_window_ends": item.objection_window_ends() if item.notice_at or item.lateness(today) else None,
        "filing_late": service.filing_is_late(item, today),
    }
    if item.is_open:
        context["days_off"] = item.days_off_before_due()
    return page.render_route(request, TRACKING_TEMPLATE, context, private=True)


def objection_form(request, page):
    if request.method != "POST":
        form = ObjectionForm(initial={"number": request.GET.get("nomor", "")[:30]})
        return page.render_route(request, OBJECTION_TEMPLATE, {"form": form}, private=True)
    form = ObjectionForm(request.POST)
    if not allow_client(request, SUBMIT_LIMITS):
        form.is_valid()
        form.add_error(None, _("Too many requests were sent from your network just now. Wait a minute and send again."))
        return page.render_route(request, OBJECTION_TEMPLATE, {"form": form}, status=429, private=True)
    item, error = _check_proof(request, page, form, OBJECTION_TEMPLATE)
    if error:
        return error
    objection, _created = service.file_objection(
        item,
        grounds=form.cleaned_data["grounds"],
        case=form.cleaned_data["case"],
        token=form.cleaned_data.get("submission_token"),
        page=page,
    )
    request.session[OBJECTION_RECEIPT_SESSION_KEY] = objection.number
    remember_code(request.session, TRACKING_SESSION_KEY, item.number)
    return page.redirect_to("keberatan/terkirim/")


def objection_receipt(request, page):
    number = request.session.get(OBJECTION_RECEIPT_SESSION_KEY)
    objection = None
    if number:
        from ppid.models import PPIDObjection

        objection = PPIDObjection.objects.select_related("request").filter(number=number).first()
    if objection is None:
        return page.redirect_to("keberatan/")
    return page.render_route(request, OBJECTION_RECEIPT_TEMPLATE, {"objection": objection}, private=True)
