"""Wagtail hooks of the site frame."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import audit
from . import cache as page_cache


@hooks.register("before_serve_page")
def offer_page_to_cache(page, request, serve_args, serve_kwargs):
    # Only Wagtail pages (and views decorated with cache_public) may be stored by PageCacheMiddleware.
    page_cache.mark_page(request, page)


# After Wagtail's own registration (order 0), which this replaces: page links in rich text in one query.
@hooks.register("register_rich_text_features", order=100)
def page_links_in_one_query(features):
    from .richtext import PageLinkHandler

    features.register_link_type(PageLinkHandler)


# Data-subject requests (home/data_requests.py): Settings › Pelindungan data, administrators only.
@hooks.register("register_admin_urls")
def data_request_urls():
    from django.urls import path

    from . import data_requests

    return [path("pelindungan-data/", data_requests.index, name="data_requests")]


@hooks.register("register_settings_menu_item")
def data_request_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    from .data_requests import PERMISSION

    class DataRequestsMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(PERMISSION)

    return DataRequestsMenuItem(_("Personal data"), reverse("data_requests"), icon_name="user", order=900)


@hooks.register("register_permissions")
def data_request_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="home", codename="handle_data_requests")


@hooks.register("register_log_actions")
def data_request_log_actions(actions):
    from django.utils.translation import gettext_lazy as _

    from .data_requests import ERASE_ACTION, EXPORT_ACTION

    actions.register_action(EXPORT_ACTION, _("Personal data exported"), _("Personal data exported"))
    actions.register_action(audit.PERSONAL_DATA_REMOVED, _("Remove personal data"), _("Personal data removed"))
    actions.register_action(ERASE_ACTION, _("Personal data erased"), _("Personal data erased"))


# The working-days calendar (home/workdays.py): warn those who keep the holiday table before deadlines could fall
# in a year whose cuti bersama nobody has entered. Superusers have every permission, so has_perm covers them.


class HolidayCalendarPanel(Component):
    name = "holiday_calendar_ends"
    order = 50
    template_name = "home/admin/holiday_calendar_panel.html"

    def __init__(self, warning):
        self.warning = warning

    def get_context_data(self, parent_context=None):
        return {"warning": self.warning}


@hooks.register("construct_homepage_panels")
def holiday_calendar_panel(request, panels):
    from .workdays import HOLIDAY_PERMISSION, calendar_warning

    if not request.user.has_perm(HOLIDAY_PERMISSION):
        return
    warning = calendar_warning()
    if warning is not None:
        panels.append(HolidayCalendarPanel(warning))


@hooks.register("register_log_action_permissions")
def personal_data_log_action_permissions():
    """Data-subject requests and personal-data removal: only the administrator who answers for them (home/audit.py
    adds `home.handle_data_requests` to every restricted action; no other permission opens these)."""
    from .data_requests import ERASE_ACTION, EXPORT_ACTION

    return dict.fromkeys([EXPORT_ACTION, ERASE_ACTION, audit.PERSONAL_DATA_REMOVED], ())
