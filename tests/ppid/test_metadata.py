"""Documents published through the PPID lists are served without their authors' metadata (ppid/metadata.py)."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from ppid.metadata import strip_document
from ppid.models import ExemptInformation
from tests.factories.ppid import make_document, make_item

pytestmark = pytest.mark.django_db
AUTHOR = "Budi Santoso"
PATH = "C:\\Users\\budi.santoso\\Documents\\rahasia\\laporan.docx"


def pdf_with_author():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Author": AUTHOR, "/Creator": PATH, "/Title": "Laporan"})
    writer.xmp_metadata = None
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert AUTHOR.encode() in data
    return data


def docx_with_author():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document>Isi laporan tetap utuh.</w:document>")
        archive.writestr(
            "docProps/core.xml",
            '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
            f"{AUTHOR}</dc:creator><cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy></cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml",
            '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'extended-properties"><Template>{PATH}</Template><Company>Kesbangpol</Company></Properties>',
        )
    return out.getvalue()


def served(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_pdf_published_in_the_dip_is_served_without_its_author(client, ppid_section):
    document = make_document("Laporan kinerja", "laporan.pdf", pdf_with_author())
    make_item(document=document, external_url="")
    data = served(client, document)
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert not metadata or "/Author" not in metadata
    assert AUTHOR.encode() not in data and b"budi.santoso" not in data
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    document.refresh_from_db()
    with document.file.open("rb") as stored:
        assert stored.read() == data  # the stored file, not only the response
    assert document.file_size == len(data)


def test_a_docx_is_served_without_author_and_template_path_and_keeps_its_text(client, ppid_section):
    document = make_document("Laporan Word", "laporan.docx", docx_with_author())
    make_item(document=document, external_url="")
    data = served(client, document)
    assert AUTHOR.encode() not in data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert b"Isi laporan tetap utuh." in archive.read("word/document.xml")
        for part in ("docProps/core.xml", "docProps/app.xml"):
            text = archive.read(part).decode()
            assert AUTHOR not in text and "budi" not in text and "Kesbangpol" not in text


def test_the_consequence_test_sheet_of_the_dik_is_stripped_too(client, ppid_section):
    document = make_document("Lembar uji", "lembar.pdf", pdf_with_author())
    ExemptInformation.objects.create(
        information="Data pribadi",
        ground="h",
        legal_basis="UU 14/2008 Pasal 17 huruf h",
        consequence="Mengungkap rahasia pribadi.",
        exemption_period="5 tahun",
        consequence_test=document,
        decree_number="1",
        decree_date=datetime.date(2026, 1, 1),
    )
    assert AUTHOR.encode() not in served(client, document)


def test_a_replaced_file_of_a_listed_document_is_stripped_again(client, ppid_section):
    document = make_document("Laporan", "laporan.pdf", pdf_with_author())
    make_item(document=document, external_url="")
    document.file = SimpleUploadedFile("laporan-baru.pdf", pdf_with_author())
    document.save()
    assert AUTHOR.encode() not in served(client, document)


def test_documents_outside_the_lists_are_left_alone(ppid_section):
    document = make_document("Lampiran berita", "berita.pdf", pdf_with_author())
    document.title = "Lampiran berita (edit)"
    document.save()
    with document.file.open("rb") as stored:
        assert AUTHOR.encode() in stored.read()


def test_stripping_twice_changes_nothing(ppid_section):
    document = make_document("Laporan", "laporan.pdf", pdf_with_author())
    item = make_item(document=document, external_url="")
    document.refresh_from_db()
    first_hash = document.file_hash
    item.save()
    assert strip_document(document) is False
    document.refresh_from_db()
    assert document.file_hash == first_hash
