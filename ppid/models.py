"""PPID: requests for public information (permohonan informasi) and objections (keberatan), UU 14/2008.

The request and objection service lives in this part of the module (the published catalogue of information items
goes below it). The clocks follow the law and are stored, never typed by staff:
- a request is answered by a written notice within 10 working days of receipt (Ps. 22(7)); once, with written
  reasons, the PPID may extend by 7 more working days (Ps. 22(8));
- an objection is filed with the Atasan PPID within 30 working days of its ground (Ps. 36(1)); filing later only
  earns a warning here, because the ground may have arisen later than we know; the Atasan answers within 30 working
  days of receipt (Ps. 36(2));
- a requester not satisfied, or not answered in time, may take it to the Komisi Informasi Provinsi within 14
  working days (Ps. 37(2)).
Working days are counted by home/workdays.py; due dates are stored and recounted when the holiday table changes.

Who sees what: PPID staff (roles "Petugas PPID" and "Atasan PPID", ppid/permissions.py) see everything; the
requester's tracking page shows states, dates and the reasons the law requires, never a name, NIK, address or file.
"""

import calendar
import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from home.blocks import RICHTEXT_FEATURES, BaseStreamBlock
from home.models import BasePage, Holiday
from home.storage import private_storage

ANSWER_DAYS = 10  # UU 14/2008 Ps. 22(7)
EXTENSION_DAYS = 7  # Ps. 22(8)
OBJECTION_FILING_DAYS = 30  # Ps. 36(1)
OBJECTION_ANSWER_DAYS = 30  # Ps. 36(2)
KI_DAYS = 14  # Ps. 37(2)

# UU 14/2008 Ps. 17: information exempt from disclosure.
PASAL_17 = [
    ("a", _("a. would hinder law enforcement")),
    ("b", _("b. would harm intellectual property or fair business competition")),
    ("c", _("c. would endanger national defence and security")),
    ("d", _("d. would reveal Indonesia's natural wealth")),
    ("e", _("e. would harm national economic resilience")),
    ("f", _("f. would harm foreign relations")),
    ("g", _("g. would reveal the contents of authentic private deeds or wills")),
    ("h", _("h. would reveal personal secrets")),
    ("i", _("i. memoranda or letters between or within public bodies that are confidential")),
    ("j", _("j. information another law says must not be disclosed")),
]
# UU 14/2008 Ps. 35(1): the grounds of an objection.
PASAL_35 = [
    ("a", _("a. the request was refused on the grounds of Pasal 17")),
    ("b", _("b. periodic information (Pasal 9) was not provided")),
    ("c", _("c. the request was not answered")),
    ("d", _("d. the request was answered other than asked")),
    ("e", _("e. the request was not fulfilled")),
    ("f", _("f. an unreasonable fee was charged")),
    ("g", _("g. the answer came later than this law allows")),
]


@register_setting(icon="doc-full")
class PPIDSettings(BaseGenericSetting):
    """Who decides objections and whom the desk tells. Managed by administrators (Settings › PPID)."""

    atasan_name = models.CharField(
        _("name of the Atasan PPID"),
        max_length=150,
        blank=True,
        help_text=_("Named on written notices as the official who decides objections."),
    )
    atasan_position = models.CharField(
        _("position of the Atasan PPID"),
        max_length=150,
        blank=True,
        default="Kepala Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Tengah",
        help_text=_("As written under the name on notices, e.g. 'Kepala Badan Kesbangpol Provinsi Kalimantan Tengah'."),
    )
    ppid_name = models.CharField(
        _("name of the PPID"),
        max_length=150,
        blank=True,
        default="PPID Pelaksana Badan Kesbangpol Provinsi Kalimantan Tengah",
        help_text=_("Signs the written notices."),
    )
    notify_emails = models.TextField(
        _("notification addresses"),
        blank=True,
        help_text=_("One address per line; told of each new request or objection (number and desk link only)."),
    )

    panels = [
        FieldPanel("ppid_name"),
        FieldPanel("atasan_name"),
        FieldPanel("atasan_position"),
        FieldPanel("notify_emails"),
    ]

    class Meta:
        verbose_name = _("PPID settings")


