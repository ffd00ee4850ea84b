"""The editors' roles, their page permissions per section, and the moderation workflow "Tinjauan Moderator".

Every fresh site gets the roles from a data migration (home/migrations/0004_editor_roles.py), which calls
`apply_roles()` here. Page permissions and the workflow belong to a section's index page (Berita, Panduan,
Kegiatan, Konsultasi publik), and index pages are created later (by `seed_demo` or by an administrator in the
admin), so the same grants are made twice:
- by the migration, for index pages that already exist when it runs (an existing site);
- by a `post_save` receiver (`connect_signals`, from HomeConfig.ready) the moment an index page is created, wherever
  it is created (admin, seed, shell). A hook like `after_create_page` would only catch the admin.
Everything here takes an app registry (`apps`), so the migration runs it on its historical models and the receiver on
the live ones. Changing a role later means a new data migration that calls these functions again.

Roles (Django groups):
- Redaksi: writes news, guidance and consultation pages and announcement banners; submits for moderation; cannot
  publish (no publish permission anywhere, and the workflow stands between "submit" and "live").
- Moderator: reviews (the workflow's approval task), publishes, unpublishes, locks and unlocks in those sections.
- Tim Acara: event pages (publishes them itself: events are not in the workflow), registration forms and the
  event snippets, registrations (view, change incl. check-in, export).
- Tim Pengaduan: the template of a feedback team: admin access and the three feedback permissions, nothing else.
  Which items a team sees comes from the topics routed to it (feedback/permissions.py).
- Administrator: users, groups, site and feedback settings, feedback topics and holidays, workflows. Only this role
  (and superusers) may manage users and groups. It reads no feedback and no registrations: personal data stays
  with the teams that handle it; the one exception is a data-subject request (export or erase one person's data,
  audit-logged), which the law asks the agency to answer.

Wagtail's own generic groups ("Editors", "Moderators") and its workflow on the root page are removed while unused
(home/migrations/0005_retire_wagtail_defaults.py, `retire_wagtail_defaults`): these roles replace them.
"""

from django.conf import settings
from django.db.models.signals import post_save

REDAKSI = "Redaksi"
MODERATOR = "Moderator"
TIM_ACARA = "Tim Acara"
TIM_PENGADUAN = "Tim Pengaduan"
ADMINISTRATOR = "Administrator"

WORKFLOW_NAME = "Tinjauan Moderator"
TASK_NAME = "Persetujuan Moderator"

FEEDBACK_TEAM_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "feedback.view_feedback",
    "feedback.change_feedback",
    "feedback.export_feedback",
]

# Model permissions ("app_label.codename") of each role.
ROLE_PERMISSIONS = {
    REDAKSI: [
        "wagtailadmin.access_admin",
        "news.view_newscategory",
        "news.view_announcement",
        "news.add_announcement",
        "news.change_announcement",
        "news.delete_announcement",
    ],
    MODERATOR: [
        "wagtailadmin.access_admin",
        "news.view_newscategory",
        "news.view_announcement",
        "news.add_announcement",
        "news.change_announcement",
        "news.delete_announcement",
    ],
    TIM_ACARA: [
        "wagtailadmin.access_admin",
        "builtforms.view_builtform",
        "builtforms.add_builtform",
        "builtforms.change_builtform",
        "builtforms.delete_builtform",
        "events.view_speaker",
        "events.add_speaker",
        "events.change_speaker",
        "events.view_eventkind",
        "events.view_participantcategory",
        "events.view_registration",
        "events.change_registration",
        "events.export_registration",
    ],
    TIM_PENGADUAN: FEEDBACK_TEAM_PERMISSIONS,
    ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_group",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "home.change_sitesettings",
        "home.handle_data_requests",  # data-subject requests (export/erase), audit-logged
        "feedback.change_feedbacksettings",
        "feedback.view_feedbacktopic",
        "feedback.add_feedbacktopic",
        "feedback.change_feedbacktopic",
        "feedback.delete_feedbacktopic",
        "home.view_holiday",
        "home.add_holiday",
        "home.change_holiday",
        "home.delete_holiday",
        "news.view_newscategory",
        "news.add_newscategory",
        "news.change_newscategory",
        "events.view_eventkind",
        "events.add_eventkind",
        "events.change_eventkind",
        "events.view_participantcategory",
        "events.add_participantcategory",
        "events.change_participantcategory",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
    ],
}

# Image and document permissions, on the root collection (so every collection below it).
# "add" lets an editor upload and edit their own files; "choose" lets them pick anyone's file for a page.
COLLECTION_PERMISSIONS = {
    REDAKSI: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    MODERATOR: ["wagtailimages.choose_image", "wagtaildocs.choose_document"],
    TIM_ACARA: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
}

