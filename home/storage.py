"""The default file storage: uploads are stored under unguessable names (see docs/security.md).

Imported while models load (STORAGES), so it must not import forms or models.
"""

import os
import secrets

from django.core.files.storage import FileSystemStorage
from django.utils.text import slugify
from wagtail.coreutils import string_to_ascii

# Folders whose files get a random name: Wagtail documents, original images, the multiple uploader's holding area,
# and the attachments of public forms.
RANDOM_NAME_FOLDERS = {"documents", "original_images", "wagtail_uploads", "attachments"}
STEM_MAX_LENGTH = 40


def random_name(filename):
    """'Laporan Kinerja 2025 (final).PDF' -> 'laporan-kinerja-2025-final-3f9a0c51d2e47b68.pdf'.

    The 64-bit random part makes the URL unguessable and the name unique; the ASCII slug of the original name is
    kept only so that a downloaded file still says what it is.
    """
    # Split like the extension validators do (pathlib's suffix: "....pdf" is a PDF), not like os.path.splitext.
    stem, dot, extension = os.path.basename(filename).rpartition(".")
    if not dot:
        stem, extension = extension, ""
    slug = slugify(string_to_ascii(stem))[:STEM_MAX_LENGTH].strip("-_") or "berkas"
    extension = "".join(ch for ch in extension.lower() if ch.isascii() and ch.isalnum())[:10]
    return f"{slug}-{secrets.token_hex(8)}" + (f".{extension}" if extension else "")


class RandomNameStorage(FileSystemStorage):
    """The default file storage; files uploaded into RANDOM_NAME_FOLDERS are renamed by `random_name`."""

    def generate_filename(self, filename):
        folder, name = os.path.split(filename.replace("\\", "/"))
        if folder.split("/", 1)[0] in RANDOM_NAME_FOLDERS:
            filename = f"{folder}/{random_name(name)}"
        return super().generate_filename(filename)
