"""The three categories every installation starts with; editors may rename them or add more."""

from django.db import migrations

CATEGORIES = [
    ("Berita", "berita", "Kabar kegiatan Badan Kesbangpol dan mitranya di Kalimantan Tengah.", 10),
    ("Pengumuman", "pengumuman", "Pemberitahuan resmi: pendaftaran, jadwal layanan, dan tenggat.", 20),
    ("Siaran Pers", "siaran-pers", "Pernyataan resmi Badan Kesbangpol untuk media.", 30),
]


def create_categories(apps, schema_editor):
    NewsCategory = apps.get_model("news", "NewsCategory")
    for name, slug, description, order in CATEGORIES:
        NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    # Reversing keeps the rows: pages may refer to them, and the table goes away with 0001 anyway.
    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
