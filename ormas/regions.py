"""The 14 kabupaten/kota of Kalimantan Tengah: Kemendagri and BPS codes, and their place on the tile map.

Kemendagri codes (kode wilayah administrasi pemerintahan) follow Kepmendagri No. 300.2.2-2138 Tahun 2025; they are
the key SIORMAS and Dukcapil use. BPS numbers six of the kabupaten in a different order (Master File Desa 2016), so
both codes are kept: the Kemendagri one identifies the row, the BPS one joins statistics. The same list seeds the
`Regency` table (migrations/0002_regencies.py); a change here needs a data migration.
"""

# (Kemendagri code, BPS code, name, tile row, tile column). Tiles sketch the map (west to east, north to south);
# every tile has the same size so no region looks bigger than its count.
REGENCIES = [
    ("62.01", "6201", "Kabupaten Kotawaringin Barat", 2, 0),
    ("62.02", "6202", "Kabupaten Kotawaringin Timur", 1, 1),
    ("62.03", "6203", "Kabupaten Kapuas", 1, 3),
    ("62.04", "6204", "Kabupaten Barito Selatan", 2, 4),
    ("62.05", "6205", "Kabupaten Barito Utara", 1, 4),
    ("62.06", "6209", "Kabupaten Katingan", 0, 2),
    ("62.07", "6208", "Kabupaten Seruyan", 0, 1),
    ("62.08", "6206", "Kabupaten Sukamara", 1, 0),
    ("62.09", "6207", "Kabupaten Lamandau", 0, 0),
    ("62.10", "6211", "Kabupaten Gunung Mas", 0, 3),
    ("62.11", "6210", "Kabupaten Pulang Pisau", 2, 2),
    ("62.12", "6213", "Kabupaten Murung Raya", 0, 4),
    ("62.13", "6212", "Kabupaten Barito Timur", 2, 3),
    ("62.71", "6271", "Kota Palangka Raya", 1, 2),
]

TILES = {code: (row, col) for code, _bps, _name, row, col in REGENCIES}


def short_name(name):
    return name.removeprefix("Kabupaten ").removeprefix("Kota ")
