"""The Holiday table becomes the list of changes to the national calendar of the `holidays` package
(home/workdays.py): a source field, and a third kind that makes a listed holiday a working day again.

The 25 rows of 0003_holidays_2026 are removed where nobody edited them: the package (holidays==0.109, pinned in
requirements.txt) lists the same 17 national holidays and 8 cuti bersama of the 2026 SKB 3 Menteri on the same
dates with the same kinds (checked one by one; tests/feedback/test_workdays.py keeps checking it), so the table
holds only what the decrees change. Reversing puts them back.
"""

import datetime
import importlib

from django.db import migrations, models

initial_2026 = importlib.import_module("home.migrations.0003_holidays_2026")


def rows_2026():
    for kind, rows in (("national", initial_2026.NATIONAL), ("cuti_bersama", initial_2026.CUTI_BERSAMA)):
        for day, name in rows:
            yield datetime.date.fromisoformat(day), name, kind


def remove_rows_the_package_lists(apps, schema_editor):
    Holiday = apps.get_model("home", "Holiday")
    for day, name, kind in rows_2026():
        Holiday.objects.filter(date=day, name=name, kind=kind, source="").delete()


def restore_rows(apps, schema_editor):
    initial_2026.add_holidays(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_retire_wagtail_defaults"),
    ]

    operations = [
        migrations.AddField(
            model_name="holiday",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="The decree, e.g. 'SKB 3 Menteri No. 1497 Tahun 2025, No. 2 Tahun 2025, No. 5 Tahun 2025'.",
                max_length=200,
                verbose_name="source",
            ),
        ),
        migrations.AlterField(
            model_name="holiday",
            name="date",
            field=models.DateField(
                help_text="The date the decree changes; weekends need no entry.", unique=True, verbose_name="date"
            ),
        ),
        migrations.AlterField(
            model_name="holiday",
            name="kind",
            field=models.CharField(
                choices=[
                    ("national", "National holiday"),
                    ("cuti_bersama", "Cuti bersama"),
                    ("working_day", "Working day (a listed holiday moved or cancelled)"),
                ],
                default="national",
                help_text="National holiday or cuti bersama: the day is added as a day off. Working day: a day the national calendar lists as a holiday is worked after all (moved by decree).",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(remove_rows_the_package_lists, restore_rows),
    ]
