"""Documents editors upload for guidance: allowed types only, a size limit, served through Wagtail's view."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from home.seeding import simple_pdf
from tests.site.test_uploads import REAL

Document = get_document_model()


def upload(client, name, content, title="Formulir"):
    return client.post("/admin/documents/add/", {"title": title, "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    "name, content",
    [
        ("setup.exe", b"MZ\x90\x00 not a document"),
        ("formulir.html", b"<script>alert(1)</script>"),
        ("formulir.svg", b"<svg onload='alert(1)'/>"),
        ("formulir.pdf.js", b"alert(1)"),
        ("formulir", b"no extension"),
    ],
)
def test_editors_cannot_upload_other_file_types(client, admin_user, name, content):
    client.force_login(admin_user)
    response = upload(client, name, content)
    assert response.status_code == 200  # the form again, with an error next to the file field
    assert "file" in response.context["form"].errors
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["formulir.pdf", "formulir.docx", "rekap.xlsx", "formulir.odt", "rekap.ods"])
def test_editors_can_upload_the_allowed_types(client, admin_user, name):
    client.force_login(admin_user)
    extension = name.rsplit(".", 1)[1]
    response = upload(client, name, REAL[extension])  # a real file of that type: contents are checked too
    assert response.status_code == 302
    assert Document.objects.get().file_extension == name.rsplit(".", 1)[1]


def test_upload_size_is_limited(client, admin_user, settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024  # the limit is read when the form is built
    client.force_login(admin_user)
    response = upload(client, "besar.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Document.objects.exists()


def test_documents_are_served_through_wagtails_view(client, db):
    document = Document(title="Contoh", file=SimpleUploadedFile("contoh-surat.pdf", simple_pdf("Contoh", ["Isi"])))
    document.save()
    response = client.get(document.url)
    # Stored under a random suffix (home/storage.py), so the address cannot be guessed from the title.
    assert re.fullmatch(rf"/documents/{document.pk}/contoh-surat-[0-9a-f]{{16}}\.pdf", document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert client.get(f"/documents/{document.pk}/lain.pdf").status_code == 404
