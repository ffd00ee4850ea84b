"""Reports › Site history with the reading rule of home/audit.py: Wagtail's own report (LogEntriesView), whose
entries, filter choices and spreadsheet come from `audit.visible_log_entries` instead of each log model's
`viewable_by_user`.

Wagtail offers no hook to narrow this report and registers its URL before any `register_admin_urls` hook, so
site_cms/urls.py mounts this view at the report's own two addresses ahead of Wagtail's admin URLs, wrapped as
Wagtail wraps its admin views (`require_admin_access`, `never_cache`). `reverse("wagtailadmin_reports:site_history")`
keeps naming the same address.

A page's own history follows the same rule through Wagtail's supported per-model page viewsets
(`PageViewSetWithHistoryRule`, registered by events/ and consultations/ for their pages).
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Value
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.pages.history import PageHistoryView
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.log_actions import registry as log_action_registry

from home.audit import restricted_actions_for, visible_log_entries


def _visible(user):
    return [visible_log_entries(model, user) for model in log_action_registry.get_log_entry_models()]


def _content_types(request):
    content_type_ids = set()
    for entries in _visible(request.user):
        content_type_ids.update(entries.get_content_type_ids())
    return ContentType.objects.filter(pk__in=content_type_ids).order_by("model")


class SiteHistoryFilterSet(SiteHistoryReportFilterSet):
    """Offers only the actions, users and object types of entries the user may read."""

    object_type = ContentTypeFilter(
        label=SiteHistoryReportFilterSet.base_filters["object_type"].label,  # Wagtail's own (translated) label
        method="filter_object_type",
        queryset=_content_types,
    )

    def get_action_choices(self):
        used = set()
        for entries in _visible(self.request.user):
            used.update(entries.get_actions())
        return [choice for choice in log_action_registry.get_choices() if choice[0] in used]

    def get_user_choices(self):
        user_ids = set()
        for entries in _visible(self.request.user):
            user_ids.update(entries.get_user_ids())
        User = get_user_model()
        return User.objects.filter(pk__in=user_ids).order_by(User.USERNAME_FIELD)

    def get_users_queryset(self):
        return self.get_user_choices()

    class Meta(SiteHistoryReportFilterSet.Meta):
        pass


class SiteHistoryView(LogEntriesView):
    filterset_class = SiteHistoryFilterSet

    def get_filtered_queryset(self):
        # LogEntriesView.get_filtered_queryset with visible_log_entries in place of viewable_by_user: one values()
        # query per log model, filtered, then a union ordered by time (see Wagtail's docstring there).
        queryset = None
        self.log_models = list(log_action_registry.get_log_entry_models())
        for index, log_model in enumerate(self.log_models):
            sub_queryset = (
                visible_log_entries(log_model, self.request.user)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            sub_queryset = self.filter_queryset(sub_queryset).order_by()
            queryset = sub_queryset if queryset is None else queryset.union(sub_queryset, all=True)
        return queryset.order_by("-timestamp")


site_history = require_admin_access(never_cache(SiteHistoryView.as_view()))
site_history_results = require_admin_access(never_cache(SiteHistoryView.as_view(results_only=True)))


class PageHistoryWithRule(PageHistoryView):
    """A page's own history (Wagtail's view) without the restricted entries the user may not read: whoever may edit
    a consultation page does not read there who exported its responses either."""

    def get_base_queryset(self):
        hidden, _granted = restricted_actions_for(self.request.user)
        return super().get_base_queryset().exclude(action__in=hidden)


class PageViewSetWithHistoryRule(PageViewSet):
    """For page types whose history holds restricted entries (events, consultations): register one per model with
    `register_admin_viewset`. Only the history view differs; listings keep Wagtail's (no parent models)."""

    history_view_class = PageHistoryWithRule
    parent_models = []
