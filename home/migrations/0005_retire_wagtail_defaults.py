"""Remove Wagtail's default groups "Editors" and "Moderators" and its workflow "Moderators approval" on the root page
while nobody uses them: the roles of 0004 replace them. Definitions: home/editorial.py `retire_wagtail_defaults`."""

from django.conf import settings
from django.db import migrations


def forwards(apps, schema_editor):
    from home import editorial

    editorial.retire_wagtail_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_editor_roles"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
