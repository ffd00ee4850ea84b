"""Every uploaded file, public or admin, is checked here for what it really is (docs/security.md; names:
home/storage.py, home/attachments.py).

One validator, `check_upload(file, types)`, for every upload field: feedback attachments (home/attachments.py),
Wagtail documents (`CheckedDocumentForm`) and images (`CheckedImageField`). Editor-built forms have no file
questions at all (builtforms.models.FieldKind). The rule:

- the contents must be one of the field's types, by their signature and structure, never by the name or the
  browser's Content-Type: a PDF starts with "%PDF-", has its cross-reference and "%%EOF" at the end and carries no
  HTML; Office files are ZIPs with "[Content_Types].xml"; OpenDocument files start with their stored mimetype;
  images are opened by Pillow as that very format;
- the type the name's extension declares must be the type the contents are (a ".pdf" that is a PNG is refused);
- images (PNG, JPEG, GIF, WebP, AVIF, also when uploaded as documents) have at most
  `WAGTAILIMAGES_MAX_IMAGE_PIXELS` pixels, read from the header alone: a 9000 × 9000 PNG is 10 KB on the wire and
  243 MB once decoded (a decompression bomb), so nothing is decoded before the size is known;
- a refusal is a ValidationError with an Indonesian message, raised while the form is cleaned: nothing is stored.

SVG is not an allowed format anywhere (it can carry script).
"""

import os
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Markup that makes a browser or a careless viewer treat a body as a web page. A PDF made by an office suite or a
# scanner carries none of it outside compressed streams.
HTML_MARKERS = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg)[\s>/]", re.IGNORECASE)


def _head(file, size=2048):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _tail(file, size=1024):
    file.seek(0, os.SEEK_END)
    file.seek(max(0, file.tell() - size))
    tail = file.read()
    file.seek(0)
    return tail


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


def _has_html(file, chunk=1024 * 1024):
    file.seek(0)
    previous = b""
    try:
        while block := file.read(chunk):
            if HTML_MARKERS.search(previous[-32:] + block):
                return True
            previous = block
        return False
    finally:
        file.seek(0)


def _is_pdf(file):
    return _head(file, 5) == b"%PDF-" and not _has_html(file)


def _pdf_is_whole(file):
    # A PDF ends with "startxref", the offset of its cross-reference, and "%%EOF" (maybe with a little padding).
    tail = _tail(file)
    return b"startxref" in tail and b"%%EOF" in tail


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


IMAGE_SIGNATURES = {
    "JPEG": lambda head: head.startswith(b"\xff\xd8\xff"),
    "PNG": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "GIF": lambda head: head[:6] in (b"GIF87a", b"GIF89a"),
    "WEBP": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    "AVIF": lambda head: head[4:12] in (b"ftypavif", b"ftypavis"),
}


def _is_image(format_name):
    def check(file):
        if not IMAGE_SIGNATURES[format_name](_head(file, 16)):
            return False
        file.seek(0)
        try:
            # Image.open reads the header only; the pixels are decoded later (or never).
            with Image.open(file) as image:
                return image.format == format_name
        except Image.DecompressionBombError:
            return True  # an image of this format, and far too large: the pixel limit says so
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return True  # the signature of this format, but cut off or damaged: `_image_is_whole` says so
        finally:
            file.seek(0)

    return check


def _image_is_whole(file):
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.verify()
        return True
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return False
    finally:
        file.seek(0)


def _image_pixels(file):
    """Width × height from the header; None when Pillow itself calls it a bomb (over twice its own limit), 0 when
    the header cannot be read (then `_image_is_whole` refuses it)."""
    file.seek(0)
    try:
        with Image.open(file) as image:
            width, height = image.size
            return width * height
    except Image.DecompressionBombError:
        return None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return 0
    finally:
        file.seek(0)


@dataclass(frozen=True)
class FileType:
    name: str  # as the messages say it
    extensions: tuple
    mimetype: str
    contents_match: object  # file -> bool: the signature (and no foreign markup)
    is_whole: object = None  # file -> bool: not cut off or damaged
    image: bool = False  # pixels counted against WAGTAILIMAGES_MAX_IMAGE_PIXELS

    @property
    def extension(self):
        return self.extensions[0]