class PPIDRequest(models.Model):
    """One request for public information, as received, and what the PPID did with it."""

    NUMBER_PREFIX = "PPID"

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online form")
        WALK_IN = "langsung", _("In person")
        LETTER = "surat", _("Letter")
        PHONE = "telepon", _("Phone")
        EMAIL = "email", _("E-mail")

    class RequesterType(models.TextChoices):
        PERSON = "perorangan", _("Individual")
        LEGAL_ENTITY = "badan_hukum", _("Legal entity")
        GROUP = "kelompok", _("Group of people")

    class Obtain(models.TextChoices):
        INSPECT = "melihat", _("See, read, listen to or take notes")
        SOFTCOPY = "softcopy", _("Electronic copy (softcopy)")
        HARDCOPY = "hardcopy", _("Paper copy (hardcopy)")

    class Delivery(models.TextChoices):
        PICK_UP = "ambil", _("Pick it up in person")
        COURIER = "kurir", _("Courier")
        POST = "pos", _("Post")
        EMAIL = "email", _("E-mail")

    class State(models.TextChoices):
        # "Registered" alone is a participant's "Mendaftar" in events; a case is "Terdaftar".
        REGISTERED = "terdaftar", pgettext_lazy("PPID case state", "Registered")
        INCOMPLETE = "menunggu_kelengkapan", _("Waiting for missing documents")
        IN_PROGRESS = "diproses", _("Being processed")
        EXTENDED = "diperpanjang", _("Extended")
        GRANTED = "dikabulkan", _("Granted")
        PARTLY_GRANTED = "dikabulkan_sebagian", _("Partly granted")
        REFUSED = "ditolak", _("Refused")
        NOT_HELD = "tidak_dikuasai", _("Not held by us")
        NOT_DOCUMENTED = "belum_didokumentasikan", _("Not yet documented")
        DELIVERED = "disampaikan", _("Information delivered")
        DONE = "selesai", _("Completed")
        WITHDRAWN = "ditarik", _("Withdrawn")

    OPEN_STATES = (State.REGISTERED, State.INCOMPLETE, State.IN_PROGRESS, State.EXTENDED)
    # A written notice (Ps. 22(7)) is sent on entering these; it stops the clock and opens the objection window.
    NOTICE_STATES = (State.GRANTED, State.PARTLY_GRANTED, State.REFUSED, State.NOT_HELD, State.NOT_DOCUMENTED)
    FINAL_STATES = (State.DONE, State.WITHDRAWN)
    TRANSITIONS = {
        State.REGISTERED: (State.INCOMPLETE, State.IN_PROGRESS, *NOTICE_STATES, State.WITHDRAWN),
        State.INCOMPLETE: (State.IN_PROGRESS, *NOTICE_STATES, State.WITHDRAWN),
        State.IN_PROGRESS: (State.INCOMPLETE, *NOTICE_STATES, State.WITHDRAWN),
        State.EXTENDED: (*NOTICE_STATES, State.WITHDRAWN),
        State.GRANTED: (State.DELIVERED, State.DONE),
        State.PARTLY_GRANTED: (State.DELIVERED, State.DONE),
        State.REFUSED: (State.DONE,),
        State.NOT_HELD: (State.DONE,),
        State.NOT_DOCUMENTED: (State.DONE,),
        State.DELIVERED: (State.DONE,),
        State.DONE: (),
        State.WITHDRAWN: (),
    }
    # Extending is its own action (service.extend): from these states, once.
    EXTENDABLE_STATES = (State.REGISTERED, State.INCOMPLETE, State.IN_PROGRESS)

    number = models.CharField(_("registration number"), max_length=20, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)

    requester_type = models.CharField(_("requester type"), max_length=20, choices=RequesterType.choices)
    name = models.CharField(_("name"), max_length=150)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    legal_entity_sk = models.CharField(_("SK number of the legal entity"), max_length=100, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    address = models.TextField(_("address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    on_behalf = models.BooleanField(_("acting for someone else"), default=False)
    proxy_letter = models.FileField(_("proxy letter"), storage=private_storage, upload_to="ppid/", blank=True)
    proxy_letter_type = models.CharField(max_length=60, blank=True, editable=False)

    information = models.TextField(_("information requested"))
    purpose = models.TextField(_("purpose"))
    obtain = models.CharField(_("how to obtain it"), max_length=20, choices=Obtain.choices)
    delivery = models.CharField(_("how to receive it"), max_length=20, choices=Delivery.choices)

    secret_hash = models.CharField(max_length=64, editable=False)
    submission_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.REGISTERED)
    unit = models.CharField(
        _("unit"), max_length=150, blank=True, help_text=_("The unit that holds or prepares the information.")
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    first_due = models.DateField(_("due (10 working days)"))
    due_date = models.DateField(_("due"))
    extended_at = models.DateTimeField(_("extended"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    notice_at = models.DateTimeField(_("written notice sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    # What the written notice says (service.change_state fills these with the state that sends it).
    outcome_text = models.TextField(_("what is given and how"), blank=True)
    fee = models.CharField(_("fee"), max_length=200, blank=True)
    refusal_grounds = models.JSONField(_("Pasal 17 grounds"), default=list, blank=True)
    refusal_reason = models.TextField(_("consequence test and reasons"), blank=True)
    referral = models.CharField(_("body that holds the information"), max_length=200, blank=True)

    # The register of requests (ppid/public_reports.py) shows a request only once staff have written this: the
    # requester's own words may name them or others (UU 14/2008 Pasal 17 huruf h; UU 27/2022 PDP), so nothing
    # typed by the public is published as typed.
    public_summary = models.CharField(
        _("public summary"),
        max_length=300,
        blank=True,
        help_text=_(
            "The information asked for, as the public register of requests shows it: no names, NIK, addresses or "
            "other personal details. Leave empty to keep the request off the register."
        ),
    )

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        permissions = [
            ("handle_request", "Can handle PPID requests"),
            ("decide_objection", "Can decide PPID objections"),
        ]
        indexes = [models.Index(fields=["state", "due_date"])]

    def __str__(self):
        return self.number

    @property
    def received_on(self):
        return timezone.localdate(self.received_at)

    @property
    def is_open(self):
        return self.state in self.OPEN_STATES

    @property
    def is_extended(self):
        return self.extended_at is not None

    @property
    def can_extend(self):
        return self.state in self.EXTENDABLE_STATES and not self.is_extended

    def allowed_transitions(self):
        return self.TRANSITIONS[self.State(self.state)]

    def set_due_dates(self, days_off=None):
        """10 working days from the (WIB) day of receipt, and 7 more when extended (the day itself never counts)."""
        from home import workdays

        start = self.received_on
        if days_off is None:
            days_off = workdays.calendar_for_deadline(start, ANSWER_DAYS + EXTENSION_DAYS)
        self.first_due = workdays.add_working_days(start, ANSWER_DAYS, days_off)
        self.due_date = (
            workdays.add_working_days(self.first_due, EXTENSION_DAYS, days_off) if self.is_extended else self.first_due
        )

    def lateness(self, today=None):
        """'' on time; 'late' past the 10 days with no notice; 'very_late' past the extended date too."""
        today = today or timezone.localdate()
        if not self.is_open or self.due_date >= today:
            return ""
        return "very_late" if self.is_extended else "late"

    def lateness_label(self, today=None):
        return {"late": _("Late"), "very_late": _("Very late")}.get(self.lateness(today), "")

    def days_off_before_due(self):
        from home.workdays import days_off_between

        return days_off_between(self.received_on, self.due_date)

    def objection_window_ends(self):
        """30 working days from the notice, or from the lapsed due date when no notice came (Ps. 36(1))."""
        from home.workdays import due_date

        start = timezone.localdate(self.notice_at) if self.notice_at else self.due_date
        return due_date(start, OBJECTION_FILING_DAYS)

    def refusal_ground_labels(self):
        labels = dict(PASAL_17)
        return [labels[letter] for letter in self.refusal_grounds if letter in labels]

    def public_history(self):
        return [event for event in self.events.all() if event.public]


class PPIDObjection(models.Model):
    """A keberatan to the Atasan PPID about one request (UU 14/2008 Ps. 35–36)."""

    NUMBER_PREFIX = "KBR"

    class State(models.TextChoices):
        REGISTERED = "teregistrasi", pgettext_lazy("PPID case state", "Registered")
        IN_PROGRESS = "diproses", _("Being considered by the Atasan PPID")
        GRANTED = "dikabulkan", _("Granted")
        PARTLY_GRANTED = "dikabulkan_sebagian", _("Partly granted")
        REFUSED = "ditolak", _("Refused (the PPID's answer stands)")
        SETTLED = "selesai", _("Settled by agreement (mediation)")

    OPEN_STATES = (State.REGISTERED, State.IN_PROGRESS)
    DECISIONS = (State.GRANTED, State.PARTLY_GRANTED, State.REFUSED, State.SETTLED)

    number = models.CharField(_("objection number"), max_length=20, unique=True, editable=False)
    request = models.ForeignKey(PPIDRequest, on_delete=models.CASCADE, related_name="objections")
    grounds = models.JSONField(_("Pasal 35 grounds"), default=list)
    case = models.TextField(_("statement of the case"))
    filed_late = models.BooleanField(_("filed after 30 working days"), default=False)
    submission_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REGISTERED)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    response_due = models.DateField(_("answer due"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)
    decided_by_name = models.CharField(_("decided by"), max_length=150, blank=True)

    class Meta:
        ordering = ["response_due", "id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self):
        return self.number

    @property
    def is_open(self):
        return self.state in self.OPEN_STATES

    def set_due_date(self, days_off=None):
        from home import workdays

        start = timezone.localdate(self.received_at)
        if days_off is None:
            days_off = workdays.calendar_for_deadline(start, OBJECTION_ANSWER_DAYS)
        self.response_due = workdays.add_working_days(start, OBJECTION_ANSWER_DAYS, days_off)

    def is_late(self, today=None):
        return self.is_open and self.response_due < (today or timezone.localdate())

    def ground_labels(self):
        labels = dict(PASAL_35)
        return [labels[letter] for letter in self.grounds if letter in labels]

    def ki_window(self, today=None):
        """(start, end) of the 14 working days to go to the Komisi Informasi, or None while not yet open."""
        from home.workdays import due_date

        if self.decided_at:
            start = timezone.localdate(self.decided_at)
        elif self.is_late(today):
            start = self.response_due
        else:
            return None
        return start, due_date(start, KI_DAYS)


class PPIDEvent(models.Model):
    """One line of a request's history. `public` lines reach the tracking page; notes and file views never do."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Received")
        STATE = "state", _("State changed")
        EXTENDED = "extended", _("Deadline extended")
        NOTE = "note", _("Internal note")
        UNIT = "unit", _("Assigned to a unit")
        OBJECTION = "objection", _("Objection filed")
        DECISION = "decision", _("Objection decided")
        FILE = "file", _("File opened")

    request = models.ForeignKey(PPIDRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    public = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.request_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    def state_label(self):
        labels = {**dict(PPIDObjection.State.choices), **dict(PPIDRequest.State.choices)}
        return labels.get(self.to_state, self.get_kind_display())


@receiver([post_save, post_delete], sender=Holiday)
def recount_ppid_deadlines(sender, instance, **kwargs):
    """A day off added or removed moves the stored due dates of open requests and objections that span it."""
    from home.workdays import calendar

    window_start = instance.date - datetime.timedelta(days=120)
    days_off = calendar(window_start, instance.date + datetime.timedelta(days=240))
    requests = PPIDRequest.objects.filter(state__in=PPIDRequest.OPEN_STATES, received_at__date__gte=window_start)
    for item in requests:
        before = (item.first_due, item.due_date)
        item.set_due_dates(days_off)
        if (item.first_due, item.due_date) != before:
            item.save(update_fields=["first_due", "due_date"])
    objections = PPIDObjection.objects.filter(state__in=PPIDObjection.OPEN_STATES, received_at__date__gte=window_start)
    for objection in objections:
        before = objection.response_due
        objection.set_due_date(days_off)
        if objection.response_due != before:
            objection.save(update_fields=["response_due"])


# -- the public page ------------------------------------------------------------------------------------------------
#     /permohonan-informasi/                  the request form (GET) and its submission (POST → redirect)
#     /permohonan-informasi/terkirim/         the receipt: number, due date and, once, the secret
#     /permohonan-informasi/lacak/            number + secret (POST → redirect)
#     /permohonan-informasi/lacak/<number>/   the state, for whoever proved it above in this session
#     /permohonan-informasi/tautan/<token>/   the one-click link of the receipt mail (→ the state)
#     /permohonan-informasi/keberatan/        the objection form (number + secret)
#     /permohonan-informasi/keberatan/terkirim/   the objection's receipt

RECEIPT_SESSION_KEY = "ppid_receipt"
OBJECTION_RECEIPT_SESSION_KEY = "ppid_objection_receipt"
TRACKING_SESSION_KEY = "ppid_numbers"
# Per client address generous (an office or campus shares one address); per e-mail address strict.
SUBMIT_LIMITS = (("ppid-ip-minute", 40, 60), ("ppid-ip-hour", 300, 3600))
EMAIL_LIMIT = ("ppid-email", 5, 3600)
LOOKUP_LIMITS = (("ppid-lookup-ip", 60, 600),)
LOOKUP_FAILURES_PER_NUMBER = ("ppid-lookup-number", 10, 3600)


class PPIDRequestPage(RoutablePageMixin, BasePage):
    intro = RichTextField(
        _("introduction"),
        features=RICHTEXT_FEATURES,
        blank=True,
        help_text=_("Who may ask, what happens next and how long it takes, in two or three sentences."),
    )

    summary_field = "intro"
    max_count = 1
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("PPID request page")

    def route_url(self, suffix=""):
        return (self.url or "/").rstrip("/") + "/" + suffix

    def full_route_url(self, suffix=""):
        from home.siteurl import absolute

        return absolute(self.route_url(suffix))

    @path("")
    def form_view(self, request):
        from ppid import views

        return views.request_form(request, self)

    @path("terkirim/")
    def receipt_view(self, request):
        from ppid import views

        return views.receipt(request, self)

    @path("lacak/")
    def lookup_view(self, request):
        from ppid import views

        return views.lookup(request, self)

    @path("lacak/<str:number>/")
    def tracking_view(self, request, number):
        from ppid import views

        return views.tracking(request, self, number)

    @path("tautan/<str:token>/")
    def link_view(self, request, token):
        from ppid import views

        return views.tracking_link(request, self, token)

    @path("keberatan/")
    def objection_view(self, request):
        from ppid import views

        return views.objection_form(request, self)

    @path("keberatan/terkirim/")
    def objection_receipt_view(self, request):
        from ppid import views

        return views.objection_receipt(request, self)

    def get_context(self, request, *args, **kwargs):
        from home.personal_data import retention_days

        context = super().get_context(request, *args, **kwargs)
        # The form says how long the identity is kept (home/personal_data.py, purge_personal_data) and links the
        # privacy notice: UU 27/2022 (PDP) Ps. 16(2) and 31 ask that the data subject be told.
        context["identity_kept_days"] = retention_days("ppid")
        return context

    def render_route(self, request, template, context, status=200, private=False):
        context = {**self.get_context(request), **context}
        response = TemplateResponse(request, template, context, status=status)
        if private:
            add_never_cache_headers(response)
        return response

    def redirect_to(self, suffix=""):
        return redirect(self.route_url(suffix))


# --- Daftar Informasi Publik (published catalogue) ---
#
# The PPID section (PPIDPage) and what it publishes: the Daftar Informasi Publik (InformationItem, UU 14/2008
# Pasal 9–11) and the Daftar Informasi yang Dikecualikan (ExemptInformation, Pasal 17 and the uji konsekuensi of
# PerKI 1/2021). The listings themselves are in ppid/catalogue.py.


class InformationCategory(models.TextChoices):
    """The three kinds of information a public body must provide (UU 14/2008 Pasal 9, 10 and 11)."""

    BERKALA = "berkala", _("Periodic (berkala)")
    SERTA_MERTA = "serta_merta", _("Immediate (serta merta)")
    SETIAP_SAAT = "setiap_saat", _("On request (setiap saat)")


# The subcategories of each category, as the PPID registers of Indonesian public bodies list them. They are the
# law's own Indonesian names (Pasal 9(2), 10 and 11(1) UU 14/2008 and the DIP standard of PerKI 1/2021), so they are
# written once, in Indonesian, and not translated. Keys never change: stored items and filter URLs name them.
SUBCATEGORIES = {
    InformationCategory.BERKALA: [
        ("berkala_profil", "a. Profil badan publik"),
        ("berkala_program", "b. Ringkasan program dan kegiatan yang sedang dijalankan"),
        ("berkala_kinerja", "c. Ringkasan kinerja"),
        ("berkala_keuangan", "d. Ringkasan laporan keuangan"),
        ("berkala_laporan_akses", "e. Ringkasan laporan akses informasi publik"),
        ("berkala_peraturan", "f. Peraturan, keputusan, dan kebijakan yang mengikat atau berdampak bagi publik"),
        ("berkala_prosedur", "g. Hak dan tata cara memperoleh informasi publik"),
        ("berkala_pengaduan", "h. Tata cara pengaduan penyalahgunaan wewenang atau pelanggaran"),
        ("berkala_pengadaan", "i. Pengumuman pengadaan barang dan jasa"),
        ("berkala_ketenagakerjaan", "j. Informasi ketenagakerjaan"),
        ("berkala_darurat", "k. Prosedur peringatan dini dan evakuasi keadaan darurat"),
    ],
    InformationCategory.SERTA_MERTA: [
        ("serta_merta_bencana", "Bencana alam, nonalam, atau sosial"),
        ("serta_merta_penyakit", "Jenis, persebaran, dan daerah sumber penyakit yang berpotensi menular"),
        ("serta_merta_racun", "Racun pada bahan makanan yang dikonsumsi masyarakat"),
        ("serta_merta_utilitas", "Rencana gangguan terhadap utilitas publik"),
        ("serta_merta_lainnya", "Informasi serta merta lainnya"),
    ],
    InformationCategory.SETIAP_SAAT: [
        ("setiap_saat_dip", "a. Daftar seluruh informasi publik"),
        ("setiap_saat_keputusan", "b. Keputusan badan publik dan pertimbangannya"),
        ("setiap_saat_kebijakan", "c. Kebijakan dan dokumen pendukungnya"),
        ("setiap_saat_rencana", "d. Rencana kerja proyek dan perkiraan pengeluaran tahunan"),
        ("setiap_saat_perjanjian", "e. Perjanjian dengan pihak ketiga"),
        ("setiap_saat_pertemuan", "f. Informasi dan kebijakan yang disampaikan pejabat dalam pertemuan terbuka"),
        ("setiap_saat_prosedur_kerja", "g. Prosedur kerja pegawai yang berkaitan dengan pelayanan masyarakat"),
        ("setiap_saat_laporan", "h. Laporan mengenai pelayanan akses informasi publik"),
        ("setiap_saat_lainnya", "Informasi setiap saat lainnya"),
    ],
}
SUBCATEGORY_CHOICES = [(category.label, choices) for category, choices in SUBCATEGORIES.items()]
SUBCATEGORY_CATEGORY = {key: category for category, choices in SUBCATEGORIES.items() for key, _label in choices}

# Berkala information is published "paling singkat 6 (enam) bulan sekali" (UU 14/2008 Pasal 9(4)): an item not
# updated for longer than this is flagged to the editors.
BERKALA_REVIEW_MONTHS = 6


def months_before(day, months):
    """The same day `months` calendar months earlier; the month's last day when it has no such day (31 Aug -> 28/29
    Feb)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def berkala_stale_before(today=None):
    """Berkala items whose information was last updated before this date are overdue for an update."""
    return months_before(today or timezone.localdate(), BERKALA_REVIEW_MONTHS)


class InformationItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def stale_berkala(self, today=None):
        return self.filter(category=InformationCategory.BERKALA, last_updated__lt=berkala_stale_before(today))


class InformationItem(index.Indexed, models.Model):
    """One entry of the Daftar Informasi Publik with the columns PerKI 1/2021 asks for."""

    class Form(models.TextChoices):
        SOFTCOPY = "softcopy", _("Softcopy")
        HARDCOPY = "hardcopy", _("Hardcopy")
        BOTH = "both", _("Softcopy and hardcopy")

    title = models.CharField(
        _("title"), max_length=255, help_text=_("The name of the information, e.g. 'Rencana Strategis 2025–2029'.")
    )
    summary = models.TextField(
        _("summary of contents"),
        max_length=1000,
        help_text=_("Ringkasan isi: what the information contains, in one to three sentences."),
    )
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=InformationCategory.choices,
        help_text=_(
            "Berkala: published at least every six months (Pasal 9). Serta merta: announced at once because it "
            "threatens lives or public order (Pasal 10). Setiap saat: available at any time (Pasal 11)."
        ),
    )
    subcategory = models.CharField(
        _("subcategory"),
        max_length=40,
        choices=SUBCATEGORY_CHOICES,
        help_text=_("Choose one from the group of the category chosen above."),
    )
    holding_unit = models.CharField(
        _("official or unit holding it"),
        max_length=255,
        help_text=_("Pejabat/unit yang menguasai informasi, e.g. 'Sekretariat – Subbagian Program dan Keuangan'."),
    )
    responsible_person = models.CharField(
        _("person responsible"),
        max_length=255,
        help_text=_("Penanggung jawab pembuatan atau penerbitan informasi: a position, e.g. 'Kepala Bidang Politik'."),
    )
    made_when_where = models.CharField(
        _("time and place made"),
        max_length=255,
        help_text=_("Waktu dan tempat pembuatan, e.g. 'Palangka Raya, Januari 2026'."),
    )
    form = models.CharField(
        _("form available"), max_length=10, choices=Form.choices, default=Form.BOTH, help_text=_("Bentuk informasi.")
    )
    retention_period = models.CharField(
        _("retention period"),
        max_length=255,
        help_text=_("Jangka waktu penyimpanan, as the agency's Jadwal Retensi Arsip sets it, e.g. '5 tahun'."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
        help_text=_("The year the information is about or was made, e.g. 2026."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The file itself (PDF, Word or Excel). Its author, user and folder details are removed when the item "
            "is saved. Give a document or an external link."
        ),
    )
    external_url = models.URLField(
        _("external link"),
        blank=True,
        help_text=_("Or the address where the information is published, e.g. on the JDIH. Full https:// address."),
    )
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Untick to keep the item off the public list while you prepare it.")
    )
    last_updated = models.DateField(
        _("information last updated"),
        default=timezone.localdate,
        help_text=_(
            "The date the information itself was last updated (not a typo fix). Berkala items older than six "
            "months are flagged for review."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)

    objects = InformationItemQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("subcategory")]),
        FieldRowPanel([FieldPanel("year"), FieldPanel("last_updated")]),
        MultiFieldPanel(
            [
                FieldPanel("holding_unit"),
                FieldPanel("responsible_person"),
                FieldPanel("made_when_where"),
                FieldPanel("form"),
                FieldPanel("retention_period"),
            ],
            _("Register columns"),
        ),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("external_url")], _("Where to read it")),
        FieldPanel("published"),
    ]

    search_fields = [index.SearchField("title"), index.SearchField("summary"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["category", "subcategory", "-year", "title"]
        verbose_name = _("public information item")
        verbose_name_plural = _("public information list")
        indexes = [models.Index(fields=["published", "category", "year"], name="ppid_item_filter_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.subcategory and self.category and SUBCATEGORY_CATEGORY.get(self.subcategory) != self.category:
            errors["subcategory"] = _(
                "This subcategory belongs to another category. Choose one listed under '%(category)s'."
            ) % {"category": self.get_category_display()}
        if not self.document_id and not self.external_url:
            errors["document"] = _("Choose a document or give an external link, so readers can get the information.")
        if errors:
            raise ValidationError(errors)

    @property
    def url(self):
        """Where a reader gets the information: the document, else the external link."""
        if self.document_id:
            return self.document.url
        return self.external_url

    def is_stale(self, today=None):
        return self.category == InformationCategory.BERKALA and self.last_updated < berkala_stale_before(today)

    is_stale.boolean = True


class ExemptInformation(models.Model):
    """One entry of the Daftar Informasi yang Dikecualikan: information the PPID closed after a consequence test
    (uji konsekuensi, UU 14/2008 Pasal 17 and 19, PerKI 1/2021)."""

    class Ground(models.TextChoices):
        # Pasal 17 UU 14/2008, letters a–j; shortened, as the article's headings read.
        A = "a", "a. Menghambat proses penegakan hukum"
        B = "b", "b. Mengganggu perlindungan HKI dan persaingan usaha tidak sehat"
        C = "c", "c. Membahayakan pertahanan dan keamanan negara"
        D = "d", "d. Mengungkapkan kekayaan alam Indonesia"
        E = "e", "e. Merugikan ketahanan ekonomi nasional"
        F = "f", "f. Merugikan kepentingan hubungan luar negeri"
        G = "g", "g. Mengungkapkan isi akta otentik atau wasiat seseorang"
        H = "h", "h. Mengungkap rahasia pribadi"
        I = "i", "i. Memorandum atau surat antar/intra badan publik yang dirahasiakan"  # noqa: E741
        J = "j", "j. Tidak boleh diungkapkan berdasarkan undang-undang"

    information = models.CharField(
        _("information"),
        max_length=255,
        help_text=_("The information that is closed, described clearly without revealing it."),
    )
    ground = models.CharField(
        _("Pasal 17 ground"),
        max_length=1,
        choices=Ground.choices,
        help_text=_("The letter of Pasal 17 UU 14/2008 the exemption rests on."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        help_text=_("The law it rests on, e.g. 'UU 14/2008 Pasal 17 huruf h; UU 27/2022 tentang PDP'."),
    )
    consequence = models.TextField(
        _("consequence if opened"), help_text=_("Konsekuensi: the harm that opening the information would cause.")
    )
    exemption_period = models.CharField(
        _("exemption period"),
        max_length=255,
        help_text=_("How long it stays closed, e.g. '5 tahun sejak ditetapkan'. Exemptions are not permanent."),
    )
    consequence_test = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("consequence test document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The signed lembar uji konsekuensi (PDF). Author details are removed when the entry is saved."),
    )
    decree_number = models.CharField(
        _("decree number"), max_length=120, help_text=_("The number of the decree (SK) that sets the exemption.")
    )
    decree_date = models.DateField(_("decree date"))
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Untick to keep the entry off the public list.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)

    panels = [
        FieldPanel("information"),
        FieldRowPanel([FieldPanel("ground"), FieldPanel("legal_basis")]),
        FieldPanel("consequence"),
        FieldPanel("exemption_period"),
        FieldPanel("consequence_test"),
        FieldRowPanel([FieldPanel("decree_number"), FieldPanel("decree_date")]),
        FieldPanel("published"),
    ]

    class Meta:
        ordering = ["ground", "information"]
        verbose_name = _("exempt information item")
        verbose_name_plural = _("exempt information list")

    def __str__(self):
        return self.information


class PPIDPage(RoutablePageMixin, BasePage):
    """The PPID section: its own page (profile, service standards) and, under it, the published lists."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown under the title and in search results."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("What PPID is and how to ask for information. Put the profile, SOPs and fees on subpages."),
    )

    summary_field = "intro"
    search_result_type = _("Public information")
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("PPID page")

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("daftar-informasi/", name="dip")
    def dip_route(self, request):
        from ppid.catalogue import dip_listing

        return dip_listing(self, request)

    @path("daftar-informasi/unduh/<str:fmt>/", name="dip-download")
    def dip_download_route(self, request, fmt):
        from ppid.catalogue import dip_download

        return dip_download(self, request, fmt)

    @path("informasi-dikecualikan/", name="dik")
    def dik_route(self, request):
        from ppid.catalogue import dik_listing

        return dik_listing(self, request)

    @path("statistik/", name="statistics")
    def statistics_route(self, request):
        from ppid.public_reports import statistics_page

        return statistics_page(self, request)

    @path("statistik/unduh/<str:key>/", name="statistics-download")
    def statistics_download_route(self, request, key):
        from ppid.public_reports import statistics_csv

        return statistics_csv(self, request, key)

    @path("daftar-permohonan/", name="register")
    def register_route(self, request):
        from ppid.public_reports import register_listing

        return register_listing(self, request)

    def statistics_url(self):
        return self.url + self.reverse_subpage("statistics")

    def register_url(self):
        return self.url + self.reverse_subpage("register")

    def dip_url(self):
        return self.url + self.reverse_subpage("dip")

    def dik_url(self):
        return self.url + self.reverse_subpage("dik")

    def get_sitemap_urls(self, request=None):
        # The two lists are pages of their own for readers and search engines (UU 14/2008 asks for them to be
        # easy to find), served by this page's routes.
        urls = super().get_sitemap_urls(request)
        if urls:
            base = urls[0]["location"]
            urls += [
                {"location": base + self.reverse_subpage(name), "lastmod": urls[0].get("lastmod")}
                for name in ("dip", "dik", "statistics", "register")
            ]
        return urls

    def get_context(self, request, *args, **kwargs):
        from ppid.catalogue import request_page_url

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific().order_by("path")
        # Read only by the templates that show the link (not the register or the statistics), at most once.
        context["request_url"] = SimpleLazyObject(request_page_url)
        return context
