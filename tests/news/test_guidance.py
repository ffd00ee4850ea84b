"""Panduan: guidance blocks, the last-reviewed date, print styles and the SIOLA readiness self-check."""

import json
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StructBlockValidationError
from wagtail.documents import get_document_model

from home.models import SiteSettings
from home.seeding import simple_pdf
from news.blocks import ExternalServiceBlock
from news.models import GuidancePage, ReadinessCheckPage
from tests.factories import make_page
from tests.factories.news import body, make_guidance_index


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def template_pdf(db):
    document = get_document_model()(
        title="Contoh Surat Pernyataan", file=SimpleUploadedFile("pernyataan.pdf", simple_pdf("Contoh", ["Isi"]))
    )
    document.save()
    return document


@pytest.fixture
def guide(home_page, template_pdf):
    index = make_guidance_index(home_page)
    return make_page(
        index,
        GuidancePage,
        title="Persyaratan Dokumen SKT",
        slug="persyaratan-skt",
        intro="Berkas yang perlu disiapkan.",
        last_reviewed=date(2024, 6, 10),
        body=body(
            (
                "steps",
                {
                    "title": "Langkah",
                    "steps": [
                        {"title": "Siapkan akta", "text": "<p>Di notaris.</p>"},
                        {"title": "Pindai berkas", "text": ""},
                    ],
                },
            ),
            (
                "checklist",
                {
                    "title": "Berkas",
                    "items": [
                        {"text": "Akta pendirian", "note": "Memuat AD/ART.", "template_document": None},
                        {"text": "Surat pernyataan", "note": "", "template_document": template_pdf.pk},
                    ],
                },
            ),
            ("faq", {"title": "Tanya jawab", "items": [{"question": "Berapa biayanya?", "answer": "<p>Gratis.</p>"}]}),
            (
                "legal_basis",
                {
                    "title": "Dasar hukum",
                    "references": [
                        {
                            "name": "Undang-Undang Nomor 17 Tahun 2013 tentang Organisasi Kemasyarakatan",
                            "note": "sebagaimana telah diubah dengan Undang-Undang Nomor 16 Tahun 2017",
                            "url": "",
                            "document": None,
                        }
                    ],
                },
            ),
            (
                "external_service",
                {"service_name": "SIOLA", "description": "Daftar di sini.", "url": "", "link_text": "Buka SIOLA"},
            ),
        ),
    )


def test_guidance_page_renders_every_guidance_block(client, guide, template_pdf):
    soup = soup_of(client.get(guide.url))
    main = soup.find("main")
    assert [p.get_text() for p in main.select("ol.steps__list .steps__title")] == ["Siapkan akta", "Pindai berkas"]
    items = main.select(".checklist__items > li")
    assert [li.select_one(".checklist__text").get_text() for li in items] == ["Akta pendirian", "Surat pernyataan"]
    download = items[1].select_one(".document-link a")
    assert download["href"] == template_pdf.url and download.get_text() == "Contoh: Contoh Surat Pernyataan"
    assert items[1].select_one(".document-link__meta").get_text().startswith("(PDF, ")
    assert main.select_one("details summary").get_text() == "Berapa biayanya?"
    cite = main.select_one(".legal-basis cite")
    assert cite.get_text() == "Undang-Undang Nomor 17 Tahun 2013 tentang Organisasi Kemasyarakatan"
    assert "Nomor 16 Tahun 2017" in cite.parent.get_text()


def test_external_service_says_the_reader_leaves_and_uses_the_siola_setting(client, guide):
    settings = SiteSettings.load()
    settings.siola_url = "https://siola.kemendagri.go.id/pendaftaran"
    settings.save()
    service = soup_of(client.get(guide.url)).select_one(".external-service")
    assert "Anda akan meninggalkan situs ini." in service.get_text()
    assert "siola.kemendagri.go.id" in service.select_one(".external-service__warning").get_text()
    link = service.find("a")
    assert link["href"] == "https://siola.kemendagri.go.id/pendaftaran"
    assert "external" in link["rel"] and "noopener" in link["rel"]


def test_external_service_accepts_only_https_addresses():
    block = ExternalServiceBlock()
    value = {"service_name": "SIOLA", "description": "x", "url": "http://siola.example/", "link_text": "Buka"}
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python(value))
    assert block.clean(block.to_python({**value, "url": "https://siola.example/"}))


