"""PPID: the public-information service under UU 14/2008 (Keterbukaan Informasi Publik) and PerKI 1/2021."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage

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
                for name in ("dip", "dik")
            ]
        return urls

    def get_context(self, request, *args, **kwargs):
        from ppid.catalogue import request_page_url

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific().order_by("path")
        context["request_url"] = request_page_url()
        return context