PDF = FileType("PDF", ("pdf",), "application/pdf", _is_pdf, _pdf_is_whole)
DOCX = FileType(
    "Word (DOCX)",
    ("docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    _is_office_open_xml("word/"),
)
XLSX = FileType(
    "Excel (XLSX)",
    ("xlsx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    _is_office_open_xml("xl/"),
)
ODT = FileType(
    "OpenDocument Text (ODT)",
    ("odt",),
    "application/vnd.oasis.opendocument.text",
    _is_open_document("application/vnd.oasis.opendocument.text"),
)
ODS = FileType(
    "OpenDocument Spreadsheet (ODS)",
    ("ods",),
    "application/vnd.oasis.opendocument.spreadsheet",
    _is_open_document("application/vnd.oasis.opendocument.spreadsheet"),
)
JPEG = FileType("JPEG", ("jpg", "jpeg"), "image/jpeg", _is_image("JPEG"), _image_is_whole, image=True)
PNG = FileType("PNG", ("png",), "image/png", _is_image("PNG"), _image_is_whole, image=True)
GIF = FileType("GIF", ("gif",), "image/gif", _is_image("GIF"), _image_is_whole, image=True)
WEBP = FileType("WebP", ("webp",), "image/webp", _is_image("WEBP"), _image_is_whole, image=True)
AVIF = FileType("AVIF", ("avif",), "image/avif", _is_image("AVIF"), _image_is_whole, image=True)

DOCUMENT_TYPES = (PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG)
IMAGE_TYPES = (JPEG, PNG, GIF, WEBP, AVIF)
# Extension -> (check, format name), for every document extension. Keep in step with WAGTAILDOCS_EXTENSIONS:
# tests/site/test_uploads.py fails when an allowed extension has no check.
DOCUMENT_CHECKS = {ext: (t.contents_match, t.name) for t in DOCUMENT_TYPES for ext in t.extensions}


def extension_of(file):
    return os.path.splitext(file.name or "")[1].lower().lstrip(".")


def max_image_pixels():
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def check_upload(file, types, *, max_pixels=None):
    """The FileType `file` really is, among `types`; otherwise a ValidationError (codes: `unsupported`,
    `content_mismatch`, `damaged`, `too_many_pixels`) with an Indonesian message. Leaves the file at position 0.

    `max_pixels` defaults to WAGTAILIMAGES_MAX_IMAGE_PIXELS, for every image whatever the field.
    """
    declared = next((t for t in types if extension_of(file) in t.extensions), None)
    candidates = [declared] if declared else list(types)
    found = next((t for t in candidates if t.contents_match(file)), None)
    if found is None and declared is not None:
        raise ValidationError(
            _("This file is not a real %(format)s file: its contents do not match its extension."),
            code="content_mismatch",
            params={"format": declared.name},
        )
    if found is None:
        raise ValidationError(
            _("This kind of file is not accepted here. Accepted: %(formats)s."),
            code="unsupported",
            params={"formats": ", ".join(t.name for t in types)},
        )
    if found.image:
        limit = max_image_pixels() if max_pixels is None else max_pixels
        pixels = _image_pixels(file)
        if pixels is None or pixels > limit:
            raise ValidationError(
                _(
                    "This image has more than %(megapixels)s million pixels. Make it smaller (e.g. 4000 × 3000 "
                    "pixels) and send it again."
                ),
                code="too_many_pixels",
                params={"megapixels": limit // 1_000_000},
            )
    if found.is_whole and not found.is_whole(file):
        raise ValidationError(
            _("The file looks like a %(type)s but it is damaged or incomplete."),
            code="damaged",
            params={"type": found.name},
        )
    file.seek(0)
    return found


def check_document_content(file):
    """Raise ValidationError unless the file's contents match the format its extension names (Wagtail documents).

    An extension outside WAGTAILDOCS_EXTENSIONS is left to the model's allowlist, which refuses it with its own
    message."""
    if extension_of(file) in DOCUMENT_CHECKS:
        check_upload(file, DOCUMENT_TYPES)


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload, edit) with the content check on a new file."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_document_content(file)
        return file


class CheckedImageField(WagtailImageField):
    """Wagtail's image field with `check_upload`, refusing (instead of crashing on) a file that looks like an image
    to Willow's signature sniffing but that Pillow cannot decode, e.g. a JPEG header followed by HTML. Wagtail
    8.0.1 lets Pillow's UnidentifiedImageError escape from its pixel-size check: a server error for the editor."""

    def check_image_pixel_size(self, f):
        # First the rule of every upload field (declared type = contents, header-only pixel limit, one message),
        # then Wagtail's own count, which also multiplies by the frames of an animation.
        check_upload(f, IMAGE_TYPES)
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
