"""The role "Tim Ormas": the admin, and view/add/change of ormas plus the spreadsheet import. Nothing else: no
delete (a register entry ends with a status, not by vanishing), no pages, no other app's data."""

from django.db import migrations

ROLE = "Tim Ormas"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("ormas", "view_ormas"),
    ("ormas", "add_ormas"),
    ("ormas", "change_ormas"),
    ("ormas", "import_ormas"),
]


def forwards(apps, schema_editor):
    from home import editorial

    editorial.create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=ROLE)
    group.permissions.set(
        [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in PERMISSIONS]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ormas", "0002_regencies"),
        ("home", "0004_editor_roles"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
