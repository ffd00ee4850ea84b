"""Checking an uploaded attachment by what it contains, never by its name or the browser's Content-Type.

Accepted: one PDF, JPEG or PNG of at most 5 MB, checked by the validator of every upload field
(`home.uploads.check_upload`: contents = declared type, PDF structure without HTML, the image pixel limit). The
stored file gets a random name and the extension of the type we detected, so nothing the uploader chose (name,
extension, claimed type) reaches the disk or an editor's browser.
"""

import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.uploads import JPEG, PDF, PNG, check_upload

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
ATTACHMENT_TYPES = (PDF, JPEG, PNG)


def validate_attachment(upload):
    """The detected type (home.uploads.FileType) of a Django UploadedFile, or a ValidationError with an Indonesian
    message."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The attachment is larger than 5 MB. Send a smaller file."), code="too_large")
    if upload.size == 0:
        raise ValidationError(_("The attachment is empty."), code="empty")
    try:
        return check_upload(upload, ATTACHMENT_TYPES)
    except ValidationError as error:
        if error.code == "unsupported":
            raise ValidationError(_("Only a PDF, JPG or PNG file can be attached."), code="type") from None
        raise


def random_name(kind):
    """A storage name nobody can guess or choose: 128 random bits and the detected extension."""
    return f"{secrets.token_hex(16)}.{kind.extension}"
