"""Snippets of the news app: the categories of news and the site-wide announcement banner."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class NewsCategory(index.Indexed, models.Model):
    """Berita, Pengumuman, Siaran Pers, ... Editors may add more; the slug is the public filter value."""

    name = models.CharField(_("name"), max_length=60, unique=True, help_text=_("e.g. 'Pengumuman'."))
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        allow_unicode=False,
        help_text=_("Used in addresses such as /berita/?kategori=pengumuman and the category's feed."),
    )
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("One sentence shown on the filtered news list and in the category's feed."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in the category list.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name


class AnnouncementQuerySet(models.QuerySet):
    def current(self, now=None):
        """Announcements whose window contains `now`: started, and not yet ended."""
        now = now or timezone.now()
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now), starts_at__lte=now)

    def current_or_starting_by(self, now, horizon):
        """The current announcements and those that start before `horizon`, newest start first (one query)."""
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now), starts_at__lte=horizon).order_by("-starts_at")


class Announcement(models.Model):
    """A short line above every page ("Pendaftaran FGD dibuka"), shown only between its start and end."""

    MAX_SHOWN = 3

    text = models.CharField(
        _("text"),
        max_length=200,
        help_text=_("One short sentence, e.g. 'Pendaftaran FGD Pilkada Damai dibuka sampai 20 Juni'."),
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link to a page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A page on this site the banner leads to; better than an external address."),
    )
    link_anchor = models.SlugField(
        _("section of that page"),
        max_length=60,
        blank=True,
        help_text=_(
            "Optional: the id of the part of the page to open at, e.g. 'pendaftaran' for an event's registration form."
        ),
    )
    link_url = models.URLField(
        _("or an external address"),
        blank=True,
        help_text=_("Only for a page on another website (https://…). Leave empty when you picked a page."),
    )
    link_text = models.CharField(
        _("link text"),
        max_length=60,
        blank=True,
        help_text=_("What the link leads to, e.g. 'Baca pengumuman'. Defaults to 'Selengkapnya'."),
    )
    starts_at = models.DateTimeField(
        _("show from"), default=timezone.now, help_text=_("Date and time (WIB) the banner appears.")
    )
    ends_at = models.DateTimeField(
        _("show until"),
        null=True,
        blank=True,
        help_text=_("Date and time (WIB) the banner disappears. Leave empty to keep it until you remove it."),
    )

    objects = AnnouncementQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        MultiFieldPanel(
            [FieldPanel("link_page"), FieldPanel("link_anchor"), FieldPanel("link_url"), FieldPanel("link_text")],
            _("Link"),
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], _("Schedule")),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("announcement banner")
        verbose_name_plural = _("announcement banners")
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="news_announcement_window")]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        errors = {}
        if self.link_page_id and self.link_url:
            errors["link_url"] = _("Choose either a page on this site or an external address, not both.")
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must come after the start.")
        if errors:
            raise ValidationError(errors)

    def is_current(self, now=None):
        now = now or timezone.now()
        return self.starts_at <= now and (self.ends_at is None or self.ends_at > now)

    def get_link_url(self, request=None):
        if self.link_page_id:
            if not self.link_page.live:
                return ""
            url = self.link_page.get_url(request)
            return f"{url}#{self.link_anchor}" if self.link_anchor else url
        return self.link_url
