"""Admin wiring for events: snippets (kinds, categories, speakers, registration forms), the registration views,
their permissions, buttons on event pages, audit-log action names, and the home page's "upcoming events"."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from consultations import converters as _converters  # noqa: F401 (registers <rowid:...>)
from consultations import event_admin
from consultations.models import BuiltForm, EventIndexPage, EventKind, EventPage, ParticipantCategory, Speaker
from home.sections import HomeSection


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


@hooks.register("register_admin_urls")
def registration_admin_urls():
    urls = [
        path("", event_admin.event_list, name="events"),
        path("<rowid:event_id>/", event_admin.registrations, name="registrations"),
        path("<rowid:event_id>/promosikan/", event_admin.promote_next, name="promote_next"),
        path("<rowid:event_id>/ekspor.<str:fmt>", event_admin.export, name="export"),
        path("<rowid:event_id>/check-in/", event_admin.check_in, name="check_in"),
        path("<rowid:event_id>/daftar-hadir/", event_admin.attendance_sheet, name="attendance_sheet"),
        path("<rowid:event_id>/<rowid:registration_id>/", event_admin.registration_detail, name="registration"),
        path(
            "<rowid:event_id>/<rowid:registration_id>/<str:action>/",
            event_admin.registration_action,
            name="registration_action",
        ),
    ]
    return [path("pendaftaran-kegiatan/", include((urls, "consultations_events"), namespace="consultations_events"))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(event_admin.VIEW)


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return RegistrationsMenuItem(
        _("Event registrations"), reverse("consultations_events:events"), icon_name="list-ul", order=240
    )


@hooks.register("register_permissions")
def registration_permissions():
    # Shown in Settings › Groups, so admins can give the events team exactly these.
    return Permission.objects.filter(
        content_type__app_label="consultations",
        codename__in=["view_registration", "change_registration", "export_registration"],
    )


def _registration_buttons(page, user, priority):
    if not isinstance(page.specific_deferred, EventPage) or not user.has_perm(event_admin.VIEW):
        return
    yield Button(
        _("Registrations"),
        reverse("consultations_events:registrations", args=[page.pk]),
        icon_name="list-ul",
        priority=priority,
    )
    yield Button(
        _("Check-in"), reverse("consultations_events:check_in", args=[page.pk]), icon_name="tick", priority=priority + 1
    )


@hooks.register("register_page_listing_more_buttons")
def registration_listing_buttons(page, user, next_url=None):
    yield from _registration_buttons(page, user, 5)


@hooks.register("register_page_header_buttons")
def registration_header_buttons(page, user, view_name, next_url=None):
    yield from _registration_buttons(page, user, 12)


@hooks.register("register_log_actions")
def registration_log_actions(actions):
    actions.register_action(
        "consultations.registrations.export", _("Export registrations"), _("Registrations exported")
    )
    actions.register_action(
        "consultations.registration.cancel", _("Cancel registration"), _("Registration cancelled by an editor")
    )
    actions.register_action(
        "consultations.registration.confirm", _("Confirm registration"), _("Registration confirmed by an editor")
    )


@hooks.register("home_page_sections")
def upcoming_events(request, home_page):
    index = EventIndexPage.objects.live().public().first()
    events = list(
        EventPage.objects.live()
        .public()
        .filter(ends_at__gte=timezone.now())
        .select_related("kind", "image")
        .prefetch_related("seat_pools")
        .order_by("starts_at")[:3]
    )
    return HomeSection(
        order=20,
        title=_("Upcoming events"),
        template="consultations/includes/home_section.html",
        items=events,
        more_url=index.url if index else "",
        more_label=_("All events"),
    )
