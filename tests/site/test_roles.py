"""The permission matrix: what each role can open, edit, publish and export in the admin (home/editorial.py).

A user in each role's group (as the data migration made them) types admin URLs directly. Allowed means 200;
refused means 403 or Wagtail's redirect to the dashboard with its "no permission" message; never 200, never 500.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from consultations.models import ConsultationIndexPage
from feedback import service as feedback_service
from feedback.models import FeedbackSettings, FeedbackTopic
from home import editorial
from home.editorial import ADMINISTRATOR, MODERATOR, REDAKSI, TIM_ACARA, TIM_PENGADUAN
from home.models import SiteSettings
from news.models import NewsPage
from tests.factories import make_page
from tests.factories.events import make_event
from tests.factories.news import make_guidance_index, make_news, make_news_index

ROLES = [REDAKSI, MODERATOR, TIM_ACARA, TIM_PENGADUAN, ADMINISTRATOR]


@pytest.fixture
def site(home_page):
    """One page of each section, one event, and one feedback item for the Tim Pengaduan group and one for
    another team (same permissions, different topic)."""
    news_index = make_news_index(home_page)
    other_team = Group.objects.create(name="Tim Kewaspadaan Dini")
    other_team.permissions.set(Permission.objects.filter(codename__in=["access_admin", "view_feedback"]))
    own_topic = FeedbackTopic.objects.create(name="Pendaftaran ormas", team=Group.objects.get(name=TIM_PENGADUAN))
    other_topic = FeedbackTopic.objects.create(name="Kamtibmas", team=other_team)
    return {
        "news_index": news_index,
        "news": make_news(news_index),
        "guidance_index": make_guidance_index(home_page),
        "consultation_index": make_page(home_page, ConsultationIndexPage, title="Konsultasi", slug="konsultasi"),
        "event": make_event(home_page),
        "own_item": _item(own_topic),
        "other_item": _item(other_topic),
        "site_settings": SiteSettings.load(),
        "feedback_settings": FeedbackSettings.load(),
    }


def _item(topic):
    data = {"kind": "saran", "topic": topic, "message": "Saran uji.", "identity": "anonymous"}
    item, _secret, _created = feedback_service.submit(data=data, consent={"version": "uji", "given_at": timezone.now()})
    return item


@pytest.fixture
def users(db, django_user_model):
    made = {}
    for role in ROLES:
        user = django_user_model.objects.create_user(role.lower().replace(" ", "_"), f"{role[:3]}@example.com", "x")
        user.groups.add(Group.objects.get(name=role))
        made[role] = user
    return made


# What each URL is, and the roles that may open it. Every other role is refused.
URLS = {
    "dashboard": (lambda s: reverse("wagtailadmin_home"), set(ROLES)),
    "users": (lambda s: reverse("wagtailusers_users:index"), {ADMINISTRATOR}),
    "add user": (lambda s: reverse("wagtailusers_users:add"), {ADMINISTRATOR}),
    "groups": (lambda s: reverse("wagtailusers_groups:index"), {ADMINISTRATOR}),
    "site settings": (lambda s: f"/admin/settings/home/sitesettings/{s['site_settings'].pk}/", {ADMINISTRATOR}),
    "feedback settings": (
        lambda s: f"/admin/settings/feedback/feedbacksettings/{s['feedback_settings'].pk}/",
        {ADMINISTRATOR},
    ),
    "feedback topics": (lambda s: "/admin/saran-pengaduan/topik/", {ADMINISTRATOR}),
    "data-subject requests": (lambda s: "/admin/pelindungan-data/", {ADMINISTRATOR}),
    "workflows": (lambda s: reverse("wagtailadmin_workflows:index"), {ADMINISTRATOR}),
    "edit news page": (lambda s: reverse("wagtailadmin_pages:edit", args=[s["news"].pk]), {REDAKSI, MODERATOR}),
    "add news page": (
        lambda s: reverse("wagtailadmin_pages:add", args=["news", "newspage", s["news_index"].pk]),
        {REDAKSI},
    ),
    "add guidance page": (
        lambda s: reverse("wagtailadmin_pages:add", args=["news", "guidancepage", s["guidance_index"].pk]),
        {REDAKSI},
    ),
    "add consultation page": (
        lambda s: reverse(
            "wagtailadmin_pages:add", args=["consultations", "consultationpage", s["consultation_index"].pk]
        ),
        {REDAKSI},
    ),
    "add page at home": (
        lambda s: reverse("wagtailadmin_pages:add", args=["home", "standardpage", s["news_index"].get_parent().pk]),
        set(),
    ),
    "announcements": (lambda s: "/admin/snippets/news/announcement/add/", {REDAKSI, MODERATOR}),
    "upload image": (lambda s: reverse("wagtailimages:add"), {REDAKSI, TIM_ACARA}),
    "upload document": (lambda s: reverse("wagtaildocs:add"), {REDAKSI, TIM_ACARA}),
    "edit event page": (lambda s: reverse("wagtailadmin_pages:edit", args=[s["event"].pk]), {TIM_ACARA}),
    "registration forms": (lambda s: "/admin/snippets/builtforms/builtform/add/", {TIM_ACARA}),
    "registrations": (lambda s: reverse("events:registrations", args=[s["event"].pk]), {TIM_ACARA}),
    "check-in": (lambda s: reverse("events:check_in", args=[s["event"].pk]), {TIM_ACARA}),
    "message participants": (lambda s: reverse("events:message", args=[s["event"].pk]), {TIM_ACARA}),
    "registration export": (
        lambda s: reverse("events:export", args=[s["event"].pk, "xlsx"]),
        {TIM_ACARA},
    ),
    "feedback inbox": (lambda s: reverse("feedback_admin:index"), {TIM_PENGADUAN}),
    "feedback export": (lambda s: reverse("feedback_admin:index") + "?export=xlsx", {TIM_PENGADUAN}),
    "own team's feedback": (lambda s: reverse("feedback_admin:detail", args=[s["own_item"].pk]), {TIM_PENGADUAN}),
    "other team's feedback": (lambda s: reverse("feedback_admin:detail", args=[s["other_item"].pk]), set()),
}

# Who may publish, unpublish and lock which page, as Wagtail's page permission policy answers it.
PUBLISHERS = {"news": {MODERATOR}, "event": {TIM_ACARA}}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_only_its_own_admin_screens(client, site, users, role):
    """One test per role (the fixture is costly); every URL of the table is checked and all mismatches reported."""
    client.force_login(users[role])
    wrong = []
    for name, (make_url, allowed_roles) in URLS.items():
        response = client.get(make_url(site))
        refused_to_dashboard = response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        refused = response.status_code == 403 or refused_to_dashboard
        if role in allowed_roles and response.status_code != 200:
            wrong.append(f"should open {name}: got {response.status_code} {response.get('Location', '')}")
        elif role not in allowed_roles and not refused:
            wrong.append(f"must not open {name}: got {response.status_code} {response.get('Location', '')}")
    for page_key, publishers in PUBLISHERS.items():
        permissions = site[page_key].permissions_for_user(users[role])
        rights = (permissions.can_publish(), permissions.can_unpublish(), permissions.can_lock())
        if rights != (role in publishers,) * 3:
            wrong.append(f"publish/unpublish/lock {page_key}: {rights}")
    assert not wrong, f"{role}: " + "; ".join(wrong)


def test_redaksi_cannot_publish_even_by_posting_the_publish_button(client, site, users):
    news = site["news"]
    client.force_login(users[REDAKSI])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[news.pk]),
        {"title": "Judul diubah Redaksi", "slug": news.slug, "action-publish": "1", **_news_form(news)},
    )
    assert response.status_code in (200, 302)
    news.refresh_from_db()
    assert news.title != "Judul diubah Redaksi"  # the live page is unchanged
    assert NewsPage.objects.get(pk=news.pk).get_latest_revision().content["title"] == "Judul diubah Redaksi"


def _news_form(news):
    """The rest of the news edit form, as the browser would post it."""
    return {
        "summary": news.summary,
        "date": news.date.strftime("%Y-%m-%d %H:%M"),
        "category": news.category_id,
        "body-count": 0,
        "tags": "",
        "related_links-TOTAL_FORMS": 0,
        "related_links-INITIAL_FORMS": 0,
        "related_links-MIN_NUM_FORMS": 0,
        "related_links-MAX_NUM_FORMS": 1000,
    }


def test_only_administrator_may_manage_users_and_groups(users):
    managers = {role for role, user in users.items() if user.has_perm("auth.change_user")}
    assert managers == {ADMINISTRATOR}
    assert {role for role, user in users.items() if user.has_perm("auth.change_group")} == {ADMINISTRATOR}


def test_feedback_teams_hold_only_the_feedback_permissions(seeded):
    """Every group a feedback topic routes to (the demo teams too) is a least-privilege team: admin access and the
    feedback permissions, no pages, no images, no other model."""
    expected = {name.split(".")[1] for name in editorial.FEEDBACK_TEAM_PERMISSIONS}
    teams = Group.objects.filter(feedback_topics__isnull=False).distinct()
    assert teams.count() >= 3
    for team in teams:
        assert set(team.permissions.values_list("codename", flat=True)) == expected, team.name
        assert not team.page_permissions.exists(), team.name
        assert not team.collection_permissions.exists(), team.name


def test_sections_created_later_get_their_grants_and_workflow(home_page):
    """An index page an administrator adds after the migration gets the same grants (post_save receiver)."""
    index = make_news_index(home_page)
    granted = {
        (p.group.name, p.permission.codename) for p in index.group_permissions.select_related("group", "permission")
    }
    assert granted == {
        (REDAKSI, "add_page"),
        (REDAKSI, "change_page"),
        (MODERATOR, "change_page"),
        (MODERATOR, "publish_page"),
        (MODERATOR, "lock_page"),
        (MODERATOR, "unlock_page"),
    }
    assert index.get_workflow().name == editorial.WORKFLOW_NAME


def test_the_migration_grants_existing_sections(home_page):
    """Rerunning the migration's step on an index page made without the receiver gives it the grants."""
    from django.apps import apps
    from django.db.models.signals import post_save

    from news.models import GuidanceIndexPage

    post_save.disconnect(dispatch_uid="editorial-index-news.guidanceindexpage", sender=GuidanceIndexPage)
    try:
        index = make_guidance_index(home_page)
    finally:
        editorial.connect_signals()
    assert not index.group_permissions.exists()
    editorial.set_up_existing_indexes(apps)
    assert index.group_permissions.filter(group__name=MODERATOR, permission__codename="publish_page").exists()
    assert index.get_workflow().name == editorial.WORKFLOW_NAME


