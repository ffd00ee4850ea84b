"""Konsultasi publik: the index, one page per consultation, and the responses citizens send.

A consultation is open between `opens_at` and `closes_at` (WIB); its status follows the clock, nobody has to
flip a switch. After it closes, editors publish two separate parts, as GOV.UK does: "Apa yang kami dengar" (what
was said: counts per question and topic as charts and tables, plus quotes they approved) and "Tanggapan dan hasil"
(the agency's decision). `remind_consultation_outcomes` nags the team while the outcome is missing four weeks
after closing.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from builtforms.models import SubmissionMixin
from home import cache as page_cache
from home.blocks import RICHTEXT_FEATURES, BaseStreamBlock, DocumentLinkBlock
from home.models import BasePage
from home.privacy import ConsentRecord

OUTCOME_REMINDER_AFTER = datetime.timedelta(weeks=4)


class ConsultationStatus:
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"
    OUTCOME = "outcome"

    LABELS = {
        UPCOMING: _("Upcoming"),
        OPEN: _("Open"),
        CLOSED: _("Closed, analysing responses"),
        OUTCOME: _("Outcome published"),
    }


class ConsultationIndexPage(BasePage):
    intro = RichTextField(
        _("introduction"),
        features=RICHTEXT_FEATURES,
        blank=True,
        help_text=_("One or two sentences: what public consultations are and why taking part matters."),
    )

    summary_field = "intro"
    search_result_type = _("Public consultation")
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("consultation index page")

    def consultations(self):
        return ConsultationPage.objects.child_of(self).live().public().order_by("-closes_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = {key: [] for key in ConsultationStatus.LABELS}
        now = timezone.now()
        for consultation in self.consultations():
            groups[consultation.status_at(now)].append(consultation)
            if consultation.status_changes_soon(now):
                page_cache.dont_cache(request)
        groups[ConsultationStatus.OPEN].sort(key=lambda c: c.closes_at)
        groups[ConsultationStatus.UPCOMING].sort(key=lambda c: c.opens_at)
        context["sections"] = [
            (key, ConsultationStatus.LABELS[key], groups[key])
            for key in (
                ConsultationStatus.OPEN,
                ConsultationStatus.UPCOMING,
                ConsultationStatus.CLOSED,
                ConsultationStatus.OUTCOME,
            )
        ]
        return context


class ConsultationPage(RoutablePageMixin, BasePage):
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("What is being decided and whom it affects, in two or three sentences."),
    )
    opens_at = models.DateTimeField(_("opens"), help_text=_("WIB. Responses are accepted from this moment."))
    closes_at = models.DateTimeField(_("closes"), help_text=_("WIB. Responses are refused from this moment."))
    team = models.ForeignKey(
        Group,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The editor group that reads the responses (empty: superusers only)."),
    )
    notify_emails = models.TextField(
        _("notification addresses"),
        blank=True,
        help_text=_("One per line: told about each response (reference code and link only) and reminders."),
    )
    background = StreamField(
        BaseStreamBlock(),
        verbose_name=_("background"),
        blank=True,
        help_text=_(
            "What is being decided and why: the situation now, the options, and documents to read before answering."
        ),
    )
    documents = StreamField(
        [("document", DocumentLinkBlock())],
        verbose_name=_("documents to review"),
        blank=True,
        help_text=_("The draft, the terms of reference (TOR) and anything else respondents should read."),
    )
    response_prompt = models.CharField(
        _("response question"),
        max_length=250,
        default="Apa tanggapan, saran, atau keberatan Anda?",
        help_text=_("The free-text question every respondent answers."),
    )
    response_topics = models.TextField(
        _("response topics"),
        blank=True,
        help_text=_("One per line. Respondents tick the topics their response is about; counts are published."),
    )
    question_form = models.ForeignKey(
        "builtforms.BuiltForm",
        verbose_name=_("questions"),
        null=True,
        blank=True,
        # Deleting a form deletes its answers (forms_builder cascades entries); not while a consultation uses it.
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Optional: a form from Events › Registration forms in the admin menu with the questions to ask, e.g. a "
            "choice of topics or an agreement scale. Counts of the choice questions appear in “What we heard”."
        ),
    )
    other_ways = RichTextField(
        _("other ways to respond"),
        features=RICHTEXT_FEATURES,
        blank=True,
        help_text=_("E-mail, a letter to the office address, or at an FGD: say how and by when."),
    )

    heard_summary = RichTextField(
        _("what we heard: summary"),
        features=RICHTEXT_FEATURES,
        blank=True,
        help_text=_("Who responded and the main points. Counts, charts and approved quotes are added for you."),
    )
    heard_published = models.BooleanField(
        _("publish “what we heard”"),
        default=False,
        help_text=_("Tick when the summary of responses is ready for the public."),
    )
    outcome = RichTextField(
        _("response and outcome"),
        features=RICHTEXT_FEATURES,
        blank=True,
        help_text=_("What the agency decided, and what changed because of the responses."),
    )
    outcome_published = models.BooleanField(
        _("publish the outcome"),
        default=False,
        help_text=_("Tick when the decision and its reasons are ready for the public."),
    )
    outcome_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    outcome_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    summary_field = "summary"
    search_result_type = _("Public consultation")
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], _("Window (WIB)")),
        FieldPanel("background"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [
                FieldPanel("question_form"),
                FieldPanel("response_prompt"),
                FieldPanel("response_topics"),
                FieldPanel("other_ways"),
            ],
            _("Responding"),
        ),
        MultiFieldPanel([FieldPanel("team"), FieldPanel("notify_emails")], _("Routing")),
        MultiFieldPanel(
            [
                HelpPanel(_("Publish these after the consultation closes; each part can go out on its own.")),
                FieldPanel("heard_summary"),
                FieldPanel("heard_published"),
                FieldPanel("outcome"),
                FieldPanel("outcome_published"),
            ],
            _("After closing"),
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("background")]
    # The public API (site_cms/api.py, docs/api.md) publishes these and nothing else of a consultation: never a
    # response, the team or the notification addresses. `status` follows the clock (`status_at`).
    api_fields = [
        APIField("summary"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("status"),
        APIField("outcome_published"),
    ]

    class Meta:
        verbose_name = _("consultation page")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The consultation must close after it opens.")
        if (self.heard_published or self.outcome_published) and self.closes_at and self.closes_at > timezone.now():
            message = _("Publish this only after the consultation has closed.")
            if self.heard_published:
                errors["heard_published"] = message
            if self.outcome_published:
                errors["outcome_published"] = message
        if self.outcome_published and not self.outcome:
            errors["outcome"] = _("Write the outcome before publishing it.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.outcome_published and self.outcome_published_at is None:
            self.outcome_published_at = timezone.now()
        if not self.outcome_published:
            self.outcome_published_at = None
        super().save(*args, **kwargs)

    # Status by the clock -----------------------------------------------------------------------------------------
    def status_at(self, now):
        if now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if now < self.closes_at:
            return ConsultationStatus.OPEN
        return ConsultationStatus.OUTCOME if self.outcome_published else ConsultationStatus.CLOSED

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def status_label(self):
        return ConsultationStatus.LABELS[self.status]

    def is_open(self, now=None):
        return self.status_at(now or timezone.now()) == ConsultationStatus.OPEN

    def status_changes_soon(self, now):
        """True when the status changes within the page cache's lifetime (home/cache.py): time passing purges
        nothing, so a page rendered now stays out of the cache and opens or closes on time, not minutes late."""
        horizon = now + datetime.timedelta(seconds=getattr(settings, "PAGE_CACHE_SECONDS", 0))
        return any(now < moment <= horizon for moment in (self.opens_at, self.closes_at))

    def topic_choices(self):
        return [line.strip() for line in self.response_topics.splitlines() if line.strip()]

    def outcome_overdue(self, now=None):
        """True when the outcome is still unpublished four weeks after closing."""
        now = now or timezone.now()
        return not self.outcome_published and now >= self.closes_at + OUTCOME_REMINDER_AFTER

    # Responding (consultations/views.py) ----------------------------------------------------------
    @path("")
    def respond_view(self, request):
        from consultations import views as consultation_views

        return consultation_views.consultation(request, self)

    @path("terkirim/")
    def confirmation_view(self, request):
        from consultations import views as consultation_views

        return consultation_views.confirmation(request, self)

    # What we heard ---------------------------------------------------------------------------------------------
    @cached_property
    def heard(self):
        from consultations.results import results_for

        return results_for(self)


class ConsultationResponse(SubmissionMixin, ConsentRecord):
    """One response. Identity is optional; the text is read by the consultation's team only, unless an editor
    approves an anonymised excerpt (`quote`) for "Apa yang kami dengar".

    Answers to the page's `question_form` live in forms_builder's FormEntry/FieldEntry rows (`entry`, from
    SubmissionMixin), stored in the same transaction as the response and deleted with it.
    """

    REFERENCE_PREFIX = "KON"

    page = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="responses")
    reference_code = models.CharField(_("reference code"), max_length=20, unique=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    response = models.TextField(_("response"))
    topics = models.JSONField(_("topics"), default=list, blank=True)
    name = models.CharField(_("name"), max_length=120, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # SubmissionMixin's token, with a default: the public form's token is optional (home.forms.SubmissionTokenField
    # treats a missing or mangled one as absent), and such a response is still stored, once.
    submission_token = models.UUIDField(_("submission token"), unique=True, default=uuid.uuid4, editable=False)

    quote = models.TextField(
        _("anonymised quote"),
        blank=True,
        help_text=_("An excerpt without names, places or anything else that identifies someone."),
    )
    quote_approved = models.BooleanField(_("show the quote publicly"), default=False)
    quote_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")
        permissions = [("export_consultationresponse", _("Can export consultation responses"))]

    def __str__(self):
        return self.reference_code

    @property
    def topics_label(self):
        return ", ".join(self.topics or [])
