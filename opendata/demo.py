"""Demo content of the statistics page: the page itself at /data-dan-statistik/ (the figures come from the other
apps' demo records, counted when the page is served)."""

from home.seeding import DEMO_NOTE
from opendata.models import DataStatisticsPage


def seed(seeder):
    seeder.page(
        seeder.home_page(),
        DataStatisticsPage,
        "data-dan-statistik",
        title="Data dan Statistik",
        show_in_menus=True,
        intro=(
            "Angka layanan Badan Kesbangpol Provinsi Kalimantan Tengah: ormas terdaftar, kegiatan dan pesertanya, "
            "konsultasi publik, saran dan pengaduan, serta permohonan informasi publik. Setiap angka dihitung dari "
            "catatan situs ini dan dapat diunduh sebagai CSV. " + DEMO_NOTE
        ),
        search_description="Statistik ormas, kegiatan, konsultasi publik, saran dan pengaduan, dan PPID di Kalteng.",
    )
