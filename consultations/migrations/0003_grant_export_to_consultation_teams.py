"""Exporting responses now needs `consultations.export_consultationresponse`, as registrations and feedback need
their export permission. Until now any team member who could read a consultation's responses could download them,
so each group that is a consultation's team and reads responses keeps that ability, and no one else gets it: the
roles of home/editorial.py (Redaksi, Moderator, Tim Acara, Tim Pengaduan, Administrator) read no responses.
A team that should read but not download loses the permission in Settings › Groups."""

from django.db import migrations

READ = ["view_consultationresponse", "change_consultationresponse"]


def forwards(apps, schema_editor):
    from home import editorial

    editorial.create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ConsultationPage = apps.get_model("consultations", "ConsultationPage")
    export = Permission.objects.get(content_type__app_label="consultations", codename="export_consultationresponse")
    teams = Group.objects.filter(
        pk__in=ConsultationPage.objects.filter(team__isnull=False).values("team_id"),
        permissions__content_type__app_label="consultations",
        permissions__codename__in=READ,
    ).distinct()
    for group in teams:
        group.permissions.add(export)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_export_permission"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
