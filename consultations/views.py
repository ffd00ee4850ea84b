"""Responding to a consultation (served through ConsultationPage's routes).

The window is enforced on POST, not only in the template: a response sent before it opens or after it closes is
refused with a clear message and nothing is stored. A stored response gets a reference code (KON-2026-00001) on
the confirmation page after a redirect, an acknowledgement by e-mail when an address was given, and a notice to the
consultation's team (code and link only).

The editor's extra questions (`page.question_form`, a BuiltForm) come through builtforms/forms.py: they are
rendered under the core fields, validated with them, and their answers stored by `store_answers()` in the same
transaction as the response, so a response never exists without its answers, nor answers without a response.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from builtforms.forms import questions_form, store_answers
from consultations.forms import ConsultationResponseForm
from consultations.models import ConsultationResponse, ConsultationStatus
from home import cache as page_cache
from home.models import CodeCounter
from home.outbox import parse_addresses, queue_mail
from home.ratelimit import allow, allow_client

PAGE_TEMPLATE = "consultations/consultation_page.html"
CONFIRMATION_TEMPLATE = "consultations/consultation_confirmation.html"
RECEIPT_SESSION_KEY = "consultation_receipt"
SUBMIT_LIMITS = (("consultation-ip-minute", 60, 60), ("consultation-ip-hour", 400, 3600))
# Per address: strict (one person rarely answers one consultation more than a few times an hour).
EMAIL_LIMIT = ("consultation-email", 5, 3600)


def render(request, page, template, context, status=200, private=False):
    response = TemplateResponse(request, template, {**page.get_context(request), **context}, status=status)
    if private:
        add_never_cache_headers(response)
    return response


def consultation(request, page):
    now = timezone.now()
    if request.method != "POST":
        if page.status_changes_soon(now):
            page_cache.dont_cache(request)
        if not page.is_open(now):
            return render(request, page, PAGE_TEMPLATE, {"form": None})
        form = ConsultationResponseForm(page=page)
        return render(request, page, PAGE_TEMPLATE, {"form": form, "questions": questions_form(page.question_form)})

    if not page.is_open(now):
        # Refused before reading the data at all: nothing can be stored.
        message = (
            _("This consultation is not open yet; responses are accepted from %(date)s.")
            if page.status_at(now) == ConsultationStatus.UPCOMING
            else _("This consultation closed on %(date)s; responses are no longer accepted.")
        )
        date = timezone.localtime(
            page.opens_at if page.status_at(now) == ConsultationStatus.UPCOMING else page.closes_at
        )
        context = {"form": None, "window_error": message % {"date": date.strftime("%d-%m-%Y %H.%M WIB")}}
        return render(request, page, PAGE_TEMPLATE, context, status=403)

    form = ConsultationResponseForm(request.POST, page=page)
    questions = questions_form(page.question_form, data=request.POST)
    context = {"form": form, "questions": questions}
    if not allow_client(request, SUBMIT_LIMITS):
        form.is_valid()
        form.add_error(
            None, _("Too many responses were sent from your network just now. Wait a minute and send again.")
        )
        return render(request, page, PAGE_TEMPLATE, context, status=429)
    valid = form.is_valid()
    if valid and form.cleaned_data.get("email"):
        scope, limit, window = EMAIL_LIMIT
        if not allow(scope, form.cleaned_data["email"], limit, window):
            form.add_error("email", _("Many responses came from this address in the last hour. Try again later."))
            valid = False
    valid = (questions is None or questions.is_valid()) and valid
    if not valid:
        return render(request, page, PAGE_TEMPLATE, context, status=400)

    response = store(page, form, questions, request)
    request.session[RECEIPT_SESSION_KEY] = {"page": page.pk, "code": response.reference_code}
    return redirect(page.url.rstrip("/") + "/terkirim/")


def store(page, form, questions, request):
    """The response, its answers and its mails in one transaction; a repeated token returns the first response."""
    data = form.cleaned_data
    token = data.get("submission_token")
    if token:
        existing = ConsultationResponse.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing
    record = form.consent_record()
    response = ConsultationResponse(
        page=page,
        response=data["response"],
        topics=data.get("topics") or [],
        name=data.get("name", ""),
        organisation=data.get("organisation", ""),
        email=data.get("email", ""),
        consent_version=record["version"],
        consented_at=record["given_at"],
    )
    if token:
        response.submission_token = token
    try:
        with transaction.atomic():
            response.reference_code = CodeCounter.next_code(
                ConsultationResponse.REFERENCE_PREFIX, timezone.localdate(response.submitted_at).year
            )
            response.entry = store_answers(questions)
            response.save()
            notify(page, response, request)
    except IntegrityError:
        existing = ConsultationResponse.objects.filter(submission_token=response.submission_token).first()
        if existing is None:
            raise
        return existing
    return response


def notify(page, response, request):
    context = {
        "page": page,
        "response": response,
        "page_url": page.get_full_url(request),
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("consultation_responses:detail", args=[response.pk]),
    }
    if response.email:
        queue_mail(
            key=f"consultation:{response.reference_code}:received",
            to=[response.email],
            subject=_("Your response to “%(title)s”: %(code)s")
            % {"title": page.title, "code": response.reference_code},
            template="consultations/mail/consultation_received",
            context=context,
        )
    recipients = parse_addresses(page.notify_emails)
    if recipients:
        queue_mail(
            key=f"consultation:{response.reference_code}:team",
            to=recipients,
            subject=_("New response %(code)s to “%(title)s”") % {"code": response.reference_code, "title": page.title},
            template="consultations/mail/consultation_team_new",
            context=context,
        )


def confirmation(request, page):
    receipt = request.session.get(RECEIPT_SESSION_KEY) or {}
    if receipt.get("page") != page.pk:
        return redirect(page.url)
    return render(request, page, CONFIRMATION_TEMPLATE, {"code": receipt["code"]}, private=True)
