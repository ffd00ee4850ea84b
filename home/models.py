"""Site-wide pieces: the base page, the home page, standard pages and the settings editors edit."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from . import cache as page_cache
from .blocks import BaseStreamBlock, QuickLinkBlock
from .phone import INVALID_WHATSAPP, display_phone, validate_whatsapp_number, whatsapp_digits


class BasePage(Page):
    """Every page of the site derives from this: shared meta helpers, nothing stored."""

    # Subclasses name the field that best summarises the page; it fills the meta description when the editor
    # left the promote tab's search description empty.
    summary_field = None
    # False keeps this page type out of the shared page cache (home/cache.py), e.g. a page showing personal data.
    # A page that renders a form never gets cached anyway: its CSRF cookie makes the response one visitor's own.
    public_cache = True
    # How the site search (home/views.py `search`) lists a page of this type: its kind in the reader's words, and
    # whether the type comes before the other results (the guides, which most searches here are after). The foreign
    # keys that `search_result_type` or `search_result_date()` read are joined into the query for a page of results.
    search_result_type = _("Page")
    search_first = False
    search_result_related = ()

    def search_result_date(self):
        """The date a search result shows (a news article's, an event's), or None."""
        return None

    class Meta:
        abstract = True

    @cached_classmethod
    def get_edit_handler(cls):
        """Wagtail's edit handler for this page type, with the content checks first (home/content_checks.py)."""
        from wagtail.admin.panels.page_utils import _get_page_edit_handler

        from .content_checks import with_content_checks

        handler = _get_page_edit_handler.fn(cls)  # Wagtail's own, bound; cloned unbound below
        return with_content_checks(handler.clone()).bind_to_model(cls)

    def get_view_restrictions(self):
        # Wagtail reads the ancestors and their restrictions on every view; most pages are in no private section,
        # which the request's list of sections answers without a query of its own (home/visibility.py).
        from .visibility import may_be_restricted, no_view_restrictions

        return super().get_view_restrictions() if may_be_restricted(self) else no_view_restrictions()

    def get_meta_description(self):
        if self.search_description:
            return self.search_description
        summary = getattr(self, self.summary_field, "") if self.summary_field else ""
        return str(summary)[:300]

    def get_meta_image(self):
        """The image for OpenGraph/Twitter cards; pages with a hero image override this."""
        return None


