"""The 2026 national holidays and cuti bersama, from the SKB of the Minister of Religious Affairs, the Minister of
Manpower and the Minister of PANRB (No. 1497/2025, 2/2025, 5/2025): 17 national holidays and 8 days of cuti
bersama. Editors keep later years up to date in the admin (Saran dan pengaduan › Hari libur)."""

import datetime

from django.db import migrations

NATIONAL = [
    ("2026-01-01", "Tahun Baru 2026 Masehi"),
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW"),
    ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili"),
    ("2026-03-19", "Hari Suci Nyepi (Tahun Baru Saka 1948)"),
    ("2026-03-21", "Idulfitri 1447 Hijriah"),
    ("2026-03-22", "Idulfitri 1447 Hijriah"),
    ("2026-04-03", "Wafat Yesus Kristus"),
    ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2026-05-01", "Hari Buruh Internasional"),
    ("2026-05-14", "Kenaikan Yesus Kristus"),
    ("2026-05-27", "Iduladha 1447 Hijriah"),
    ("2026-05-31", "Hari Raya Waisak 2570 BE"),
    ("2026-06-01", "Hari Lahir Pancasila"),
    ("2026-06-16", "1 Muharam Tahun Baru Islam 1448 Hijriah"),
    ("2026-08-17", "Proklamasi Kemerdekaan Republik Indonesia"),
    ("2026-08-25", "Maulid Nabi Muhammad SAW"),
    ("2026-12-25", "Kelahiran Yesus Kristus"),
]
CUTI_BERSAMA = [
    ("2026-02-16", "Cuti bersama Tahun Baru Imlek"),
    ("2026-03-18", "Cuti bersama Hari Suci Nyepi"),
    ("2026-03-20", "Cuti bersama Idulfitri"),
    ("2026-03-23", "Cuti bersama Idulfitri"),
    ("2026-03-24", "Cuti bersama Idulfitri"),
    ("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus"),
    ("2026-05-28", "Cuti bersama Iduladha"),
    ("2026-12-24", "Cuti bersama Kelahiran Yesus Kristus"),
]


def add_holidays(apps, schema_editor):
    Holiday = apps.get_model("home", "Holiday")
    for kind, rows in (("national", NATIONAL), ("cuti_bersama", CUTI_BERSAMA)):
        for day, name in rows:
            Holiday.objects.get_or_create(
                date=datetime.date.fromisoformat(day), defaults={"name": name, "kind": kind}
            )


def remove_holidays(apps, schema_editor):
    Holiday = apps.get_model("home", "Holiday")
    dates = [datetime.date.fromisoformat(day) for day, _name in NATIONAL + CUTI_BERSAMA]
    Holiday.objects.filter(date__in=dates).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0002_create_homepage")]

    operations = [migrations.RunPython(add_holidays, remove_holidays)]
