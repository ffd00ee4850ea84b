"""The PPID roles, each with only what it needs (ppid/permissions.py says who may do what):

- Petugas PPID: open the admin, see requests and objections, work on requests (state, extension, notes, unit,
  walk-in entries, notices, identity files);
- Atasan PPID: open the admin, see requests and objections, decide objections.
Superusers hold every permission. Idempotent; a group an administrator deleted is recreated on a fresh database only.
"""

from django.db import migrations

ROLES = {
    "Petugas PPID": [
        ("wagtailadmin", "access_admin"),
        ("ppid", "view_ppidrequest"),
        ("ppid", "handle_request"),
    ],
    "Atasan PPID": [
        ("wagtailadmin", "access_admin"),
        ("ppid", "view_ppidrequest"),
        ("ppid", "decide_objection"),
    ],
}


def forwards(apps, schema_editor):
    from home import editorial

    editorial.create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ppid", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
