"""Building blocks for `manage.py seed_demo`.

Each app that has demo content defines `<app>/demo.py` with a function `seed(seeder)`; `seed_demo` calls them in
INSTALLED_APPS order (home first, so later apps find the home page). Every helper here is idempotent: it finds
the object by a natural key (a slug under a parent, a title) and creates it only when it is missing, so a second
run changes nothing.
"""

import io
import json

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site


def rich(*paragraphs):
    """Rich text HTML from plain paragraphs (escaped: demo text is plain prose)."""
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def stream(*blocks):
    """StreamField raw data from (block_type, value) pairs."""
    return json.dumps([{"type": t, "value": v} for t, v in blocks])


class Seeder:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = 0
        self.kept = 0

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def _result(self, created, label):
        if created:
            self.created += 1
            self.log(f"  + {label}")
        else:
            self.kept += 1
        return created

    # Pages -----------------------------------------------------------------------------------------------------
    def home_page(self):
        return Site.objects.get(is_default_site=True).root_page.specific

    def page(self, parent, model, slug, **fields):
        """The child of `parent` with this slug; created and published with `fields` when missing."""
        existing = Page.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            self._result(False, slug)
            return existing.specific
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self._result(True, f"{model._meta.verbose_name}: {page.title}")
        return page

    # Media -----------------------------------------------------------------------------------------------------
    def image(self, title, caption, colours=("#0b3d63", "#1d6fa5"), size=(1600, 900)):
        """A photo-like placeholder drawn locally with Pillow (a gradient and a caption); nothing downloaded."""
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing is not None:
            self._result(False, title)
            return existing
        width, height = size
        top, bottom = (_hex_to_rgb(c) for c in colours)
        canvas = PILImage.new("RGB", size)
        draw = ImageDraw.Draw(canvas)
        for y in range(height):
            t = y / (height - 1)
            draw.line(
                [(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
            )
        font = ImageFont.load_default(size=max(24, width // 22))
        draw.multiline_text((width // 14, height // 2), caption, fill=(255, 255, 255), font=font, spacing=12)
        buffer = io.BytesIO()
        canvas.save(buffer, "JPEG", quality=78, optimize=True, progressive=True)
        slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60]
        image = Image(title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{slug}.jpg"))
        image.save()
        self._result(True, f"image: {title}")
        return image

    def document(self, title, filename, content):
        """A document in the Wagtail library, found again by title."""
        Document = get_document_model()
        existing = Document.objects.filter(title=title).first()
        if existing is not None:
            self._result(False, title)
            return existing
        document = Document(title=title, file=SimpleUploadedFile(filename, content))
        document.save()
        self._result(True, f"document: {title}")
        return document

    # Other objects ---------------------------------------------------------------------------------------------
    def get_or_create(self, model, defaults=None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        self._result(created, f"{model._meta.verbose_name}: {obj}")
        return obj


def simple_pdf(title, lines):
    """A small, valid one-page PDF (Helvetica, Latin-1 text) for demo downloads."""

    def pdf_text(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace")

    ops = [b"BT /F1 18 Tf 56 780 Td (" + pdf_text(title) + b") Tj ET"]
    y = 740
    for line in lines:
        ops.append(b"BT /F1 11 Tf 56 %d Td (" % y + pdf_text(line) + b") Tj ET")
        y -= 18
    content = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _hex_to_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


# The source of news stories invented for the demo (news/demo.py, events/demo.py).
DEMO_SOURCE = "Contoh konten demo"

# The note on demo pages that state invented figures, names or quotes (the tests look for it, word for word).
DEMO_NOTE = (
    "Contoh konten demo: angka, nama, kutipan, dan rincian di halaman ini disusun untuk memperlihatkan cara kerja "
    "portal, bukan informasi resmi."
)


def demo_note():
    """DEMO_NOTE as a paragraph the seed puts at the top of such a page's text. It is content, not template: a page
    an editor writes never shows it, and an editor who turns a demo page into a real one deletes it with the rest."""
    return f"<p><i>{escape(DEMO_NOTE)}</i></p>"


def with_demo_note(body):
    """StreamField raw data (from `stream`) with the demo note as its first paragraph."""
    return json.dumps([{"type": "paragraph", "value": demo_note()}, *json.loads(body or "[]")])
