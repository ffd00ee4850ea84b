"""Saran dan pengaduan: feedback and complaints, the topics that route them to editor teams, and their history.

Who sees what:
- an item belongs to the team (a Django Group) its topic routes to when it arrives; items whose topic has no team
  belong to the triage group named in `FeedbackSettings`;
- editors see only their teams' items (`Feedback.objects.visible_to(user)`); superusers see everything;
- the citizen sees only the status history, the public answer and a rejection reason, never the message or any
  personal data (the status page renders `public_history()` and nothing else).
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from home.blocks import RICHTEXT_FEATURES, BaseStreamBlock
from home.models import BasePage, Holiday
from home.privacy import ConsentRecord
from home.storage import private_storage


@register_setting(icon="mail")
class FeedbackSettings(BaseGenericSetting):
    """Where unrouted feedback goes. Managed by administrators (Settings › Saran dan pengaduan)."""

    triage_group = models.ForeignKey(
        Group,
        verbose_name=_("triage group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Editors of this group see and sort feedback whose topic routes to no team."),
    )
    triage_emails = models.TextField(
        _("triage notification addresses"),
        blank=True,
        help_text=_("One address per line. They are told a new unrouted item arrived (code and topic only)."),
    )

    panels = [FieldPanel("triage_group"), FieldPanel("triage_emails")]

    class Meta:
        verbose_name = _("feedback settings")


class FeedbackTopic(models.Model):
    """A topic the citizen picks; it decides which team handles the item and how fast."""

    name = models.CharField(_("name"), max_length=120, unique=True, help_text=_("e.g. 'Pendaftaran ormas/SIOLA'"))
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("One line shown to citizens under the topic list, e.g. what belongs here."),
    )
    team = models.ForeignKey(
        Group,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_topics",
        help_text=_("The editor group that handles this topic. Empty: the triage group handles it."),
    )
    notify_emails = models.TextField(
        _("notification addresses"),
        blank=True,
        help_text=_("One address per line; told about each new item (code, topic and an admin link only)."),
    )
    verify_days = models.PositiveSmallIntegerField(
        _("working days to verify"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Working days (weekends and holidays excluded) to check an item and confirm it to the citizen."),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("working days to answer"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Working days to send the written answer, counted like the verification from the day the item arrives "
            "(the time to verify is part of it)."
        ),
    )
    active = models.BooleanField(
        _("offered on the form"),
        default=True,
        help_text=_("Untick to stop offering the topic; items already received keep it."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order on the form"), default=0, help_text=_("Lower numbers come first.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("team"), FieldPanel("notify_emails")], _("Routing")),
        MultiFieldPanel([FieldPanel("verify_days"), FieldPanel("answer_days")], _("Deadlines (working days)")),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("feedback topic")
        verbose_name_plural = _("feedback topics")

    def __str__(self):
        return self.name


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The items `user` may see: their teams' items (and unrouted ones for the triage group)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        group_ids = list(user.groups.values_list("id", flat=True))
        condition = Q(team_id__in=group_ids)
        triage_id = FeedbackSettings.load().triage_group_id
        if triage_id in group_ids:
            condition |= Q(team__isnull=True)
        return self.filter(condition)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(self.overdue_condition(today))

    @staticmethod
    def overdue_condition(today):
        open_statuses = [s for s in Feedback.Status.values if s not in Feedback.FINAL_STATUSES]
        late_verify = Q(status=Feedback.Status.NEW, verify_due__lt=today)
        late_answer = Q(status__in=open_statuses, answered_at__isnull=True, answer_due__lt=today)
        return late_verify | late_answer


class Feedback(ConsentRecord):
    """One saran, pengaduan, pertanyaan or aspirasi, as the citizen sent it, and what the agency did with it."""

    TRACKING_PREFIX = "ADU"

    class Kind(models.TextChoices):
        SUGGESTION = "saran", _("Suggestion (saran)")
        COMPLAINT = "pengaduan", _("Complaint (pengaduan)")
        QUESTION = "pertanyaan", _("Question (pertanyaan)")
        ASPIRATION = "aspirasi", _("Aspiration (aspirasi)")

    class Identity(models.TextChoices):
        CONFIDENTIAL = "confidential", _("Confidential")
        ANONYMOUS = "anonymous", _("Anonymous")

    class Status(models.TextChoices):
        NEW = "baru", _("New")
        VERIFIED = "diverifikasi", _("Verified")
        FORWARDED = "diteruskan", _("Forwarded")
        IN_PROGRESS = "ditindaklanjuti", _("Being followed up")
        DONE = "selesai", _("Completed")
        REJECTED = "ditolak", _("Rejected")

    FINAL_STATUSES = (Status.DONE, Status.REJECTED)
    # Baru → Diverifikasi → Diteruskan → Ditindaklanjuti → Selesai / Ditolak; verification always comes first.
    TRANSITIONS = {
        Status.NEW: (Status.VERIFIED, Status.REJECTED),
        Status.VERIFIED: (Status.FORWARDED, Status.IN_PROGRESS, Status.DONE, Status.REJECTED),
        Status.FORWARDED: (Status.IN_PROGRESS, Status.DONE, Status.REJECTED),
        Status.IN_PROGRESS: (Status.FORWARDED, Status.DONE, Status.REJECTED),
        Status.DONE: (),
        Status.REJECTED: (),
    }

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topic = models.ForeignKey(
        FeedbackTopic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="feedback_items"
    )
    team = models.ForeignKey(
        Group,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set from the topic when the item arrives; empty means the triage group."),
    )
    message = models.TextField(_("message"))

    identity = models.CharField(_("identity"), max_length=20, choices=Identity.choices)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The SHA-256 of the secret (PIN) shown once on the confirmation page; the status links in mails are bound to it
    # (home/tracking.py). Every item has one; items from before had one generated that only those links carry.
    secret_hash = models.CharField(max_length=64, blank=True, editable=False)

    attachment = models.FileField(_("attachment"), storage=private_storage, upload_to="feedback/", blank=True)
    attachment_type = models.CharField(max_length=60, blank=True, editable=False)
    attachment_size = models.PositiveIntegerField(null=True, blank=True, editable=False)

    # Issued with the form; a second POST of the same form finds the first item instead of making a twin.
    submission_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    lapor_reference = models.CharField(_("LAPOR! reference"), max_length=60, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    public_answer = models.TextField(_("public answer"), blank=True)

    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    verify_due = models.DateField(_("verify by"))
    answer_due = models.DateField(_("answer by"))
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        permissions = [("export_feedback", "Can export feedback")]
        indexes = [models.Index(fields=["status", "answer_due"]), models.Index(fields=["team", "status"])]

    def __str__(self):
        return self.tracking_code

    @property
    def is_final(self):
        return self.status in self.FINAL_STATUSES

    @property
    def assignee_name(self):
        if self.assignee is None:
            return ""
        return self.assignee.get_full_name() or self.assignee.get_username()

    @property
    def is_anonymous(self):
        return self.identity == self.Identity.ANONYMOUS

    def allowed_transitions(self):
        return self.TRANSITIONS[self.Status(self.status)]

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        if self.status == self.Status.NEW and self.verify_due < today:
            return True
        return not self.is_final and self.answered_at is None and self.answer_due < today

    def overdue_step(self, today=None):
        """'verify' or 'answer' (whichever deadline has passed), or ''."""
        today = today or timezone.localdate()
        if self.status == self.Status.NEW and self.verify_due < today:
            return "verify"
        if not self.is_final and self.answered_at is None and self.answer_due < today:
            return "answer"
        return ""

    def set_due_dates(self, days_off=None):
        """Deadlines from the topic, both counted in working days from the (WIB) day the item arrived: the answer
        deadline includes the time to verify, so the citizen knows both dates on the day they write."""
        from home import workdays

        start = timezone.localdate(self.submitted_at)
        if days_off is None:
            days_off = workdays.calendar_for_deadline(start, max(self.topic.verify_days, self.topic.answer_days))
        self.verify_due = workdays.add_working_days(start, self.topic.verify_days, days_off)
        self.answer_due = workdays.add_working_days(start, self.topic.answer_days, days_off)

    def days_off_before_answer(self):
        """The holidays and cuti bersama the answer deadline skipped (for the citizen's status page)."""
        from home.workdays import days_off_between

        return days_off_between(timezone.localdate(self.submitted_at), self.answer_due)

    def public_history(self):
        """What the status page may show: status changes with their date, nothing typed by editors but the forward
        target and LAPOR! reference (the citizen can follow up there)."""
        return [event for event in self.events.all() if event.kind == FeedbackEvent.Kind.STATUS]


class FeedbackEvent(models.Model):
    """One line of an item's history. Only STATUS events reach the public status page; notes never do."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Received")
        STATUS = "status", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        NOTE = "note", _("Internal note")
        ANSWER = "answer", _("Public answer")
        TOPIC = "topic", _("Topic changed")

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=Feedback.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Feedback.Status.choices, blank=True)
    # Public for STATUS events (forward target, LAPOR! reference, reason for rejection); internal otherwise.
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.feedback_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


@receiver([post_save, post_delete], sender=Holiday)
def recount_open_deadlines(sender, instance, **kwargs):
    """A holiday added or removed moves the deadlines of open items that span it."""
    from home.workdays import calendar

    window_start = instance.date - datetime.timedelta(days=120)
    days_off = calendar(window_start, instance.date + datetime.timedelta(days=240))
    open_items = (
        Feedback.objects.exclude(status__in=Feedback.FINAL_STATUSES)
        .filter(submitted_at__date__gte=window_start, submitted_at__date__lte=instance.date)
        .select_related("topic")
    )
    for item in open_items:
        before = (item.verify_due, item.answer_due)
        item.set_due_dates(days_off)
        if (item.verify_due, item.answer_due) != before:
            item.save(update_fields=["verify_due", "answer_due"])


# -- the public page ------------------------------------------------------------------------------------------
# The public Saran dan Pengaduan page: the form, the confirmation after the redirect, and the status pages.
#
# One page of this type sits under the home page; editors write its introduction and the "other ways to reach us"
# text, the routes below do the rest:
#
#     /saran-dan-pengaduan/                      the form (GET) and its submission (POST → redirect)
#     /saran-dan-pengaduan/terkirim/             the tracking code and, once, the secret
#     /saran-dan-pengaduan/status/               code + secret (POST → redirect), or a mailed link (GET → redirect)
#     /saran-dan-pengaduan/status/<code>/        status history and public answer, for whoever proved it above
#     /saran-dan-pengaduan/kirim-ulang-tautan/   an e-mail address (POST): its items' status links, by mail only

RECEIPT_SESSION_KEY = "feedback_receipt"
STATUS_SESSION_KEY = "feedback_status_codes"

# Per-IP limits stay generous: a campus or an office shares one address (50 students in a minute must get
# through). Per-address and per-code limits are where abuse is stopped.
SUBMIT_LIMITS = (("feedback-ip-minute", 60, 60), ("feedback-ip-hour", 400, 3600))
EMAIL_LIMIT = ("feedback-email", 5, 3600)
LOOKUP_LIMITS = (("feedback-status-ip", 60, 600),)
# Wrong secrets (or unknown codes: they are not told apart), counted per client and per code; once either is
# reached, every attempt is refused before the secret is even compared, so a right guess tells nothing either.
LOOKUP_FAILURES_PER_CLIENT = ("feedback-status-fail-ip", 20, 3600)
LOOKUP_FAILURES_PER_CODE = ("feedback-status-code", 10, 3600)
# "Send me my status links": silent limits (the answer is the same either way), as for events' link mails.
LINK_MAILS_PER_CLIENT = ("feedback-link-ip", 10, 3600)
LINK_MAILS_PER_EMAIL = ("feedback-link-email", 3, 3600)
LINK_MAIL_MAX_ITEMS = 20
STATUS_LINK_SALT = "feedback.status-link"


class FeedbackPage(RoutablePageMixin, BasePage):
    intro = RichTextField(
        gettext_lazy("introduction"),
        features=RICHTEXT_FEATURES,
        blank=True,
        help_text=gettext_lazy("What citizens can send here and what happens next, in two or three sentences."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=gettext_lazy("other ways to reach us"),
        blank=True,
        help_text=gettext_lazy("Shown under the form: office address, phone, LAPOR!, frequently asked questions."),
    )

    summary_field = "intro"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = gettext_lazy("feedback page")

    def status_lookup_url(self):
        return self.url.rstrip("/") + "/status/" if self.url else ""

    def resend_link_url(self):
        return self.url.rstrip("/") + "/kirim-ulang-tautan/" if self.url else ""

    # The form ---------------------------------------------------------------------------------------------------
    @path("")
    def form_view(self, request):
        from feedback import views as feedback_views

        return feedback_views.feedback_form(request, self)

    @path("terkirim/")
    def confirmation_view(self, request):
        from feedback import views as feedback_views

        return feedback_views.confirmation(request, self)

    @path("status/")
    def status_lookup_view(self, request):
        from feedback import views as feedback_views

        return feedback_views.status_lookup(request, self)

    @path("kirim-ulang-tautan/")
    def resend_link_view(self, request):
        from feedback import views as feedback_views

        return feedback_views.resend_link(request, self)

    @path("status/<str:code>/")
    def status_view(self, request, code):
        from feedback import views as feedback_views

        return feedback_views.status(request, self, code)

    def render_route(self, request, template, context, status=200, private=False):
        context = {**self.get_context(request), **context}
        response = TemplateResponse(request, template, context, status=status)
        if private:
            add_never_cache_headers(response)
        return response

    def redirect_to(self, suffix=""):
        return redirect(self.url.rstrip("/") + "/" + suffix)


def status_link(item):
    """The one-click status link for `item`, as mailed to its sender: on the public address (SITE_URL), carrying
    the code and a signed token bound to the item's secret (home/tracking.py); '' when there is no live page."""
    from django.utils.http import urlencode

    from home import siteurl
    from home.tracking import link_token

    page = FeedbackPage.objects.live().first()
    if page is None or not item.secret_hash:
        return ""
    query = urlencode(
        {"kode": item.tracking_code, "kunci": link_token(item.tracking_code, item.secret_hash, STATUS_LINK_SALT)}
    )
    return siteurl.absolute(page.status_lookup_url()) + "?" + query
