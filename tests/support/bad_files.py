"""Uploads that lie: real decompression bombs and HTML dressed as a PDF, for every upload field's tests."""

import io

from PIL import Image

# 9000 × 9000 = 81 megapixels in about 10 KB: under Pillow's own bomb threshold (89 Mpx), 243 MB once decoded.
BOMB_SIZE = (9000, 9000)
# A browser or viewer that ignores the type renders these as pages with script.
HTML_NAMED_PDF = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n"
HTML_BEHIND_A_PDF_HEADER = b"%PDF-1.4\n" + HTML_NAMED_PDF + b"%%EOF\n"


def pixel_bomb_png(size=BOMB_SIZE):
    """A real PNG of `size` pixels that compresses to a few kilobytes (one bit per pixel, all black)."""
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
