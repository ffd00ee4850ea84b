"""Admin wiring for events: snippets (kinds, categories, speakers, registration forms), the registration views,
their permissions, buttons on event pages, audit-log action names, and the home page's "upcoming events"."""

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from builtforms.models import BuiltForm
from events import admin_views as event_admin
from events.models import EventKind, EventPage, ParticipantCategory, Speaker
from home import cache as page_cache
from home import converters as _converters  # noqa: F401 (registers <rowid:...>)
from home.reports import OPEN_STATISTICS_HOOK
from home.sections import HomeSection, parent_url


class EventKindViewSet(SnippetViewSet):
    model = EventKind
    icon = "tag"
    list_display = ["name", "code", "sort_order"]


class ParticipantCategoryViewSet(SnippetViewSet):
    model = ParticipantCategory
    icon = "group"
    list_display = ["name", "sort_order"]


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    list_display = ["name", "position", "organisation"]
    search_fields = ["name", "organisation"]


class BuiltFormViewSet(SnippetViewSet):
    """forms_builder's forms, edited here (never in forms_builder's own admin, which is not mounted)."""

    model = BuiltForm
    icon = "form"
    list_display = ["title"]
    search_fields = ["title"]
    menu_label = _("Registration forms")


class EventsSnippetGroup(SnippetViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 250
    items = (BuiltFormViewSet, SpeakerViewSet, EventKindViewSet, ParticipantCategoryViewSet)


register_snippet(EventsSnippetGroup)


@hooks.register("register_admin_viewset")
def register_registrations_admin():
    return event_admin.RegistrationsViewSet()


@hooks.register("register_permissions")
def registration_permissions():
    # Shown in Settings › Groups, so admins can give the events team exactly these.
    return Permission.objects.filter(
        content_type__app_label="events",
        codename__in=["view_registration", "change_registration", "export_registration"],
    )


def _registration_buttons(page, user, priority):
    if not isinstance(page.specific_deferred, EventPage) or not user.has_perm(event_admin.VIEW):
        return
    yield Button(
        _("Registrations"),
        reverse("events:registrations", args=[page.pk]),
        icon_name="list-ul",
        priority=priority,
    )
    yield Button(_("Check-in"), reverse("events:check_in", args=[page.pk]), icon_name="check", priority=priority + 1)


@hooks.register("register_page_listing_more_buttons")
def registration_listing_buttons(page, user, next_url=None):
    yield from _registration_buttons(page, user, 5)


@hooks.register("register_page_header_buttons")
def registration_header_buttons(page, user, view_name, next_url=None):
    yield from _registration_buttons(page, user, 12)


@hooks.register("register_log_actions")
def registration_log_actions(actions):
    actions.register_action("events.registrations.export", _("Export registrations"), _("Registrations exported"))
    actions.register_action(
        "events.registration.cancel", _("Cancel registration"), _("Registration cancelled by an editor")
    )
    actions.register_action(
        "events.registration.confirm", _("Confirm registration"), _("Registration confirmed by an editor")
    )
    actions.register_action(event_admin.CHECK_IN, _("Check in"), _("Participant checked in"))
    actions.register_action(event_admin.CHECK_IN_UNDONE, _("Undo check-in"), _("Check-in undone"))
    actions.register_action(event_admin.MESSAGE_SENT, _("Message participants"), _("Message sent to participants"))
    actions.register_action(
        event_admin.CERTIFICATES_SENT, _("Send certificates"), _("Certificate links sent to participants")
    )


@hooks.register("home_page_sections")
def upcoming_events(request, home_page):
    events = list(
        EventPage.objects.live()
        .public()
        .filter(ends_at__gte=timezone.now())
        .select_related("kind", "image")
        .prefetch_related("seat_pools")
        .order_by("starts_at")[:3]
    )
    now = timezone.now()
    for event in events:  # a card's status (open, closed, full) changes with the clock: the home page is kept no longer
        page_cache.valid_until(request, event.next_change(now))
    return HomeSection(
        order=20,
        title=_("Upcoming events"),
        template="events/includes/home_section.html",
        items=events,
        # Every event is a child of the event index: its link without a query of its own.
        more_url=parent_url(events[0], request) if events else "",
        more_label=_("All events"),
    )


@hooks.register("register_log_action_permissions")
def registration_log_action_permissions():
    """Entries about registrations are for the events team (and the data-protection administrator; home/audit.py)."""
    team = (event_admin.VIEW, event_admin.CHANGE)
    actions = [
        "events.registrations.export",
        "events.registration.cancel",
        "events.registration.confirm",
        event_admin.CHECK_IN,
        event_admin.CHECK_IN_UNDONE,
        event_admin.MESSAGE_SENT,
        event_admin.CERTIFICATES_SENT,
    ]
    return dict.fromkeys(actions, team)


@hooks.register("register_admin_viewset")
def event_page_viewset():
    """The page's own history hides registration entries from editors who may not read them (home/audit.py)."""
    from home.site_history import PageViewSetWithHistoryRule

    return PageViewSetWithHistoryRule("event_pages", model=EventPage)


@hooks.register(OPEN_STATISTICS_HOOK)
def events_statistics(today):
    """The public figures of the "Data dan Statistik" page (events/statistics.py, docs/opendata.md)."""
    from events import statistics

    return statistics.open_statistics(today)
