"""Uploaded files are checked for what they really are (see docs/security.md; names: home/storage.py).

An extension says nothing about a file's contents: a "laporan.pdf" may be an HTML page that runs script when a
browser opens it from our domain. Documents are therefore checked against the signature of the format their
extension names. Images are already decoded by Wagtail (Willow/Pillow) on upload, which refuses anything that is not
a real image of an allowed format; SVG is not an allowed format at all (it can carry script), for images or
documents.
"""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


def _head(file, size=2048):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _zip_names(file):
    """The member names of a ZIP archive (read from its directory; nothing is decompressed), or None."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)


def _is_pdf(file):
    return _head(file, 5) == b"%PDF-"


def _is_office_open_xml(part):
    def check(file):
        names = _zip_names(file)
        return bool(names) and "[Content_Types].xml" in names and any(n.startswith(part) for n in names)

    return check


def _is_open_document(mimetype):
    def check(file):
        # An OpenDocument file is a ZIP whose first entry, "mimetype", is stored uncompressed at byte 38.
        head = _head(file, 38 + len(mimetype))
        return head.startswith(b"PK\x03\x04") and head[30:38] == b"mimetype" and head[38:] == mimetype.encode()

    return check


def _is_image(format_name):
    def check(file):
        file.seek(0)
        try:
            with Image.open(file) as image:
                ok = image.format == format_name
                image.verify()
            return ok
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            return False
        finally:
            file.seek(0)

    return check


# Extension -> (check, the name of the format in the error message). Keep in step with WAGTAILDOCS_EXTENSIONS:
# tests/site/test_uploads.py fails when an allowed extension has no check.
DOCUMENT_CHECKS = {
    "pdf": (_is_pdf, "PDF"),
    "docx": (_is_office_open_xml("word/"), "Word (DOCX)"),
    "xlsx": (_is_office_open_xml("xl/"), "Excel (XLSX)"),
    "odt": (_is_open_document("application/vnd.oasis.opendocument.text"), "OpenDocument Text (ODT)"),
    "ods": (_is_open_document("application/vnd.oasis.opendocument.spreadsheet"), "OpenDocument Spreadsheet (ODS)"),
    "jpg": (_is_image("JPEG"), "JPEG"),
    "jpeg": (_is_image("JPEG"), "JPEG"),
    "png": (_is_image("PNG"), "PNG"),
}


def check_document_content(file):
    """Raise ValidationError unless the file's contents match the format its extension names."""
    extension = os.path.splitext(file.name or "")[1].lower().lstrip(".")
    if extension not in DOCUMENT_CHECKS:
        # The model's extension allowlist (WAGTAILDOCS_EXTENSIONS) refuses it with its own message.
        return
    check, format_name = DOCUMENT_CHECKS[extension]
    if not check(file):
        raise ValidationError(
            _("This file is not a real %(format)s file: its contents do not match its extension."),
            code="content_mismatch",
            params={"format": format_name},
        )


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload, edit) with the content check on a new file."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_document_content(file)
        return file


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, refusing (instead of crashing on) a file that looks like an image to Willow's
    signature sniffing but that Pillow cannot decode, e.g. a JPEG header followed by HTML. Wagtail 8.0.1 lets
    Pillow's UnidentifiedImageError escape from its pixel-size check, which is a server error for the editor."""

    def check_image_pixel_size(self, f):
        try:
            return super().check_image_pixel_size(f)
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form (single and multiple upload, edit) with `CheckedImageField` for the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields.get("file")
        if type(file_field) is WagtailImageField:
            # Wagtail builds this field itself (formfield_callback); only its class changes, not its settings.
            file_field.__class__ = CheckedImageField
