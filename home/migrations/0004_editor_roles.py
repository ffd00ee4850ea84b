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
        ("home", "0003_holidays_2026"),  # 0001 has home.handle_data_requests, which Administrator gets
        ("news", "0002_seed_categories"),
        ("events", "0001_initial"),
        ("feedback", "0001_initial"),
        ("consultations", "0001_initial"),
        ("builtforms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