class SiteSettingsForm(WagtailAdminModelForm):
    """Editors type the WhatsApp number as they know it (0812…, +62 812…); it is kept as wa.me wants it (62…)."""

    def clean_whatsapp_number(self):
        value = self.cleaned_data["whatsapp_number"].strip()
        if not value:
            return ""
        try:
            return whatsapp_digits(value)
        except ValueError:
            raise ValidationError(INVALID_WHATSAPP, code="invalid_whatsapp") from None


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """What the header and footer say about the agency; editors change it without a developer."""

    agency_name = models.CharField(
        _("agency name"),
        max_length=200,
        default="Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Tengah",
        help_text=_("The full official name, shown in the header and footer."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        default="Kesbangpol Kalteng",
        help_text=_("Used in page titles and small screens, e.g. 'Kesbangpol Kalteng'."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A square logo at least 128 px wide. Without one, the built-in emblem is shown."),
    )
    address = models.TextField(
        _("office address"),
        blank=True,
        help_text=_("Street, city and postcode, one part per line."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("e.g. (0536) 3221234"))
    whatsapp_number = models.CharField(
        _("WhatsApp number"),
        max_length=20,
        blank=True,
        validators=[validate_whatsapp_number],
        help_text=_(
            "The office's WhatsApp number, e.g. 0812 3456 7890. Shown in the footer as a link that opens a chat."
        ),
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("The public address that someone answers."))
    office_hours = models.TextField(
        _("office hours"), blank=True, help_text=_("e.g. 'Senin–Kamis 07.30–16.00 WIB' one line per group of days.")
    )
    facebook_url = models.URLField(
        _("Facebook"),
        blank=True,
        help_text=_("Full address of the agency's official account (https://…). Leave empty to hide it in the footer."),
    )
    instagram_url = models.URLField(
        _("Instagram"),
        blank=True,
        help_text=_("Full address of the agency's official account (https://…). Leave empty to hide it in the footer."),
    )
    x_url = models.URLField(
        _("X (Twitter)"),
        blank=True,
        help_text=_("Full address of the agency's official account (https://…). Leave empty to hide it in the footer."),
    )
    youtube_url = models.URLField(
        _("YouTube"),
        blank=True,
        help_text=_("Full address of the agency's official account (https://…). Leave empty to hide it in the footer."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A wide photo (at least 1200 × 630 px) shown when a page without its own image is shared on WhatsApp "
            "or social media, and given to search engines."
        ),
    )
    siola_url = models.URLField(
        _("SIOLA address"),
        default="https://siola.kemendagri.go.id/",
        help_text=_("The ministry's online service where ormas register. Linked from the footer and guidance."),
    )
    # Attendance certificates (events/certificates.py) are the agency's, so one signatory for every event: the
    # head of the agency, changed here once when the office changes hands.
    certificate_signatory_name = models.CharField(
        _("certificate signatory"),
        max_length=150,
        blank=True,
        help_text=_("The name printed under the signature on attendance certificates, with title(s)."),
    )
    certificate_signatory_position = models.CharField(
        _("signatory's position"),
        max_length=200,
        default="Kepala Badan Kesbangpol Provinsi Kalimantan Tengah",
        help_text=_("Printed above the signature, e.g. 'Kepala Badan Kesbangpol Provinsi Kalimantan Tengah'."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("agency_name"), FieldPanel("short_name"), FieldPanel("logo"), FieldPanel("share_image")],
            _("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("whatsapp_number"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
            ],
            _("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("x_url"), FieldPanel("youtube_url")],
            _("Social media"),
        ),
        FieldPanel("siola_url"),
        MultiFieldPanel(
            [FieldPanel("certificate_signatory_name"), FieldPanel("certificate_signatory_position")],
            _("Attendance certificates"),
        ),
    ]

    base_form_class = SiteSettingsForm

    class Meta:
        verbose_name = _("site settings")

    # Every page shows the logo and the share image (og:image): read with the settings row, not by a query each
    # (Wagtail settings docs, "Utilising select_related to improve efficiency").
    select_related = ["logo", "share_image"]

    @classmethod
    def load(cls, request_or_site=None):
        # Every page shows these (header, footer, metadata): read once per request (home/cache.py `site_data`).
        return page_cache.site_data("site-settings", lambda: super(SiteSettings, cls).load(request_or_site))

    def whatsapp_url(self):
        """The click-to-chat link (https://wa.me/62…): a plain link, no script (WhatsApp Help Center, click to chat)."""
        return f"https://wa.me/{self.whatsapp_number}" if self.whatsapp_number else ""

    def whatsapp_display(self):
        """'6281234567890' -> '0812-3456-7890', as people here write it."""
        return display_phone(f"+{self.whatsapp_number}") if self.whatsapp_number else ""

    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]


class HomePage(BasePage):
    hero_title = models.CharField(
        _("hero title"),
        max_length=120,
        help_text=_("One line that says what the agency does for the reader."),
    )
    hero_text = RichTextField(
        _("hero text"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Two or three sentences at most."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide photo (at least 1600 × 900 px). It is cropped to fit small screens."),
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the photo; leave empty if it is purely decorative."),
    )
    quick_links = StreamField(
        [("link", QuickLinkBlock())],
        verbose_name=_("quick links"),
        blank=True,
        help_text=_("The three to six services people ask for most, e.g. 'Daftar ormas lewat SIOLA'."),
    )

    summary_field = "hero_text"
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    # Each section index the apps add is listed here, so editors find only sensible choices.
    subpage_types = [
        "home.StandardPage",
        "home.PrivacyNoticePage",
        "events.EventIndexPage",
        "feedback.FeedbackPage",
        "consultations.ConsultationIndexPage",
        "news.NewsIndexPage",
        "news.GuidanceIndexPage",
        "ppid.PPIDPage",
    ]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            _("Hero"),
        ),
        FieldPanel("quick_links"),
    ]

    search_fields = BasePage.search_fields + [index.SearchField("hero_text")]

    class Meta:
        verbose_name = _("home page")

    def get_meta_image(self):
        return self.hero_image

    def route(self, request, path_components):
        # The site root routes every public URL: one query for the whole path (home/routing.py).
        from .routing import route_by_url_path

        return route_by_url_path(self, request, path_components, super().route)

    def get_sections(self, request):
        """The self-filling sections (latest news, upcoming events, ...) that apps register.

        Each `home_page_sections` hook returns a `home.sections.HomeSection` or None; sections without items
        are hidden.
        """
        sections = [fn(request, self) for fn in hooks.get_hooks("home_page_sections")]
        return sorted((s for s in sections if s and s.items), key=lambda s: s.order)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the kept home fragment has to be rendered (home/templates/home/home_page.html).
        context["sections"] = SimpleLazyObject(lambda: self.get_sections(request))
        return context