# Page permissions per section, granted on the section's index page (so on everything below it).
WRITE = ["add", "change"]
REVIEW = ["change", "publish", "lock", "unlock"]
INDEX_GRANTS = {
    "news.newsindexpage": {REDAKSI: WRITE, MODERATOR: REVIEW},
    "news.guidanceindexpage": {REDAKSI: WRITE, MODERATOR: REVIEW},
    "consultations.consultationindexpage": {REDAKSI: WRITE, MODERATOR: REVIEW},
    "events.eventindexpage": {TIM_ACARA: ["add", "change", "publish", "lock", "unlock"]},
}
# Made by Wagtail's own migrations (wagtailcore 0002 and 0048); see `retire_wagtail_defaults`.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
# Sections whose pages go through "Tinjauan Moderator" before they are published.
WORKFLOW_INDEXES = ["news.newsindexpage", "news.guidanceindexpage", "consultations.consultationindexpage"]


def _permissions(apps, names):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def create_all_permissions(apps):
    """Django creates permissions after all migrations ran; a data migration that assigns them creates them first."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # create_permissions skips an app whose models_module is None, as a migration's app registry has it. Put the
        # value back afterwards: called with the real registry (a test running a data migration), leaving None
        # would make every later `migrate` skip that app's post_migrate handlers.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original


def apply_roles(apps):
    """Create the role groups with exactly their model and collection permissions, and the moderation workflow."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    for name, permissions in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(apps, permissions))
        if root_collection is not None:
            for permission in _permissions(apps, COLLECTION_PERMISSIONS.get(name, [])):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    moderation_workflow(apps)


def moderation_workflow(apps):
    """The workflow "Tinjauan Moderator": one approval task for the Moderator group. Idempotent."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created:
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
        task.groups.set([Group.objects.get(name=MODERATOR)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def set_up_index(apps, page_id, model_label):
    """Grant the section's page permissions on this index page and attach the workflow where the section has one.
    Idempotent; groups an administrator deleted are not recreated (their absence is a decision)."""
    grants = INDEX_GRANTS.get(model_label)
    if not grants:
        return
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for group_name, types in grants.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for permission_type in types:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
            )
            GroupPagePermission.objects.get_or_create(group=group, page_id=page_id, permission=permission)
    if model_label in WORKFLOW_INDEXES:
        Workflow = apps.get_model("wagtailcore", "Workflow")
        WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
        workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
        if workflow is not None and not WorkflowPage.objects.filter(page_id=page_id).exists():
            WorkflowPage.objects.create(page_id=page_id, workflow=workflow)


def retire_wagtail_defaults(apps):
    """Remove what Wagtail's own migrations make for a generic site and the roles above replace.

    - the group "Moderators" (add, edit and publish anywhere: the whole tree, past every section and workflow) and
      "Editors" (add and edit anywhere). Beside "Moderator" and "Redaksi" they were a trap in the group list: one
      click gave a person far more than their role;
    - the workflow "Moderators approval" on the root page, which put every page outside the three sections (events,
      the home page, Profil) under an approval by a group nobody is in.
    Only while unused: a group with members, or a workflow with moderation history, is an administrator's choice and
    stays (and so does "Moderators" while a task still names it).
    """
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    if workflow is not None and not WorkflowState.objects.filter(workflow=workflow).exists():
        task_ids = list(WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True))
        workflow.delete()  # and its WorkflowPage (the root page) and WorkflowTask rows
        # Its task too ("Moderators approval", naming the group), unless another workflow or a history uses it.
        GroupApprovalTask.objects.filter(pk__in=task_ids).exclude(
            pk__in=WorkflowTask.objects.values("task_id")
        ).exclude(pk__in=TaskState.objects.values("task_id")).delete()
    for name in WAGTAIL_DEFAULT_GROUPS:
        group = Group.objects.filter(name=name).first()
        if group is None or User.objects.filter(groups=group).exists():
            continue
        if GroupApprovalTask.objects.filter(groups=group).exists():
            continue
        group.delete()  # and its page and collection permissions


def set_up_existing_indexes(apps):
    for label in INDEX_GRANTS:
        app_label, model_name = label.split(".")
        for page_id in apps.get_model(app_label, model_name).objects.values_list("pk", flat=True):
            set_up_index(apps, page_id, label)


def _index_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from django.apps import apps

        set_up_index(apps, instance.pk, sender._meta.label_lower)


def connect_signals():
    from django.apps import apps

    for label in INDEX_GRANTS:
        post_save.connect(_index_created, sender=apps.get_model(label), dispatch_uid=f"editorial-index-{label}")
