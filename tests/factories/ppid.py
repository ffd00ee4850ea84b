"""Tiny factories for the PPID lists (ppid/models.py)."""

import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.documents import get_document_model

from home.seeding import simple_pdf
from ppid.models import InformationCategory, InformationItem

_numbers = itertools.count(1)


def make_document(title="Dokumen uji", name="uji.pdf", content=None):
    document = get_document_model()(
        title=title, file=SimpleUploadedFile(name, content if content is not None else simple_pdf(title, ["uji"]))
    )
    document.save()
    return document


def make_item(**fields):
    n = next(_numbers)
    fields.setdefault("title", f"Informasi uji {n}")
    fields.setdefault("summary", "Ringkasan isi uji.")
    fields.setdefault("category", InformationCategory.SETIAP_SAAT)
    fields.setdefault(
        "subcategory",
        {
            InformationCategory.BERKALA: "berkala_profil",
            InformationCategory.SERTA_MERTA: "serta_merta_bencana",
            InformationCategory.SETIAP_SAAT: "setiap_saat_keputusan",
        }[fields["category"]],
    )
    fields.setdefault("holding_unit", "Sekretariat")
    fields.setdefault("responsible_person", "Sekretaris Badan")
    fields.setdefault("made_when_where", "Palangka Raya, 2026")
    fields.setdefault("retention_period", "5 tahun")
    fields.setdefault("year", 2026)
    fields.setdefault("last_updated", timezone.localdate())
    if "document" not in fields:
        fields.setdefault("external_url", "https://jdih.kaltengprov.go.id/contoh")
    item = InformationItem(**fields)
    item.full_clean()
    item.save()
    return item


def xlsx_rows(content):
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]
