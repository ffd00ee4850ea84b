"""Uploads through the Wagtail admin: extension allowlist plus a check of the contents, size and pixel limits, no SVG,
random stored names, never executable (see home/uploads.py, home/storage.py)."""

import io
import os
import re
import stat
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.seeding import simple_pdf
from home.storage import random_name
from home.uploads import DOCUMENT_CHECKS
from tests.support.bad_files import HTML_BEHIND_A_PDF_HEADER, pixel_bomb_png

Document = get_document_model()
Image = get_image_model()

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def zip_bytes(members, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1])  # stored, uncompressed, first: as ODF requires
        for name, content in members.items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def image_bytes(fmt="JPEG", size=(64, 48)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (11, 61, 99)).save(buffer, fmt)
    return buffer.getvalue()


REAL = {
    "pdf": simple_pdf("Laporan", ["Isi laporan"]),
    "docx": zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
    "xlsx": zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}),
    "odt": zip_bytes({"content.xml": "<office/>"}, first=("mimetype", "application/vnd.oasis.opendocument.text")),
    "ods": zip_bytes(
        {"content.xml": "<office/>"}, first=("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    ),
    "jpg": image_bytes("JPEG"),
    "png": image_bytes("PNG"),
}
FAKE = {
    "pdf": HTML,
    "docx": zip_bytes({"index.html": HTML}),
    "xlsx": REAL["docx"],  # a Word file is not a spreadsheet
    "odt": REAL["ods"],
    "ods": b"PK\x03\x04" + HTML,
    "jpg": HTML,
    "png": REAL["jpg"],
}


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def root_collection():
    return Collection.get_first_root_node().pk


def upload_document(client, filename, content, title="Dokumen uji"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(filename, content),
        },
    )


def upload_image(client, filename, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Foto uji",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(filename, content),
        },
    )


def test_every_allowed_document_extension_has_a_content_check():
    assert set(settings.WAGTAILDOCS_EXTENSIONS) <= set(DOCUMENT_CHECKS)
    assert "svg" not in settings.WAGTAILDOCS_EXTENSIONS and "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "js", "php", "exe"} & set(settings.WAGTAILDOCS_EXTENSIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("extension", sorted(REAL))
def test_a_real_document_is_accepted_under_a_random_name(editor, extension):
    response = upload_document(editor, f"Laporan Kinerja 2025.{extension}", REAL[extension])
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert re.fullmatch(rf"documents/laporan-kinerja-2025-[0-9a-f]{{16}}\.{extension}", document.file.name)
    mode = os.stat(document.file.path).st_mode
    assert not mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.mark.django_db
@pytest.mark.parametrize("extension", sorted(FAKE))
def test_a_document_whose_contents_lie_about_its_type_is_refused(editor, extension):
    response = upload_document(editor, f"laporan.{extension}", FAKE[extension])
    assert response.status_code == 200
    assert "isinya tidak sesuai dengan ekstensinya" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("filename", ["gambar.svg", "halaman.html", "skrip.php", "program.exe", "laporan.pdf.html"])
def test_dangerous_extensions_are_refused(editor, filename):
    content = SVG if filename.endswith("svg") else HTML
    assert upload_document(editor, filename, content).status_code == 200
    assert upload_image(editor, filename, content).status_code == 200
    assert not Document.objects.exists() and not Image.objects.exists()


@pytest.mark.django_db
def test_the_multiple_uploader_checks_contents_too(editor):
    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("laporan.pdf", HTML), "collection": Collection.get_first_root_node().pk},
    )
    assert response.json()["success"] is False
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_document_size_limit(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    big = simple_pdf("Besar", ["x" * 80] * 40)
    assert len(big) > 1024
    response = upload_document(editor, "besar.pdf", big)
    assert response.status_code == 200
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_real_image_is_accepted_under_a_random_name(editor):
    response = upload_image(editor, "Foto Kegiatan FGD.jpg", image_bytes())
    assert response.status_code == 302
    image = Image.objects.get()
    assert re.fullmatch(r"original_images/foto[-_]kegiatan[-_]fgd-[0-9a-f]{16}\.jpg", image.file.name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "content"),
    [("foto.png", HTML), ("foto.jpg", b"\xff\xd8\xff" + HTML), ("foto.png", SVG), ("foto.webp", b"RIFF0000WEBP")],
)
def test_an_image_that_is_not_an_image_is_refused(editor, filename, content):
    """Case 2 (JPEG signature, HTML body) was a server error in Wagtail 8.0.1 (home.uploads.CheckedImageField)."""
    assert upload_image(editor, filename, content).status_code == 200
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_image_pixel_limit(editor, settings):
    # 8000 x 6000 = 48 megapixels: a small PNG file, but a 190 MB bitmap once decoded.
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < 8000 * 6000
    buffer = io.BytesIO()
    PILImage.new("1", (8000, 6000)).save(buffer, "PNG")
    response = upload_image(editor, "raksasa.png", buffer.getvalue())
    assert response.status_code == 200
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_pixel_bomb_is_refused_as_image_and_as_document_with_the_same_message(editor):
    """9000 × 9000 in about 10 KB: below Pillow's own bomb threshold, above ours. The image library decodes only
    the header to find out; documents (which may be PNG or JPEG) get the same check, not only images."""
    bomb = pixel_bomb_png()
    for response in (upload_image(editor, "peta.png", bomb), upload_document(editor, "peta.png", bomb)):
        assert response.status_code == 200
        assert "lebih dari 40 juta piksel" in response.content.decode()
    assert not Image.objects.exists() and not Document.objects.exists()


@pytest.mark.django_db
def test_html_behind_a_pdf_header_is_not_a_pdf(editor):
    response = upload_document(editor, "laporan.pdf", HTML_BEHIND_A_PDF_HEADER)
    assert response.status_code == 200
    assert "isinya tidak sesuai dengan ekstensinya" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("../../etc/passwd.pdf", r"passwd-[0-9a-f]{16}\.pdf"),
        ("ü" * 200 + ".PDF", r"u{40}-[0-9a-f]{16}\.pdf"),
        ("<img src=x onerror=alert(1)>.png", r"img-srcx-onerroralert1-[0-9a-f]{16}\.png"),
        ("نموذج.pdf", r"[a-z]+-[0-9a-f]{16}\.pdf"),
        ("😀.pdf", r"[a-z]+-[0-9a-f]{16}\.pdf"),
        ("....pdf", r"berkas-[0-9a-f]{16}\.pdf"),
        ("", r"berkas-[0-9a-f]{16}"),
    ],
)
def test_random_names_are_short_ascii_and_unguessable(original, expected):
    name = random_name(original)
    assert re.fullmatch(expected, name), name
    assert random_name(original) != name
