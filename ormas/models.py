"""The public register of ormas (organisasi kemasyarakatan) kept by Kesbangpol Kalteng.

What is stored follows UU 17/2013 (Ormas) and Permendagri 57/2017: the legal form (a perkumpulan or yayasan with
legal personality, ratified by an AHU decree; or an ormas registered by an SKT, valid five years), the numbers that
let anyone verify it at the issuer, scope, field of activity, place, board term and the latest annual report.

What is never stored, whatever a spreadsheet holds: NIK, KK numbers, e-KTP scans, dates of birth, officers' home
addresses and personal phones (UU 23/2006 Ps. 84, UU 27/2022). Officers' names are personal data (UU 27/2022 Ps. 4):
kept, but published only with the ormas's recorded consent (`officers_consent`). A secretariat address is published
only when it is an office (`address_is_office`); otherwise the public sees the kecamatan only, because many
secretariats are a board member's home.

The status (aktif, perlu perpanjangan, kedaluwarsa, dibekukan, dicabut) is never typed: `OrmasQuerySet.with_status`
computes it in SQL from the dates and the sanction, so filters and counts use the same rule as the badge.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.models import BasePage

# An SKT due to expire within this many days is shown as "perlu perpanjangan" (renewal due).
RENEWAL_WINDOW_DAYS = 90
# Route words of OrmasIndexPage that an ormas slug must not take.
RESERVED_SLUGS = {"unduh", "templat", "status"}
# 16 digits in a row (spaces and dots allowed between groups): what a NIK or KK number looks like.
NIK_LIKE = re.compile(r"(?<!\d)(?:\d[\s.]?){15}\d(?!\d)")


class Regency(models.Model):
    """A kabupaten or kota of Kalimantan Tengah (ormas/regions.py; seeded by a data migration)."""

    code = models.CharField(_("Kemendagri code"), max_length=5, unique=True, help_text=_("e.g. 62.71"))
    bps_code = models.CharField(_("BPS code"), max_length=4, unique=True, help_text=_("e.g. 6271"))
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["code"]
        verbose_name = _("regency or city")
        verbose_name_plural = _("regencies and cities")

    def __str__(self):
        return self.name


class LegalForm(models.TextChoices):
    ASSOCIATION = "perkumpulan_bh", _("Incorporated association")
    FOUNDATION = "yayasan_bh", _("Incorporated foundation")
    SKT = "skt", _("Registered by SKT")
    REPORTED = "terdaftar", _("Reported to Kesbangpol")


INCORPORATED = (LegalForm.ASSOCIATION, LegalForm.FOUNDATION)


class Scope(models.TextChoices):
    NATIONAL = "nasional", _("National")
    PROVINCE = "provinsi", _("Province")
    REGENCY = "kabupaten_kota", _("Regency or city")
    DISTRICT = "kecamatan", _("District")


class Activity(models.TextChoices):
    """Bidang kegiatan: a short controlled list, so filters and counts group alike."""

    RELIGION = "keagamaan", _("Religion")
    YOUTH = "kepemudaan", _("Youth")
    SOCIAL = "sosial", _("Social welfare")
    CUSTOM = "adat_budaya", _("Custom and culture")
    EDUCATION = "pendidikan", _("Education")
    HEALTH = "kesehatan", _("Health")
    ENVIRONMENT = "lingkungan", _("Environment")
    ECONOMY = "ekonomi", _("Economy and empowerment")
    WOMEN = "perempuan_anak", _("Women and children")
    PROFESSION = "profesi", _("Profession")
    NATIONHOOD = "kebangsaan", _("Nationhood")
    LAW = "hukum_ham", _("Law and human rights")


class Status(models.TextChoices):
    ACTIVE = "aktif", _("Active")
    RENEWAL_DUE = "perlu_perpanjangan", _("Renewal due")
    EXPIRED = "kedaluwarsa", _("Expired")
    SUSPENDED = "dibekukan", _("Suspended")
    REVOKED = "dicabut", _("Revoked")


class Sanction(models.TextChoices):
    NONE = "", _("None")
    SUSPENDED = Status.SUSPENDED.value, Status.SUSPENDED.label
    REVOKED = Status.REVOKED.value, Status.REVOKED.label


def status_for(*, legal_form, valid_until, sanction, today):
    """The status rule in Python (the detail of `OrmasQuerySet.with_status`, which is the one used for lists)."""
    if sanction:
        return sanction
    if legal_form == LegalForm.SKT and valid_until is not None:
        if valid_until < today:
            return Status.EXPIRED.value
        if valid_until <= today + dt.timedelta(days=RENEWAL_WINDOW_DAYS):
            return Status.RENEWAL_DUE.value
    return Status.ACTIVE.value


def status_expression(today, through=""):
    """`status_for` in SQL, so filters and counts use the same rule. `through` is the path from the model queried to
    the ormas: "" from an ormas, "ormas__" from a regency (ormas/statistics.py counts from the regencies' side)."""

    def on(**lookups):
        return Q(**{through + name: value for name, value in lookups.items()})

    skt = on(legal_form=LegalForm.SKT)
    return Case(
        When(~on(sanction=""), then=F(through + "sanction")),
        When(skt & on(skt_valid_until__lt=today), then=Value(Status.EXPIRED.value)),
        When(
            skt & on(skt_valid_until__lte=today + dt.timedelta(days=RENEWAL_WINDOW_DAYS)),
            then=Value(Status.RENEWAL_DUE.value),
        ),
        default=Value(Status.ACTIVE.value),
        output_field=models.CharField(),
    )


class OrmasQuerySet(models.QuerySet):
    def with_status(self, today=None):
        """Annotate `status` (see `status_for` and `status_expression`)."""
        return self.annotate(status=status_expression(today or timezone.localdate()))

    def expiring_within(self, days=RENEWAL_WINDOW_DAYS, today=None):
        """SKTs still valid that expire within `days` (without a sanction)."""
        today = today or timezone.localdate()
        return self.filter(
            legal_form=LegalForm.SKT,
            sanction="",
            skt_valid_until__gte=today,
            skt_valid_until__lte=today + dt.timedelta(days=days),
        )


class Ormas(models.Model):
    name = models.CharField(_("name"), max_length=255, help_text=_("As written in the statutes (AD)."))
    abbreviation = models.CharField(_("abbreviation"), max_length=60, blank=True)
    slug = models.SlugField(
        _("address"), max_length=100, unique=True, blank=True, help_text=_("Filled from the name when left empty.")
    )
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)

    ahu_number = models.CharField(
        _("AHU decree number"),
        max_length=80,
        blank=True,
        help_text=_("For incorporated associations and foundations, e.g. AHU-0001234.AH.01.07.TAHUN 2021."),
    )
    ahu_date = models.DateField(_("AHU decree date"), null=True, blank=True)
    skt_number = models.CharField(_("SKT number"), max_length=80, blank=True)
    skt_date = models.DateField(_("SKT date"), null=True, blank=True)
    skt_issuer = models.CharField(
        _("SKT issuer"),
        max_length=120,
        blank=True,
        help_text=_("e.g. Kementerian Dalam Negeri (since 2017), or the Kesbangpol that issued an older SKT."),
    )
    skt_valid_until = models.DateField(_("SKT valid until"), null=True, blank=True)
    register_number = models.CharField(
        _("Kesbangpol register number"),
        max_length=60,
        blank=True,
        help_text=_("The number in Kesbangpol Kalteng's register (buku induk)."),
    )

    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    activity = models.CharField(_("field of activity"), max_length=20, choices=Activity.choices)
    regency = models.ForeignKey(
        Regency, verbose_name=_("regency or city"), on_delete=models.PROTECT, related_name="ormas"
    )
    district = models.CharField(_("district (kecamatan)"), max_length=80, blank=True)

    contact_email = models.EmailField(
        _("organisation e-mail"), blank=True, help_text=_("Only an address the ormas gave for publication.")
    )
    contact_phone = models.CharField(
        _("organisation phone"),
        max_length=30,
        blank=True,
        help_text=_("Only the office's number given for publication; never an officer's personal phone."),
    )
    website = models.URLField(_("website"), blank=True)

    board_term_start = models.DateField(_("board term from"), null=True, blank=True)
    board_term_end = models.DateField(_("board term until"), null=True, blank=True)
    latest_report_date = models.DateField(_("date of the latest annual report"), null=True, blank=True)

    chair_name = models.CharField(_("chair"), max_length=120, blank=True)
    secretary_name = models.CharField(_("secretary"), max_length=120, blank=True)
    treasurer_name = models.CharField(_("treasurer"), max_length=120, blank=True)
    officers_consent = models.BooleanField(
        _("officers agreed to publish their names"),
        default=False,
        help_text=_("Tick only with the ormas's written consent on file. Without it the names stay internal."),
    )
    address = models.CharField(_("secretariat address"), max_length=255, blank=True)
    address_is_office = models.BooleanField(
        _("the address is an office"),
        default=False,
        help_text=_("Published only when ticked; otherwise the public sees the district only (it may be a home)."),
    )

    sanction = models.CharField(_("sanction"), max_length=20, choices=Sanction.choices, blank=True, default="")
    sanction_decree_number = models.CharField(_("sanction decree number"), max_length=120, blank=True)
    sanction_date = models.DateField(_("sanction decree date"), null=True, blank=True)

    is_example = models.BooleanField(
        _("example data"), default=False, help_text=_("Demo rows; shown with an 'example data' label.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrmasQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("ormas")
        verbose_name_plural = _("ormas")
        permissions = [("import_ormas", _("Can import the ormas register from a spreadsheet"))]
        constraints = [
            models.UniqueConstraint(
                fields=["register_number"], condition=~Q(register_number=""), name="ormas_unique_register_number"
            ),
            models.UniqueConstraint(fields=["ahu_number"], condition=~Q(ahu_number=""), name="ormas_unique_ahu"),
            models.UniqueConstraint(fields=["skt_number"], condition=~Q(skt_number=""), name="ormas_unique_skt"),
        ]
        indexes = [models.Index(fields=["legal_form", "skt_valid_until"], name="ormas_validity")]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    # -- validation ------------------------------------------------------------------------------------------------
    def clean(self):
        errors = {}
        if self.legal_form in INCORPORATED and not self.ahu_number:
            errors["ahu_number"] = _("An incorporated association or foundation needs its AHU decree number.")
        if self.legal_form == LegalForm.SKT:
            if not self.skt_number:
                errors["skt_number"] = _("An ormas registered by SKT needs the SKT number.")
            if not self.skt_valid_until:
                errors["skt_valid_until"] = _("Enter the date the SKT is valid until (five years from issue).")
        if not (self.register_number or self.ahu_number or self.skt_number):
            errors.setdefault(
                "register_number", _("Enter the Kesbangpol register number, the AHU decree number or the SKT number.")
            )
        if self.sanction and not self.sanction_decree_number:
            errors["sanction_decree_number"] = _(
                "A suspension or revocation is recorded only with the number of its decree."
            )
        if self.board_term_start and self.board_term_end and self.board_term_end < self.board_term_start:
            errors["board_term_end"] = _("The board term cannot end before it starts.")
        for name in (*PUBLIC_TEXT_FIELDS, *OFFICER_FIELDS, "address"):
            if NIK_LIKE.search(getattr(self, name) or ""):
                errors[name] = _("Looks like a NIK or KK number (16 digits): such numbers are never stored here.")
        if errors:
            raise ValidationError(errors)

    def _free_slug(self):
        base = slugify(self.abbreviation and f"{self.name} {self.abbreviation}" or self.name)[:90] or "ormas"
        if base in RESERVED_SLUGS or base.isdigit():
            base = f"ormas-{base}"
        taken = set(Ormas.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    # -- what the public sees --------------------------------------------------------------------------------------
    def compute_status(self, today=None):
        return status_for(
            legal_form=self.legal_form,
            valid_until=self.skt_valid_until,
            sanction=self.sanction,
            today=today or timezone.localdate(),
        )

    @property
    def current_status(self):
        """The annotated status when the row came from `with_status()`, else the same rule in Python."""
        return self.__dict__.get("status") or self.compute_status()

    def get_current_status_display(self):
        return Status(self.current_status).label

    @property
    def is_incorporated(self):
        return self.legal_form in INCORPORATED

    def public_officers(self):
        if not self.officers_consent:
            return []
        roles = ((_("Chair"), self.chair_name), (_("Secretary"), self.secretary_name))
        return [(role, name) for role, name in (*roles, (_("Treasurer"), self.treasurer_name)) if name]

    def public_address(self):
        return self.address if self.address_is_office else ""

    def public_record(self):
        """Every public field, as the CSV and JSON downloads give it (plain values, dates as ISO strings)."""

        def iso(value):
            return value.isoformat() if value else ""

        officers = dict.fromkeys(OFFICER_FIELDS, "")
        if self.officers_consent:
            officers = {name: getattr(self, name) for name in OFFICER_FIELDS}
        return {
            "nama": self.name,
            "singkatan": self.abbreviation,
            "bentuk": str(self.get_legal_form_display()),
            "nomor_sk_ahu": self.ahu_number,
            "tanggal_sk_ahu": iso(self.ahu_date),
            "nomor_skt": self.skt_number,
            "tanggal_skt": iso(self.skt_date),
            "penerbit_skt": self.skt_issuer,
            "skt_berlaku_sampai": iso(self.skt_valid_until),
            "nomor_register_kesbangpol": self.register_number,
            "status": str(Status(self.current_status).label),
            "lingkup": str(self.get_scope_display()),
            "bidang_kegiatan": str(self.get_activity_display()),
            "kode_wilayah_kemendagri": self.regency.code,
            "kode_wilayah_bps": self.regency.bps_code,
            "kabupaten_kota": self.regency.name,
            "kecamatan": self.district,
            "alamat_kantor": self.public_address(),
            "email_organisasi": self.contact_email,
            "telepon_organisasi": self.contact_phone,
            "situs_web": self.website,
            "masa_bakti_mulai": iso(self.board_term_start),
            "masa_bakti_selesai": iso(self.board_term_end),
            "laporan_tahunan_terakhir": iso(self.latest_report_date),
            "ketua": officers["chair_name"],
            "sekretaris": officers["secretary_name"],
            "bendahara": officers["treasurer_name"],
            "nomor_sk_sanksi": self.sanction_decree_number,
            "data_contoh": self.is_example,
        }


# The columns of the CSV and JSON downloads, in order (keys of `Ormas.public_record`).
PUBLIC_COLUMNS = (
    "nama",
    "singkatan",
    "bentuk",
    "nomor_sk_ahu",
    "tanggal_sk_ahu",
    "nomor_skt",
    "tanggal_skt",
    "penerbit_skt",
    "skt_berlaku_sampai",
    "nomor_register_kesbangpol",
    "status",
    "lingkup",
    "bidang_kegiatan",
    "kode_wilayah_kemendagri",
    "kode_wilayah_bps",
    "kabupaten_kota",
    "kecamatan",
    "alamat_kantor",
    "email_organisasi",
    "telepon_organisasi",
    "situs_web",
    "masa_bakti_mulai",
    "masa_bakti_selesai",
    "laporan_tahunan_terakhir",
    "ketua",
    "sekretaris",
    "bendahara",
    "nomor_sk_sanksi",
    "data_contoh",
)
PUBLIC_TEXT_FIELDS = ("name", "abbreviation", "district", "contact_phone", "skt_issuer")
OFFICER_FIELDS = ("chair_name", "secretary_name", "treasurer_name")


class OrmasIndexPage(RoutablePageMixin, BasePage):
    """Data Ormas: the public register (list, summary, downloads) and a page per ormas, all served by routes."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What the register holds and what it does not, in one or two sentences."),
    )
    source_note = models.CharField(
        _("source"),
        max_length=255,
        default="Register ormas Badan Kesbangpol Provinsi Kalimantan Tengah; data SKT dari Kementerian Dalam Negeri.",
        help_text=_("Shown with the 'data as of' date and in the downloads."),
    )
    guidance_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("registration guidance page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The guide on registering an ormas (SIOLA), linked from the note on ormas missing from the list."),
    )

    summary_field = "intro"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # Joined into the routing query (home/routing.py): the note on unlisted ormas links it on every route.
    route_select_related = ("guidance_page",)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("source_note"),
        FieldPanel("guidance_page"),
    ]

    class Meta:
        verbose_name = _("ormas register page")

    @path("")
    def list_view(self, request):
        from ormas import views

        return views.register_list(request, self)

    @path("unduh/csv/")
    def csv_view(self, request):
        from ormas import views

        return views.download(request, self, "csv")

    @path("unduh/json/")
    def json_view(self, request):
        from ormas import views

        return views.download(request, self, "json")

    @path("<str:key>/")
    def detail_view(self, request, key):
        from ormas import views

        return views.detail(request, self, key)

    def render_route(self, request, template, context):
        return TemplateResponse(request, template, {**self.get_context(request), **context})

    def get_sitemap_urls(self, request=None):
        # Each ormas has a page of its own, served by `detail_view` (https://docs.wagtail.org/en/stable/reference/
        # contrib/sitemaps.html#urls): one query for all of them, with the row's last change as lastmod.
        urls = super().get_sitemap_urls(request)
        if urls:
            base = urls[0]["location"]
            rows = Ormas.objects.order_by("name", "pk").values_list("slug", "updated_at")
            urls += [{"location": f"{base}{slug}/", "lastmod": updated} for slug, updated in rows]
        return urls