class StandardPage(BasePage):
    """Profil, Visi dan Misi, Tugas dan Fungsi, Kontak: any page made of the shared blocks."""

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
        help_text=_("The page's content. Short paragraphs, one idea per heading; every image needs alternative text."),
    )

    summary_field = "intro"
    parent_page_types = ["home.HomePage", "home.StandardPage", "ppid.PPIDPage"]
    subpage_types = ["home.StandardPage", "home.PrivacyNoticePage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class PrivacyNoticePage(BasePage):
    """Pemberitahuan Privasi: what UU 27/2022 (Pelindungan Data Pribadi) asks us to tell people.

    Every form that takes personal data links here, and stores the `version` the person agreed to.
    """

    version = models.CharField(
        _("version"),
        max_length=20,
        help_text=_("Change it (e.g. '2026-11') whenever the meaning changes; consents record the version given."),
    )
    effective_date = models.DateField(
        _("in force since"),
        help_text=_("The date this version applies from. Change it, and the version, with every new text."),
    )
    intro = models.TextField(
        _("introduction"), blank=True, max_length=500, help_text=_("One or two sentences in plain words.")
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The full notice in plain language: what data we collect, why, how long we keep it, and how to ask for it."
        ),
    )

    summary_field = "intro"
    max_count = 1
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("version"),
        FieldPanel("effective_date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("privacy notice")


class CodeCounter(models.Model):
    """The one gapless counter behind every human-readable code: registrations (FGD-2611-0042), feedback
    (ADU-2026-00001), consultation responses (KON-2026-00001). One row per key, e.g. 'FGD-2611' or 'ADU-2026'."""

    key = models.CharField(max_length=30, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.key}: {self.last}"

    @classmethod
    def next_number(cls, key):
        """The next number for `key`; call inside the transaction that stores the item, so a rollback returns it.

        The conditional UPDATE takes the row lock, so a concurrent transaction waits for ours to commit and then
        reads the incremented value (PostgreSQL); SQLite serialises writers with its IMMEDIATE transactions.
        """
        cls.objects.get_or_create(key=key)
        cls.objects.filter(key=key).update(last=models.F("last") + 1)
        return cls.objects.values_list("last", flat=True).get(key=key)

    @classmethod
    def next_code(cls, prefix, year):
        """'ADU-2026-00001', 'ADU-2026-00002', …: one series per prefix and year, without gaps or twins."""
        return f"{prefix}-{year}-{cls.next_number(f'{prefix}-{year}'):05d}"


class OutboxMessage(models.Model):
    """A mail waiting to be sent, stored in the same transaction as the submission it belongs to.

    Nothing is sent from the request: `home.outbox` queues the row, a background task (or the periodic
    `send_outbox` command) claims it, sends it, and retries with backoff when the SMTP server fails.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    key = models.CharField(
        _("key"), max_length=200, unique=True, help_text=_("Identifies the mail, e.g. 'registration-42-confirmed'.")
    )
    to = models.JSONField(_("recipients"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.key} ({self.get_status_display()})"


class DataSubjectRequest(models.Model):
    """No table: it only carries the permission to export and erase a person's data (home/data_requests.py).

    Nothing may query it; the audit lines of those actions are in Wagtail's history (ModelLogEntry).
    """

    subject = models.CharField(max_length=64, primary_key=True)

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("handle_data_requests", "Can export and erase a person's personal data")]
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")

    def __str__(self):
        return f"Subjek data {self.subject}"


class Holiday(models.Model):
    """A change to the national calendar of the `holidays` package (home/workdays.py) made by the year's decrees.

    One row per date, and its kind says what the date becomes: a national holiday or cuti bersama the package
    lacks (a day added by an SKB 3 Menteri), or a working day although the package lists it (a holiday moved or
    cancelled by decree; moving one is two rows: the old date a working day, the new date a holiday). One table
    with one kind field does both and cannot hold two contradicting rows for a date (the date is unique).
    """

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National holiday")
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
        WORKING_DAY = "working_day", _("Working day (a listed holiday moved or cancelled)")

    date = models.DateField(_("date"), unique=True, help_text=_("The date the decree changes; weekends need no entry."))
    name = models.CharField(
        _("name"), max_length=120, help_text=_("As in the official decree, e.g. 'Hari Raya Idul Fitri 1447 H'.")
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.NATIONAL,
        help_text=_(
            "National holiday or cuti bersama: the day is added as a day off. Working day: a day the national "
            "calendar lists as a holiday is worked after all (moved by decree)."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The decree, e.g. 'SKB 3 Menteri No. 1497 Tahun 2025, No. 2 Tahun 2025, No. 5 Tahun 2025'."),
    )

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name"), FieldPanel("source")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.name}"