def test_only_the_sites_own_roles_and_workflow_exist(seeded):
    """Wagtail's generic "Editors" and "Moderators" (edit and publish anywhere) are not in the group list beside the
    roles, and only the three sections go through a workflow: events and the pages outside the sections do not."""
    from wagtail.models import Page, Workflow

    from events.models import EventPage

    names = set(Group.objects.values_list("name", flat=True))
    assert not names & set(editorial.WAGTAIL_DEFAULT_GROUPS)
    assert set(ROLES) <= names
    assert list(Workflow.objects.values_list("name", flat=True)) == [editorial.WORKFLOW_NAME]
    assert EventPage.objects.live().first().get_workflow() is None
    assert Page.objects.get(depth=2).get_workflow() is None
    assert NewsPage.objects.first().get_workflow().name == editorial.WORKFLOW_NAME


def _wagtail_defaults(home_page):
    """Wagtail's defaults as its migrations make them: the two groups with page permissions on the root, and the
    workflow "Moderators approval" on the root with one task for the group "Moderators"."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

    root = Page.objects.get(depth=1)
    groups = {name: Group.objects.create(name=name) for name in editorial.WAGTAIL_DEFAULT_GROUPS}
    for group in groups.values():
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename="change_page")
        )
    task = GroupApprovalTask.objects.create(
        name=editorial.WAGTAIL_DEFAULT_WORKFLOW, content_type=ContentType.objects.get_for_model(GroupApprovalTask)
    )
    task.groups.set([groups["Moderators"]])
    workflow = Workflow.objects.create(name=editorial.WAGTAIL_DEFAULT_WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)
    return groups, workflow, task


def test_wagtail_defaults_nobody_uses_are_removed(home_page):
    from django.apps import apps
    from wagtail.models import GroupPagePermission, Task, Workflow

    _groups, _workflow, _task = _wagtail_defaults(home_page)
    assert home_page.get_workflow().name == editorial.WAGTAIL_DEFAULT_WORKFLOW
    editorial.retire_wagtail_defaults(apps)
    assert not Group.objects.filter(name__in=editorial.WAGTAIL_DEFAULT_GROUPS).exists()
    assert not GroupPagePermission.objects.filter(page__depth=1).exists()
    assert not Workflow.objects.filter(name=editorial.WAGTAIL_DEFAULT_WORKFLOW).exists()
    assert not Task.objects.filter(name=editorial.WAGTAIL_DEFAULT_WORKFLOW).exists()
    assert home_page.get_workflow() is None
    assert Group.objects.filter(name=MODERATOR).exists(), "the site's own Moderator role stays"


def test_wagtail_defaults_in_use_stay(home_page, django_user_model):
    """A group with a member, and a workflow with moderation history (with the group its task names), are an
    administrator's choice: the migration leaves them."""
    from django.apps import apps
    from wagtail.models import Workflow

    groups, workflow, _task = _wagtail_defaults(home_page)
    editor = django_user_model.objects.create_user("lama", "lama@kesbangpol.example", "x")
    editor.groups.add(groups["Editors"])
    home_page.save_revision(user=editor)
    workflow.start(home_page, editor)
    editorial.retire_wagtail_defaults(apps)
    assert set(Group.objects.filter(name__in=editorial.WAGTAIL_DEFAULT_GROUPS).values_list("name", flat=True)) == {
        "Editors",
        "Moderators",
    }
    assert Workflow.objects.filter(name=editorial.WAGTAIL_DEFAULT_WORKFLOW).exists()
    assert home_page.get_workflow().name == editorial.WAGTAIL_DEFAULT_WORKFLOW
