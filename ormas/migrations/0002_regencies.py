"""The 14 kabupaten/kota of Kalimantan Tengah with their Kemendagri and BPS codes (ormas/regions.py)."""

from django.db import migrations

# A copy, so later edits of ormas/regions.py do not change what this migration did.
REGENCIES = [
    ("62.01", "6201", "Kabupaten Kotawaringin Barat"),
    ("62.02", "6202", "Kabupaten Kotawaringin Timur"),
    ("62.03", "6203", "Kabupaten Kapuas"),
    ("62.04", "6204", "Kabupaten Barito Selatan"),
    ("62.05", "6205", "Kabupaten Barito Utara"),
    ("62.06", "6209", "Kabupaten Katingan"),
    ("62.07", "6208", "Kabupaten Seruyan"),
    ("62.08", "6206", "Kabupaten Sukamara"),
    ("62.09", "6207", "Kabupaten Lamandau"),
    ("62.10", "6211", "Kabupaten Gunung Mas"),
    ("62.11", "6210", "Kabupaten Pulang Pisau"),
    ("62.12", "6213", "Kabupaten Murung Raya"),
    ("62.13", "6212", "Kabupaten Barito Timur"),
    ("62.71", "6271", "Kota Palangka Raya"),
]


def forwards(apps, schema_editor):
    Regency = apps.get_model("ormas", "Regency")
    for code, bps_code, name in REGENCIES:
        Regency.objects.update_or_create(code=code, defaults={"bps_code": bps_code, "name": name})


class Migration(migrations.Migration):
    dependencies = [("ormas", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
