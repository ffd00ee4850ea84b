"""Forums and FGDs: the agenda, event pages, registrations, seats and the waitlist.

Seat counting lives in `SeatPool` rows, not on the page: a page's fields are copied into every revision, and
publishing an older revision would write an old seat count back. The rules that change seats (register, cancel,
promote) are in `events/seats.py`; this module only describes the data.
"""

import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from builtforms.models import SubmissionMixin
from home import cache as page_cache
from home.api_fields import ZonedMomentField
from home.blocks import RICHTEXT_FEATURES, BaseStreamBlock, DocumentLinkBlock, ImageBlock
from home.models import BasePage
from home.privacy import ConsentRecord

# Indonesia's three zones; the label is always printed next to a time.
EVENT_TIMEZONES = [
    ("Asia/Jakarta", "WIB"),
    ("Asia/Makassar", "WITA"),
    ("Asia/Jayapura", "WIT"),
]
ZONE_LABELS = dict(EVENT_TIMEZONES)
# The agenda's month filter, as its menu writes it: "2024-05".
MONTH_PARAM = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})")


class EventKind(models.Model):
    """FGD, Forum, Sosialisasi, Rapat Koordinasi, ...: editors keep the list (Snippets › Event kinds)."""

    name = models.CharField(_("name"), max_length=80, unique=True, help_text=_("e.g. 'Focus Group Discussion'"))
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in the agenda filter URL."))
    code = models.CharField(
        _("code"),
        max_length=6,
        validators=[RegexValidator(r"^[A-Z]{2,6}$", _("Use 2 to 6 capital letters, e.g. FGD."))],
        help_text=_("Starts every registration code, e.g. FGD gives FGD-2611-0042."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order in the filter"), default=0, help_text=_("Lower numbers come first.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("event kind")
        verbose_name_plural = _("event kinds")

    def __str__(self):
        return self.name


class ParticipantCategory(models.Model):
    """Who takes part: BEM/SENAT/DEMA, OKP, ormas, tokoh masyarakat, ... (Snippets › Participant categories)."""

    name = models.CharField(
        _("name"),
        max_length=80,
        unique=True,
        help_text=_("As participants describe themselves, e.g. 'Mahasiswa', 'Ormas', 'ASN'."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("participant category")
        verbose_name_plural = _("participant categories")

    def __str__(self):
        return self.name


class Speaker(index.Indexed, models.Model):
    name = models.CharField(
        _("name"),
        max_length=150,
        help_text=_("Full name with the titles the speaker uses, e.g. 'Dr. H. Ahmad Yani, M.Si.'."),
    )
    position = models.CharField(_("position"), max_length=200, blank=True, help_text=_("e.g. 'Kepala Badan'"))
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("The speaker's institution, e.g. 'Polda Kalimantan Tengah'."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A portrait; it is shown small and cropped to a square."),
    )

    panels = [FieldPanel("name"), FieldPanel("position"), FieldPanel("organisation"), FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("organisation")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class AgendaItemBlock(blocks.StructBlock):
    start = blocks.TimeBlock(label=_("From"), format="%H:%M")
    end = blocks.TimeBlock(label=_("Until"), required=False, format="%H:%M")
    activity = blocks.CharBlock(label=_("Activity"), max_length=200)
    person = blocks.CharBlock(label=_("Led by"), required=False, max_length=200)

    class Meta:
        icon = "time"
        label = _("Agenda item")


class EventIndexPage(RoutablePageMixin, BasePage):
    """Agenda Kegiatan: upcoming events soonest first, then past events; filters by kind and month; a feed."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences: which events are listed here and who may attend."),
    )

    summary_field = "intro"
    search_result_type = _("Event")
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    PAST_PER_PAGE = 10

    class Meta:
        verbose_name = _("event index")

    def events(self):
        return EventPage.objects.child_of(self).live().public().select_related("kind", "image")

    def filter_choices(self):
        """The kinds and the months (newest first) of the published events, for the filter menus: one query for both,
        a row per distinct (kind, month)."""
        rows = (
            self.events()
            .order_by()
            .values_list("kind__pk", "kind__name", "kind__slug", "kind__sort_order", TruncMonth("start_date"))
            .distinct()
        )
        kinds, months = {}, set()
        for pk, name, slug, sort_order, month in rows:
            kinds[pk] = EventKind(pk=pk, name=name, slug=slug, sort_order=sort_order)
            months.add(month)
        return sorted(kinds.values(), key=lambda k: (k.sort_order, k.name)), sorted(months, reverse=True)

    def filtered_events(self, request):
        """The events, the kinds and months to filter by, and the chosen filter values (whitelisted)."""
        events = self.events()
        kinds, months = self.filter_choices()
        kind = request.GET.get("jenis", "")
        if kind and kind in {k.slug for k in kinds}:
            events = events.filter(kind__slug=kind)
        else:
            kind = ""
        # Only the "YYYY-MM" the month menu sends; anything else is ignored (int() alone would take " 2024", "٢٠٢٤"
        # or a year so large that date() overflows into a 500).
        month = request.GET.get("bulan", "")
        match = MONTH_PARAM.fullmatch(month)
        if match and 1 <= int(match["month"]) <= 12:
            events = events.filter(start_date__year=int(match["year"]), start_date__month=int(match["month"]))
        else:
            month = ""
        return events, kinds, months, kind, month

    @path("")
    def listing(self, request):
        from django.core.paginator import Paginator

        events, kinds, months, kind, month = self.filtered_events(request)
        now = timezone.now()
        upcoming = list(events.filter(ends_at__gte=now).order_by("starts_at", "pk"))
        page_obj = Paginator(events.filter(ends_at__lt=now).order_by("-starts_at", "-pk"), self.PAST_PER_PAGE).get_page(
            request.GET.get("page")
        )
        page_obj.object_list = list(page_obj.object_list)
        # The seats of both lists in one query.
        models.prefetch_related_objects(upcoming + page_obj.object_list, "seat_pools")
        for event in upcoming:  # a card's status (open, closed, held) changes with the clock
            page_cache.valid_until(request, event.next_change(now))
        return self.render(
            request,
            context_overrides={
                "upcoming": upcoming,
                "page_obj": page_obj,
                "kinds": kinds,
                "months": months,
                "chosen_kind": kind,
                "chosen_month": month,
            },
        )

    def feed_url(self):
        from django.urls import reverse

        return reverse("event_calendar_feed")


# The registration form's own route below an event page (events/views.py `registration_page`): never cached.
REGISTRATION_ROUTE = "daftar/"


class EventPage(RoutablePageMixin, BasePage):
    class AttendanceMode(models.TextChoices):
        OFFLINE = "offline", _("In person")
        ONLINE = "online", _("Online")
        MIXED = "mixed", _("Hybrid (in person and online)")

    # Joined into the routing query (home/routing.py): every event page shows its kind and photo.
    route_select_related = ("kind", "image")

    kind = models.ForeignKey(
        EventKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The type of event (FGD, seminar, sosialisasi, …); it is shown on the page and used in the filter."
        ),
    )
    theme = models.CharField(
        _("theme"), max_length=300, help_text=_("The theme as it appears on the invitation and the banner.")
    )
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences for listings and search results.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide photo or banner; used for listings and sharing."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("description"),
        blank=True,
        help_text=_("What the event is about, who should come and what they will take away. Short paragraphs."),
    )

    # Times are entered as the clock shows them at the venue, in the event's zone.
    timezone = models.CharField(
        _("time zone"),
        max_length=32,
        choices=EVENT_TIMEZONES,
        default="Asia/Jakarta",
        help_text=_("WIB for events in Kalimantan Tengah; change it only for an event held in another time zone."),
    )
    start_date = models.DateField(_("date"), help_text=_("The day the event takes place."))
    start_time = models.TimeField(_("starts at"), help_text=_("When the event begins, e.g. 09.00."))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Only for events over several days."))
    end_time = models.TimeField(_("ends at"), help_text=_("When it ends; an estimate is fine, e.g. 12.00."))
    # Derived from the four fields above on save; used for ordering, filtering and status.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, db_index=True)

    attendance_mode = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.OFFLINE,
        help_text=_("Whether participants come to the venue, join online, or either."),
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True, help_text=_("e.g. 'Aula Kesbangpol'"))
    venue_address = models.CharField(
        _("venue address"),
        max_length=300,
        blank=True,
        help_text=_("Street and city, so participants find it, e.g. 'Jl. Tjilik Riwut Km 1, Palangka Raya'."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Optional, in decimal degrees, e.g. -2.2136 (south is negative)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Optional, in decimal degrees, e.g. 113.9108."),
    )
    online_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Zoom/Meet link. Never shown on the page: only confirmed participants get it by e-mail."),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=200,
        default="Badan Kesbangpol Provinsi Kalimantan Tengah",
        help_text=_("Who runs the event: the agency, or the partner if it is theirs."),
    )
    target_participants = models.TextField(
        _("target participants"), blank=True, help_text=_("Who is invited, e.g. 'Perwakilan BEM, OKP, dan ormas'.")
    )
    agenda = StreamField(
        [("item", AgendaItemBlock())],
        verbose_name=_("agenda"),
        blank=True,
        help_text=_("The programme: one item per session, with its time and speaker."),
    )
    documents = StreamField(
        [("document", DocumentLinkBlock())],
        verbose_name=_("documents"),
        blank=True,
        help_text=_("Terms of reference (TOR), materials, presentations."),
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Tick if the event will not take place; the page then says so clearly."),
    )
    cancellation_note = models.TextField(
        _("why it was cancelled"),
        blank=True,
        help_text=_("One or two sentences for participants: why, and whether a new date will follow."),
    )

    # Registration
    registration_enabled = models.BooleanField(
        _("registration on this site"),
        default=False,
        help_text=_("Tick to take registrations with a form on this page."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("In WIB. Empty: open as soon as published.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("In WIB. Empty: open until the event starts.")
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("The total number of seats for this event.")
    )
    waitlist_enabled = models.BooleanField(
        _("waitlist when full"),
        default=True,
        help_text=_("When all seats (or a category's seats) are taken, new registrations join a waitlist."),
    )
    max_per_organisation = models.PositiveSmallIntegerField(
        _("delegates per organisation"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_form = models.ForeignKey(
        "builtforms.BuiltForm",
        verbose_name=_("extra questions"),
        null=True,
        blank=True,
        # Deleting a form deletes its answers (forms_builder cascades entries); not while an event uses it.
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A form from Snippets › Registration forms with the questions asked on top of the core ones."),
    )
    next_steps = models.TextField(
        _("what happens next"),
        blank=True,
        help_text=_("Shown on the confirmation page and in the e-mail, e.g. what to bring and when to arrive."),
    )
    notify_editors = models.BooleanField(
        _("notify the events team of each registration"),
        default=True,
        help_text=_("At most one e-mail per hour: the new registrations counted and an admin link, no personal data."),
    )
    email_confirmation = models.BooleanField(
        _("Confirm by e-mail"),
        default=True,
        help_text=_(
            "On: a seat is only held until the person clicks the link mailed to them; holds not confirmed in time "
            "are released to the waitlist. Off: a registration is confirmed at once (for walk-in sign-ups)."
        ),
    )

    # Report, after the event
    report_summary = RichTextField(
        _("report"),
        features=RICHTEXT_FEATURES,
        blank=True,
        help_text=_("After the event: what was discussed and agreed, in a few paragraphs for the public."),
    )
    report_photos = StreamField(
        [("image", ImageBlock())],
        verbose_name=_("report photos"),
        blank=True,
        help_text=_("After the event: a few photos, each with alternative text saying what it shows."),
    )

    summary_field = "summary"
    search_result_type = _("Event")
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("theme"), FieldPanel("summary"), FieldPanel("image")], _("About")
        ),
        MultiFieldPanel(
            [
                FieldPanel("timezone"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("cancelled"),
                FieldPanel("cancellation_note"),
            ],
            _("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            _("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser"), InlinePanel("speakers", label=_("Speaker")), FieldPanel("target_participants")],
            _("Who"),
        ),
        FieldPanel("body"),
        FieldPanel("agenda"),
        FieldPanel("documents"),
    ]
    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_per_organisation")]),
                FieldPanel("waitlist_enabled"),
                FieldPanel("email_confirmation"),
                InlinePanel(
                    "categories",
                    label=_("Participant category"),
                    help_text=_("The categories people choose from, each with an optional quota of seats."),
                ),
                FieldPanel("registration_form"),
                FieldPanel("next_steps"),
                FieldPanel("notify_editors"),
            ],
            _("Registration"),
        ),
    ]
    report_panels = [
        FieldPanel("report_summary"),
        FieldPanel("report_photos"),
        InlinePanel(
            "attendance_counts",
            label=_("Attendance by category"),
            help_text=_("Numbers only. Without rows here, the page counts the check-ins."),
        ),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(report_panels, heading=_("Report")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    # The public API (site_cms/api.py, docs/api.md) publishes these and nothing else of an event: times with the
    # offset of the event's zone, the place, and the registration state as the page shows it. Never the online
    # meeting link (for confirmed participants only) and nothing of a registration.
    api_fields = [
        APIField("kind", serializer=serializers.CharField(source="kind.name", read_only=True)),
        APIField("theme"),
        APIField("summary"),
        APIField("starts_at", serializer=ZonedMomentField("starts_at")),
        APIField("ends_at", serializer=ZonedMomentField("ends_at")),
        APIField("timezone"),
        APIField("attendance_mode"),
        APIField("venue_name"),
        APIField("venue_address"),
        APIField("latitude", serializer=serializers.FloatField(read_only=True)),
        APIField("longitude", serializer=serializers.FloatField(read_only=True)),
        APIField("organiser"),
        APIField("cancelled"),
        APIField("status", serializer=serializers.CharField(read_only=True)),
        APIField("registration_open", serializer=serializers.BooleanField(source="accepts_registrations")),
        APIField("seats_left", serializer=serializers.IntegerField(source="remaining_seats", read_only=True)),
        APIField("body"),
    ]
    api_select_related = ("kind",)
    api_prefetch_related = ("seat_pools",)

    search_fields = BasePage.search_fields + [
        index.SearchField("theme"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.FilterField("starts_at"),
    ]

    class Meta:
        verbose_name = _("event")

    # Times ----------------------------------------------------------------------------------------------------
    @property
    def zone(self):
        return ZoneInfo(self.timezone)

    @property
    def zone_label(self):
        return ZONE_LABELS.get(self.timezone, self.timezone)

    def compute_times(self):
        if self.start_date and self.start_time and self.end_time:
            self.starts_at = dt.datetime.combine(self.start_date, self.start_time, tzinfo=self.zone)
            self.ends_at = dt.datetime.combine(self.end_date or self.start_date, self.end_time, tzinfo=self.zone)

    def local(self, moment):
        return timezone.localtime(moment, self.zone) if moment else None

    def search_result_date(self):
        return self.start_date  # the first day, in the event's own time zone

    def when_display(self):
        """'Kamis, 16 Mei 2024, 09.00–12.00 WIB' (or two dates for events over several days)."""
        start, end = self.local(self.starts_at), self.local(self.ends_at)
        day = formats.date_format(start, "l, j F Y")
        if start.date() == end.date():
            return f"{day}, {start:%H.%M}–{end:%H.%M} {self.zone_label}"
        end_day = formats.date_format(end, "l, j F Y")
        return f"{day}, {start:%H.%M} – {end_day}, {end:%H.%M} {self.zone_label}"

    def moment_display(self, moment):
        """A single moment (e.g. when registration closes) in the event's zone, with the zone."""
        local = self.local(moment)
        return f"{formats.date_format(local, 'l, j F Y')}, {local:%H.%M} {self.zone_label}" if local else ""

    def clean(self):
        super().clean()
        errors = {}
        self.compute_times()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["end_time"] = _("The event must end after it starts.")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.registration_enabled and not self.capacity:
            errors["capacity"] = _("Give the number of seats, or switch registration on this site off.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.compute_times()
        super().save(*args, **kwargs)
        # A full save is the live page (publish) or a new page: bring the seat pools in line with it.
        if kwargs.get("update_fields") is None:
            from events.seats import sync_seat_pools

            sync_seat_pools(self)

    # Seats and status -------------------------------------------------------------------------------------------
    @cached_property
    def _pools(self):
        """Seat pools by category id (None = the whole event), from a prefetch when there is one."""
        return {pool.category_id: pool for pool in self.seat_pools.all()}

    @property
    def total_pool(self):
        return self._pools.get(None)

    @property
    def seats_taken(self):
        pool = self.total_pool
        return pool.taken if pool else 0

    @property
    def remaining_seats(self):
        """Exact free seats from the pool row, or None when the event takes no registrations here."""
        pool = self.total_pool
        if not self.registration_enabled or pool is None:
            return None
        return max(pool.capacity - pool.taken, 0)

    @cached_property
    def event_categories(self):
        """The event's categories with their quotas, read once per request."""
        return list(self.categories.select_related("category"))

    def _seats_data_name(self):
        return f"event-seats:{self.pk}"

    def read_seats(self, path):
        """Read the seat pools, the categories and when the first held seat runs out for a view of the page at
        `path`, once per request (`home.cache.path_data`); a purge of the path during the request reads them again.

        For showing seats only: registering and cancelling always count seats in the database under a lock
        (events/seats.py).
        """

        def build():
            pools = [(p.pk, p.category_id, p.capacity, p.taken) for p in self.seat_pools.all()]
            items = [(i.pk, i.sort_order, i.quota, i.category) for i in self.event_categories]
            # When the first held seat runs out: taking or freeing a seat purges this data, so it stays exact. Not
            # read once the event is over or cancelled: nobody can take a seat then (the timer still frees them).
            first_expiry = None
            if (
                self.registration_enabled
                and not self.cancelled
                and not (self.ends_at and timezone.now() >= self.ends_at)
            ):
                first_expiry = Registration.objects.filter(
                    event=self, status=Registration.Status.HELD, hold_expires_at__isnull=False
                ).aggregate(first=models.Min("hold_expires_at"))["first"]
            return pools, items, first_expiry

        pools, items, self.first_hold_expiry = page_cache.path_data(self._seats_data_name(), path, build)
        self._pools = {
            category_id: SeatPool(pk=pk, event_id=self.pk, category_id=category_id, capacity=capacity, taken=taken)
            for pk, category_id, capacity, taken in pools
        }
        self.event_categories = [
            EventCategory(pk=pk, sort_order=sort_order, page_id=self.pk, category=category, quota=quota)
            for pk, sort_order, quota, category in items
        ]

    @cached_property
    def event_speakers(self):
        return list(self.speakers.select_related("speaker", "speaker__photo"))

    def category_seats(self):
        """[(category, quota or None, free seats or None)] for the event's categories, in the editor's order."""
        rows = []
        for item in self.event_categories:
            pool = self._pools.get(item.category_id)
            free = max(pool.capacity - pool.taken, 0) if pool else None
            rows.append((item.category, item.quota, free))
        return rows

    def registration_window(self):
        opens = self.registration_opens_at
        closes = self.registration_closes_at or self.starts_at
        if closes and self.starts_at and closes > self.starts_at:
            closes = self.starts_at
        return opens, closes

    def status(self, now=None):
        """One of `EventStatus`; derived from the times, the seat pool and the cancelled flag."""
        now = now or timezone.now()
        if self.cancelled:
            return EventStatus.CANCELLED
        if self.ends_at and now >= self.ends_at:
            return EventStatus.HELD
        if not self.registration_enabled:
            return EventStatus.UPCOMING
        opens, closes = self.registration_window()
        if opens and now < opens:
            return EventStatus.UPCOMING
        if closes and now >= closes:
            return EventStatus.CLOSED
        if self.remaining_seats == 0:
            return EventStatus.WAITLIST if self.waitlist_enabled else EventStatus.FULL
        return EventStatus.OPEN

    def next_change(self, now=None):
        """The next moment at which the page changes by itself: registration opens or closes, the event starts or
        ends, or (after `read_seats`) the first held seat is freed. None when nothing more is due. The page cache
        keeps the page no longer (home.cache.valid_until)."""
        now = now or timezone.now()
        opens, closes = self.registration_window()
        moments = [opens, closes, self.starts_at, self.ends_at]
        if self.registration_enabled:
            moments.append(getattr(self, "first_hold_expiry", None))
        return min((moment for moment in moments if moment and moment > now), default=None)

    def status_label(self):
        return EventStatus(self.status()).label

    def accepts_registrations(self, now=None):
        return self.status(now) in (EventStatus.OPEN, EventStatus.WAITLIST)

    def registration_code_prefix(self):
        return f"{self.kind.code}-{self.local(self.starts_at):%y%m}"

    @property
    def schedule_sequence(self):
        """The iCalendar SEQUENCE of the event's current time and place (EventSchedule; 0 before any change)."""
        return EventSchedule.objects.filter(event_id=self.pk).values_list("sequence", flat=True).first() or 0

    # Links ------------------------------------------------------------------------------------------------------
    def map_url(self):
        """An OpenStreetMap link (never an embedded frame): the coordinates if given, else a search."""
        from urllib.parse import urlencode

        if self.latitude is not None and self.longitude is not None:
            query = urlencode({"mlat": self.latitude, "mlon": self.longitude})
            return f"https://www.openstreetmap.org/?{query}#map=17/{self.latitude}/{self.longitude}"
        if self.venue_address or self.venue_name:
            place = ", ".join(part for part in (self.venue_name, self.venue_address) if part)
            return "https://www.openstreetmap.org/search?" + urlencode({"query": place})
        return ""

    def attendance_report(self):
        """[(category name, count)]: the editor's numbers, or else the check-ins counted by category."""
        counts = [(row.category.name, row.count) for row in self.attendance_counts.select_related("category")]
        if counts:
            return counts
        rows = (
            self.registrations.filter(attended_at__isnull=False)
            .values("category__name", "category__sort_order")
            .annotate(n=models.Count("pk"))
            .order_by("category__sort_order", "category__name")
        )
        return [(row["category__name"], row["n"]) for row in rows]

    def get_meta_image(self):
        return self.image

    # Views ------------------------------------------------------------------------------------------------------
    @path("")
    def event_view(self, request):
        from events import views

        return views.event_page(request, self)

    @path(REGISTRATION_ROUTE, name="register")
    def registration_view(self, request):
        from events import views

        return views.registration_page(request, self)

    def registration_url(self):
        """The registration form's own route (never cached); the event page links to it."""
        return self.url + REGISTRATION_ROUTE if self.url else ""

    @path("kirim-ulang-tautan/", name="resend_link")
    def resend_link_view(self, request):
        from events import views

        return views.resend_link(request, self)

    def ics_url(self):
        from django.urls import reverse

        return reverse("event_calendar", args=[self.pk])

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        return f"{title} ({formats.date_format(self.start_date, 'j M Y')})" if self.start_date else title


class EventStatus(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("event status", "Upcoming")
    OPEN = "open", pgettext_lazy("event status", "Registration open")
    WAITLIST = "waitlist", pgettext_lazy("event status", "Full, waitlist open")
    FULL = "full", pgettext_lazy("event status", "Full")
    CLOSED = "closed", pgettext_lazy("event status", "Registration closed")
    HELD = "held", pgettext_lazy("event status", "Held")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


class EventSpeaker(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Pick from Events › Speakers; add the speaker there first if they are missing."),
    )
    topic = models.CharField(_("topic or role"), max_length=200, blank=True, help_text=_("e.g. 'Narasumber'"))

    panels = [FieldPanel("speaker"), FieldPanel("topic")]


class EventCategory(Orderable):
    """A participant category people can choose for this event, with its optional quota of seats."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="categories")
    category = models.ForeignKey(
        ParticipantCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A participant category that may register, e.g. 'Mahasiswa'."),
    )
    quota = models.PositiveIntegerField(_("quota"), null=True, blank=True, help_text=_("Empty: no own limit."))

    panels = [FieldPanel("category"), FieldPanel("quota")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "category"], name="events_eventcategory_once")]


class EventAttendanceCount(Orderable):
    """The report's attendance figure for one category: a number, never names."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="attendance_counts")
    category = models.ForeignKey(
        ParticipantCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The participant category counted."),
    )
    count = models.PositiveIntegerField(
        _("people present"), help_text=_("How many people of this category attended, from the attendance sheet.")
    )

    panels = [FieldPanel("category"), FieldPanel("count")]


class SeatPool(models.Model):
    """Seats of an event (category empty) or of one category's quota; `taken` only ever moves by UPDATE.

    Registration claims a seat with a conditional UPDATE (`taken < capacity`), which the database runs
    atomically, so two people can never get the same last seat (see events/seats.py).
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="seat_pools")
    category = models.ForeignKey(ParticipantCategory, null=True, blank=True, on_delete=models.CASCADE)
    capacity = models.PositiveIntegerField()
    taken = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "category"], name="events_seatpool_category_once"),
            models.UniqueConstraint(
                fields=["event"], condition=Q(category__isnull=True), name="events_seatpool_total_once"
            ),
        ]

    def __str__(self):
        return f"{self.event_id}/{self.category_id or '*'}: {self.taken}/{self.capacity}"


class EventSchedule(models.Model):
    """What registrants were last told of an event's time and place, and the iCalendar SEQUENCE of that version.

    Kept outside the page, like SeatPool: a page field is copied into every revision, so the edit form (which
    never shows it) or publishing an older revision would write an old number back, and RFC 5545 §3.8.7.4 wants
    SEQUENCE to only ever go up. One row per event, written when the event is first published; each publish that
    moves its start, end, venue or online link, or cancels it, raises `sequence` by one (events/notices.py).
    """

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, primary_key=True, related_name="schedule")
    sequence = models.PositiveIntegerField(default=0)
    published = models.JSONField(default=dict)

    def __str__(self):
        return f"{self.event_id}: {self.sequence}"


class Registration(SubmissionMixin, ConsentRecord):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
        HELD = "held", pgettext_lazy("registration status", "Seat held, awaiting e-mail confirmation")
        WAITLISTED = "waitlisted", pgettext_lazy("registration status", "Waitlisted")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
        EXPIRED = "expired", pgettext_lazy("registration status", "Expired (not confirmed by e-mail)")

    # Active registrations: each holds a seat (confirmed, held) or a place in the waitlist.
    ACTIVE = (Status.CONFIRMED, Status.HELD, Status.WAITLISTED)
    # Those that count against the event's seats (SeatPool.taken).
    HOLDING_SEAT = (Status.CONFIRMED, Status.HELD)

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    code = models.CharField(_("registration code"), max_length=30, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    # The address as the limits compare it (`email_key`); `email` keeps it as typed.
    email_key = models.CharField(max_length=254, editable=False, default="")
    phone = models.CharField(_("phone / WhatsApp"), max_length=20)
    organisation = models.CharField(_("organisation / institution"), max_length=200)
    organisation_key = models.CharField(max_length=200, editable=False, db_index=True)
    category = models.ForeignKey(
        ParticipantCategory, verbose_name=_("participant category"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by_editor = models.BooleanField(default=False)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Until the registrant clicks the mailed link: when the hold (or unconfirmed waitlist place) ends. Empty once
    # the address is confirmed, and for events that take registrations without e-mail confirmation.
    hold_expires_at = models.DateTimeField(_("hold expires at"), null=True, blank=True, db_index=True)
    # A keyed hash of the client address the registration came from (`events.seats.client_key`), for the per-client
    # budget; never the address itself.
    client_key = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        permissions = [("export_registration", _("Can export registrations"))]
        constraints = [
            # I6 (docs/security.md, The form engine): at most one active registration per address per event, the
            # address compared as `email_key` (case, and +tags and dots where the provider ignores them).
            models.UniqueConstraint(
                fields=["event", "email_key"],
                condition=Q(status__in=["confirmed", "held", "waitlisted"]),
                name="events_registration_one_active_per_address",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="events_reg_queue"),
            models.Index(fields=["event", "client_key", "created_at"], name="events_reg_client"),
        ]

    def __str__(self):
        return self.code

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    def status_display(self):
        return self.Status(self.status).label

    def manage_url(self):
        from events import links

        return links.manage_url(self)

    @property
    def awaits_confirmation(self):
        """Active but the address not confirmed yet: the registrant has until `hold_expires_at` to click the link."""
        return self.is_active and self.hold_expires_at is not None

    def save(self, *args, **kwargs):
        self.email_key = email_key(self.email)
        super().save(*args, **kwargs)


class EditorDigestEntry(models.Model):
    """One registration waiting to be counted in the events team's hourly digest (events/digest.py).

    Stored in the registration's own transaction, so a digest is never lost when the worker or the timer is down:
    the next run counts everything still unsent. No personal data: the event, the registration's id and status.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="+")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    # The outbox key of the digest that counted it; empty while waiting.
    digest_key = models.CharField(max_length=100, blank=True, default="", db_index=True)

    class Meta:
        indexes = [models.Index(fields=["digest_key", "event"], name="events_digest_waiting")]

    def __str__(self):
        return f"{self.event_id}/{self.registration_id} {self.digest_key or 'waiting'}"


def organisation_key(name):
    """'  BEM  Universitas Palangka Raya. ' and 'bem universitas palangka raya' count as one organisation.

    NFKC first, so one name typed with composed or decomposed accents (NFC/NFD) gives one key. Combining marks stay
    part of their word: Javanese and Arabic write vowels as marks, and dropping them made different names (ꦧꦸꦢ,
    ꦧꦶꦢ) one organisation, whose delegates the per-organisation limit then refused. Only the key is normalised; the
    name is stored as typed."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    kept = "".join(ch if ch.isalnum() or unicodedata.category(ch).startswith("M") else " " for ch in text)
    return " ".join(kept.split())


# Providers that deliver "name+tag@" to "name@" (subaddressing); Gmail also ignores dots in the name.
PLUS_TAG_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
        "fastmail.com",
    }
)
DOT_BLIND_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def email_key(address):
    """The address as limits compare it: 'Rina.W+fgd@GoogleMail.com' and 'rinaw@gmail.com' are one mailbox.

    Lower case (as every provider here treats names); for providers that ignore a +tag, the tag goes; for Gmail,
    the dots in the name go and googlemail.com is gmail.com. Only the key is normalised; the address is stored and
    mailed as typed."""
    text = unicodedata.normalize("NFKC", str(address or "")).strip().casefold()
    name, at, domain = text.rpartition("@")
    if not at:
        return text
    if domain in PLUS_TAG_DOMAINS:
        name = name.split("+", 1)[0]
    if domain in DOT_BLIND_DOMAINS:
        name = name.replace(".", "")
        domain = DOT_BLIND_DOMAINS[domain]
    return f"{name}@{domain}"


__all__ = [
    "EVENT_TIMEZONES",
    "EditorDigestEntry",
    "EventAttendanceCount",
    "EventCategory",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "EventSchedule",
    "EventSpeaker",
    "EventStatus",
    "ParticipantCategory",
    "Registration",
    "SeatPool",
    "Speaker",
    "email_key",
    "organisation_key",
]
