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
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from consultations.storage import private_storage
from home.privacy import ConsentRecord


def parse_addresses(text):
    """E-mail addresses from a text field: one per line or comma-separated, empty parts dropped."""
    parts = str(text or "").replace(",", "\n").replace(";", "\n").splitlines()
    return [part.strip() for part in parts if part.strip()]


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
        help_text=_("Working days to send the written answer after the item is verified."),
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


class Holiday(models.Model):
    """A day off that is not a weekend: national holidays and cuti bersama (SKB of three ministers, yearly)."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National holiday")
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")

    date = models.DateField(_("date"), unique=True, help_text=_("The day off; weekends need no entry."))
    name = models.CharField(
        _("name"), max_length=120, help_text=_("As in the official decree, e.g. 'Hari Raya Idul Fitri 1447 H'.")
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.NATIONAL,
        help_text=_("National holiday or cuti bersama (joint leave day)."),
    )

    panels = [FieldPanel("date"), FieldPanel("name"), FieldPanel("kind")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.name}"


class TrackingSequence(models.Model):
    """One counter per prefix and year, so codes read ADU-2026-00001, ADU-2026-00002, ... without gaps or twins."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="uniq_tracking_sequence")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"

    @classmethod
    def next_code(cls, prefix, year):
        """The next code; call inside the transaction that stores the item.

        The conditional UPDATE takes the row lock, so a concurrent transaction waits for ours to commit and then
        reads the incremented value (PostgreSQL); SQLite serialises writers with its IMMEDIATE transactions.
        """
        cls.objects.get_or_create(prefix=prefix, year=year)
        cls.objects.filter(prefix=prefix, year=year).update(last=F("last") + 1)
        number = cls.objects.filter(prefix=prefix, year=year).values_list("last", flat=True).get()
        return f"{prefix}-{year}-{number:05d}"


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
    # For items without an e-mail address: the SHA-256 of the secret shown once on the confirmation page.
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

    def set_due_dates(self, holidays=None):
        """Deadlines from the topic, counted in working days from the (WIB) day the item arrived."""
        from consultations.workdays import add_working_days, holiday_dates

        start = timezone.localdate(self.submitted_at)
        if holidays is None:
            holidays = holiday_dates(start, start + datetime.timedelta(days=120))
        self.verify_due = add_working_days(start, self.topic.verify_days, holidays)
        self.answer_due = add_working_days(start, self.topic.answer_days, holidays)

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
    from consultations.workdays import holiday_dates

    window_start = instance.date - datetime.timedelta(days=120)
    holidays = holiday_dates(window_start, instance.date + datetime.timedelta(days=240))
    open_items = (
        Feedback.objects.exclude(status__in=Feedback.FINAL_STATUSES)
        .filter(submitted_at__date__gte=window_start, submitted_at__date__lte=instance.date)
        .select_related("topic")
    )
    for item in open_items:
        before = (item.verify_due, item.answer_due)
        item.set_due_dates(holidays)
        if (item.verify_due, item.answer_due) != before:
            item.save(update_fields=["verify_due", "answer_due"])
