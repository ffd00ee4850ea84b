"""Checking an uploaded attachment by what it contains, never by its name or the browser's Content-Type.

Accepted: one PDF, JPEG or PNG of at most 5 MB. The stored file gets a random name and the extension of the type we
detected, so nothing the uploader chose (name, extension, claimed type) reaches the disk or an editor's browser.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentType:
    extension: str
    mimetype: str
    pillow_format: str = ""


PDF = AttachmentType("pdf", "application/pdf")
JPEG = AttachmentType("jpg", "image/jpeg", "JPEG")
PNG = AttachmentType("png", "image/png", "PNG")


def sniff(head):
    """The type the first bytes announce, or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def _pdf_looks_whole(upload):
    # A real PDF ends with an %%EOF marker (possibly followed by a newline or a few bytes of padding).
    size = upload.size
    upload.seek(max(0, size - 1024))
    return b"%%EOF" in upload.read()


def _image_is_valid(upload, kind):
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.format != kind.pillow_format:
                return False
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def validate_attachment(upload):
    """The detected AttachmentType of a Django UploadedFile, or a ValidationError with an Indonesian message."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The attachment is larger than 5 MB. Send a smaller file."), code="too_large")
    if upload.size == 0:
        raise ValidationError(_("The attachment is empty."), code="empty")
    upload.seek(0)
    kind = sniff(upload.read(16))
    if kind is None:
        raise ValidationError(_("Only a PDF, JPG or PNG file can be attached."), code="type")
    whole = _pdf_looks_whole(upload) if kind is PDF else _image_is_valid(upload, kind)
    upload.seek(0)
    if not whole:
        raise ValidationError(
            _("The file looks like a %(type)s but it is damaged or incomplete.") % {"type": kind.extension.upper()},
            code="damaged",
        )
    return kind


def random_name(kind):
    """A storage name nobody can guess or choose: 128 random bits and the detected extension."""
    return f"{secrets.token_hex(16)}.{kind.extension}"
