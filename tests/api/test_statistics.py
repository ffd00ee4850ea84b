"""/api/v2/statistics/: exactly what `home.reports.open_statistics` gives, key by key."""

from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail import hooks

from home.reports import OPEN_STATISTICS_HOOK, Report, open_statistics
from tests.api.conftest import get_json

pytestmark = pytest.mark.django_db
API = "/api/v2/statistics/"


def two_reports(today):
    return [
        Report(
            key="ormas-per-kabupaten",
            title="Ormas per kabupaten/kota",
            intro="Jumlah ormas terdaftar.",
            chart=None,
            headers=["Kabupaten/kota", "Jumlah"],
            rows=[["Kota Palangka Raya", 12], ["Kabupaten Katingan", 3]],
            footer=["Jumlah", 15],
        ),
        Report(
            key="kegiatan-per-bulan",
            title="Kegiatan per bulan",
            intro="",
            chart=None,
            headers=["Bulan", "Kegiatan", "Rata-rata peserta"],
            rows=[[today.replace(day=1).isoformat(), 2, Decimal("31.5")]],
        ),
    ]


def test_the_list_and_each_report_equal_open_statistics(client):
    with hooks.register_temporarily(OPEN_STATISTICS_HOOK, two_reports):
        expected = open_statistics(timezone.localdate())
        listing = get_json(client, API)
        assert {"ormas-per-kabupaten", "kegiatan-per-bulan"} <= {report.key for report in expected}
        assert listing["meta"]["total_count"] == len(expected)
        assert [item["key"] for item in listing["items"]] == [report.key for report in expected]
        for item, report in zip(listing["items"], expected, strict=True):
            assert item["title"] == report.title
            assert item["detail_url"] == f"https://kesbangpol.test{API}{report.key}/"
            detail = get_json(client, f"{API}{report.key}/")
            assert detail["headers"] == report.headers
            # JSON numbers: a Decimal is written as a number, a date as its ISO text.
            assert detail["rows"] == [[float(v) if isinstance(v, Decimal) else v for v in row] for row in report.rows]
            assert detail["footer"] == report.footer
        get_json(client, API + "tidak-ada/", status=404)
        get_json(client, API + "?limit=1000", status=400)


def test_without_registered_statistics_the_list_is_empty(client, monkeypatch):
    real_get_hooks = hooks.get_hooks
    monkeypatch.setattr(hooks, "get_hooks", lambda name: [] if name == OPEN_STATISTICS_HOOK else real_get_hooks(name))
    assert get_json(client, API) == {"meta": {"total_count": 0}, "items": []}