def test_guidance_shows_last_reviewed_and_is_print_friendly(client, guide):
    soup = soup_of(client.get(guide.url))
    reviewed = soup.select_one(".guidance-header time")
    assert reviewed["datetime"] == "2024-06-10" and reviewed.get_text() == "10 Juni 2024"
    assert soup.find("link", rel="stylesheet", media="print")
    assert soup.select_one(".print-only").get_text().endswith("https://kesbangpol.test/panduan-ormas/persyaratan-skt/")
    assert soup.select_one("button[data-print]").has_attr("hidden"), "only shown when JavaScript can print"


def test_guidance_index_lists_the_guides_in_tree_order(client, guide):
    make_page(guide.get_parent(), GuidancePage, title="Kewajiban Tahunan", intro="Laporan.", body=body())
    soup = soup_of(client.get(guide.get_parent().url))
    assert [a.get_text() for a in soup.select(".guide-list h2 a")] == ["Persyaratan Dokumen SKT", "Kewajiban Tahunan"]
    assert "10 Juni 2024" in soup.select_one(".guide-list").get_text()


# The SIOLA readiness self-check -------------------------------------------------------------------------------


@pytest.fixture
def check_page(home_page):
    index = make_guidance_index(home_page)
    items = [
        {
            "type": "item",
            "id": "akta",
            "value": {"label": "Akta pendirian", "help_text": "Dari notaris.", "if_missing": "<p>Buat di notaris.</p>"},
        },
        {
            "type": "item",
            "id": "npwp",
            "value": {"label": "NPWP organisasi", "help_text": "", "if_missing": "<p>Daftar ke kantor pajak.</p>"},
        },
        {
            "type": "item",
            "id": "domisili",
            "value": {"label": "Surat domisili", "help_text": "", "if_missing": "<p>Minta ke kelurahan.</p>"},
        },
    ]
    return make_page(
        index,
        ReadinessCheckPage,
        title="Cek Kesiapan",
        slug="cek",
        intro="Centang berkas Anda.",
        items=json.dumps(items),
        ready_text="<p>Berkas Anda lengkap.</p>",
    )


def test_check_is_a_get_form_with_a_label_for_every_box(client, check_page):
    soup = soup_of(client.get(check_page.url))
    form = soup.select_one("form.readiness-form")
    assert form["method"] == "get" and form["action"] == "/panduan-ormas/cek/#hasil"
    assert not form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    boxes = form.select("input[type=checkbox]")
    assert [b["value"] for b in boxes] == ["akta", "npwp", "domisili"]
    for box in boxes:
        assert form.find("label", attrs={"for": box["id"]})
    assert form.find("legend")
    assert boxes[0]["aria-describedby"] == "ada-akta-help"
    assert not soup.select_one("#hasil"), "no result before the form is sent"


def test_check_lists_what_is_missing_and_links_to_siola(client, check_page):
    soup = soup_of(client.get(check_page.url, {"cek": "1", "ada": ["akta"]}))
    result = soup.select_one("#hasil")
    assert [li.strong.get_text() for li in result.select(".readiness-missing li")] == [
        "NPWP organisasi",
        "Surat domisili",
    ]
    assert "Daftar ke kantor pajak." in result.get_text()
    assert "2 hal masih kurang" in result.get_text()
    assert result.select_one(".external-service a")["href"] == SiteSettings.load().siola_url
    assert soup.select_one("#ada-akta").has_attr("checked") and not soup.select_one("#ada-npwp").has_attr("checked")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"


def test_check_with_everything_ticked_says_ready(client, check_page):
    soup = soup_of(client.get(check_page.url, {"cek": "1", "ada": ["akta", "npwp", "domisili"]}))
    result = soup.select_one("#hasil")
    assert "Berkas Anda lengkap." in result.select_one(".notice--success").get_text()
    assert not result.select(".readiness-missing li")
    assert result.select_one(".external-service a")


@pytest.mark.parametrize(
    "ada", [["<script>alert(1)</script>"], ["akta\x00"], ["x" * 5000], ["akta", "akta", "AKTA"], ["../npwp"]]
)
def test_check_ignores_unknown_or_hostile_answers(client, check_page, ada):
    response = client.get(check_page.url, {"cek": "1", "ada": ada})
    soup = soup_of(response)
    missing = [li.strong.get_text() for li in soup.select(".readiness-missing li")]
    expected = (
        ["NPWP organisasi", "Surat domisili"]
        if ada[0] == "akta"
        else ["Akta pendirian", "NPWP organisasi", "Surat domisili"]
    )
    assert missing == expected
    assert "<script>alert(1)" not in response.content.decode()


def test_check_stores_nothing(client, check_page):
    client.get(check_page.url)  # warm up caches
    with CaptureQueriesContext(connection) as queries:
        client.get(check_page.url, {"cek": "1", "ada": ["akta", "npwp"]})
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert "sessionid" not in client.cookies
