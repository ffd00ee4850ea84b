"""The editors' roles (Redaksi, Moderator, Tim Acara, Tim Pengaduan, Administrator), the workflow "Tinjauan
Moderator", and the section grants for index pages that already exist. Definitions: home/editorial.py."""

from django.db import migrations


def forwards(apps, schema_editor):
    from home import editorial

    editorial.create_all_permissions(apps)
    editorial.apply_roles(apps)
    editorial.set_up_existing_indexes(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_privacy_notice"),
        ("home", "0005_data_subject_request"),  # Administrator gets home.handle_data_requests
        ("news", "0002_seed_categories"),
        ("consultations", "0004_merge_events_feedback"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
