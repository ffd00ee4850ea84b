"""Files published through the PPID lists lose the metadata their authors never meant to publish.

A PDF's document information dictionary and XMP packet, and an Office file's docProps, carry the author's name, the
last person who saved it, the company, the template's path on their computer (C:\\Users\\…) and sometimes more. The
PPID publishes documents, not their authors' details, so when an item of the Daftar Informasi Publik or of the
Daftar Informasi yang Dikecualikan is saved, or the document of one is replaced in the library, its file is
rewritten without them:

- PDF: rewritten by pypdf without the /Info dictionary and the catalogue's /Metadata (XMP) stream. Pages, fonts and
  forms stay as they were; unreachable objects (an earlier incremental save's metadata) are not written.
- DOCX, XLSX, PPTX (Office Open XML, ECMA-376 Part 2) and ODT, ODS (OpenDocument, OASIS ODF 1.2 Part 3): the ZIP is
  rewritten member by member with the standard library; docProps/core.xml, docProps/app.xml and docProps/custom.xml
  (Office) or meta.xml (OpenDocument) become empty property sets of the same schema, everything else is copied
  byte for byte with its order and compression (an OpenDocument's uncompressed "mimetype" stays first).

A file is rewritten only when it carries such metadata, so saving an item again changes nothing. A file that cannot
be read as its extension claims is left alone (home/uploads.py already refuses such uploads).
"""

import io
import logging
import os
import zipfile

from django.core.files.base import ContentFile
from django.db.models.signals import post_save
from wagtail.documents import get_document_model

logger = logging.getLogger(__name__)

OOXML_EMPTY = {
    "docProps/core.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'
    ),
    "docProps/app.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
    ),
    "docProps/custom.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
    ),
}
ODF_EMPTY = {
    "meta.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2">'
        b"<office:meta/></office:document-meta>"
    ),
}


def strip_pdf(data):
    """The PDF without its document information and XMP metadata, or None when it has none (or is unreadable)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        has_info = bool(reader.metadata)
        has_xmp = "/Metadata" in reader.trailer["/Root"]
        if not (has_info or has_xmp):
            return None
        writer = PdfWriter(clone_from=reader)
    except (PdfReadError, KeyError, ValueError, OSError):
        logger.warning("PDF not stripped of metadata: it cannot be read")
        return None
    writer.metadata = None  # no /Info in the trailer, not even pypdf's own /Producer
    if "/Metadata" in writer.root_object:
        del writer.root_object["/Metadata"]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def strip_zip_parts(data, empty_parts):
    """The ZIP package with each member named in `empty_parts` replaced by its empty version, or None when each was
    already empty or absent (or the file is no ZIP)."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with source:
        infos = source.infolist()
        if not any(i.filename in empty_parts and source.read(i) != empty_parts[i.filename] for i in infos):
            return None
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in infos:
                content = empty_parts.get(info.filename) or source.read(info)
                target.writestr(info, content, compress_type=info.compress_type)
    return out.getvalue()


STRIPPERS = {
    "pdf": strip_pdf,
    "docx": lambda data: strip_zip_parts(data, OOXML_EMPTY),
    "xlsx": lambda data: strip_zip_parts(data, OOXML_EMPTY),
    "pptx": lambda data: strip_zip_parts(data, OOXML_EMPTY),
    "odt": lambda data: strip_zip_parts(data, ODF_EMPTY),
    "ods": lambda data: strip_zip_parts(data, ODF_EMPTY),
}


def stripped(name, data):
    """`data` without metadata, for a file called `name`; None when there is nothing to remove."""
    extension = os.path.splitext(name or "")[1].lower().lstrip(".")
    strip = STRIPPERS.get(extension)
    return strip(data) if strip else None


def strip_document(document):
    """Rewrite a Wagtail document's file without its metadata, in place (same name, so its URL does not change).

    Returns True when the file was rewritten."""
    if document is None or not document.file:
        return False
    name = document.file.name
    storage = document.file.storage
    with storage.open(name, "rb") as handle:
        data = handle.read()
    clean = stripped(name, data)
    if clean is None:
        return False
    storage.delete(name)
    saved_name = storage.save(name, ContentFile(clean))
    document.file.name = saved_name
    document.file_size = len(clean)
    document._set_file_hash()
    # update(), not save(): no post_save, so the receiver below does not run again, and nothing else changes.
    type(document).objects.filter(pk=document.pk).update(
        file=saved_name, file_size=document.file_size, file_hash=document.file_hash
    )
    logger.info("Metadata removed from document %s", document.pk)
    return True


def _published_documents_of(document):
    from ppid.models import ExemptInformation, InformationItem

    return (
        InformationItem.objects.filter(document=document).exists()
        or ExemptInformation.objects.filter(consequence_test=document).exists()
    )


def _on_item_saved(sender, instance, **kwargs):
    document = getattr(instance, "document", None) or getattr(instance, "consequence_test", None)
    if document is not None:
        strip_document(document)


def _on_document_saved(sender, instance, created, **kwargs):
    # A document already in the lists whose file an editor replaced in the library.
    if not created and _published_documents_of(instance):
        strip_document(instance)


def connect_signals():
    from ppid.models import ExemptInformation, InformationItem

    post_save.connect(_on_item_saved, sender=InformationItem, dispatch_uid="ppid-strip-item-document")
    post_save.connect(_on_item_saved, sender=ExemptInformation, dispatch_uid="ppid-strip-exempt-document")
    post_save.connect(_on_document_saved, sender=get_document_model(), dispatch_uid="ppid-strip-document")
