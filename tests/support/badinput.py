"""A corpus of bad and odd input, for every public form (tests/support/public_forms.py posts it into every field).

Each entry says what a well-behaved form must do with it:
- REJECT: a field-level message in Indonesian, and nothing stored;
- ACCEPT: stored exactly as typed (names in Arabic or Javanese script, emoji) and shown escaped;
- EITHER: the form may refuse it (with a field-level message) or take it (stored exactly, shown escaped), but never
  a server error.
Which entries apply depends on the kind of field (`values_for(kind)`): an e-mail field must refuse header
injection; a date field must refuse 31 February; a text field may take "=SUM(A1)" but the export must not run it.
"""

import unicodedata
from dataclasses import dataclass

REJECT, ACCEPT, EITHER = "reject", "accept", "either"

# A marker in every markup payload: if it ever appears unescaped in a page, something rendered input as HTML.
XSS_MARK = "kbx9"


@dataclass(frozen=True)
class Bad:
    name: str
    value: str | bytes  # bytes: sent as they are (percent-encoded), e.g. invalid UTF-8
    expect: str


TEXT = [
    # Oversized: every field must have a maximum length (and the body limit stops the rest).
    Bad("oversized", "a" * 100_000, REJECT),
    Bad("NUL", "Budi\x00Santoso", REJECT),
    Bad("only NUL", "\x00", REJECT),
    Bad("control characters", "Budi\x07\x08\x1b[31mSantoso\x7f", EITHER),
    Bad("CRLF", "Budi\r\nSantoso", EITHER),
    Bad("invalid UTF-8", b"Budi\xff\xfe\xc0\xafSantoso", EITHER),
    Bad("replacement characters", "Budi\ufffd\ufffdSantoso", EITHER),
    Bad("RTL override", "Budi \u202etnemucod.exe", EITHER),
    Bad("zero-width joiners", "Bu\u200bdi\u200d San\ufefftoso", EITHER),
    Bad("combining marks flood", "Z" + "\u0336\u0337\u0338" * 60, EITHER),
    Bad("emoji", "Budi 🙂🇮🇩👨‍👩‍👧", ACCEPT),
    Bad("Arabic script", "محمد عبد الله", ACCEPT),
    Bad("Javanese script", "ꦧꦸꦢꦶ ꦱꦤ꧀ꦠꦺꦴꦱ", ACCEPT),
    Bad("Chinese characters", "王小明", ACCEPT),
    Bad("apostrophe and accents", "Ni Luh Putu O'Neil-Ságara", ACCEPT),
    # The same accents decomposed (NFD: "a" + U+0301), as some keyboards and pasted text send them. The site stores
    # what was typed without Unicode normalisation, so this must come back in NFD, not silently turned into NFC.
    Bad("decomposed accents (NFD)", unicodedata.normalize("NFD", "Ságara Nuñez"), ACCEPT),
    Bad("script tag", f"<script>alert('{XSS_MARK}')</script>", EITHER),
    Bad("attribute breakout", f'"><img src=x onerror=alert("{XSS_MARK}")>', EITHER),
    Bad("javascript URL", f"javascript:alert('{XSS_MARK}')", EITHER),
    Bad("Django template syntax", "{{ request.COOKIES }}{% debug %}{{7*7}}", EITHER),
    Bad("spreadsheet formula", '=HYPERLINK("http://evil.example","klik")', EITHER),
    Bad("spreadsheet formula (plus, at, tab)", "+cmd|' /C calc'!A0\t@SUM(1)", EITHER),
    Bad("SQL-looking text", "'; DROP TABLE wagtailcore_page; --", EITHER),
    Bad("SQL wildcard", "%_%' OR '1'='1", EITHER),
    Bad("path traversal", "../../../../etc/passwd", EITHER),
    Bad("only spaces", "     ", EITHER),
]

EMAIL = [
    Bad("header injection (CRLF Bcc)", "budi@example.org\r\nBcc: korban@example.org", REJECT),
    Bad("header injection (LF)", "budi@example.org\nSubject: spam", REJECT),
    Bad("two addresses", "budi@example.org, korban@example.org", REJECT),
    Bad("display name", "Budi <budi@example.org>", REJECT),
    Bad("no domain", "budi@", REJECT),
    Bad("NUL", "budi\x00@example.org", REJECT),
    Bad("oversized", "a" * 300 + "@example.org", REJECT),
    Bad("script", f"<script>{XSS_MARK}</script>@example.org", REJECT),
    Bad("unicode domain", "budi@contoh.indonesia.example", ACCEPT),
]

NUMBER = [
    Bad("not a number", "sepuluh", REJECT),
    Bad("huge", "9" * 40, REJECT),
    Bad("exponent overflow", "1e309", REJECT),
    Bad("NaN", "NaN", REJECT),
    Bad("infinity", "Infinity", REJECT),
    Bad("negative", "-1", EITHER),
    Bad("decimal comma", "1,5", EITHER),
    Bad("NUL", "1\x00", REJECT),
]

DATE = [
    Bad("31 February", "2026-02-31", REJECT),
    Bad("month 13", "2026-13-01", REJECT),
    Bad("year zero", "0000-01-01", REJECT),
    Bad("far future", "99999-01-01", REJECT),
    Bad("not a date", "besok", REJECT),
    Bad("NUL", "2026-01-01\x00", REJECT),
    Bad("ancient", "0001-01-01", EITHER),
]

TEL = [
    Bad("letters", "nomor saya", EITHER),
    Bad("oversized", "0" * 5000, REJECT),
    Bad("NUL", "0812\x00", REJECT),
    Bad("header injection", "0812\r\nBcc: korban@example.org", EITHER),
]

URL = [
    Bad("javascript URL", f"javascript:alert('{XSS_MARK}')", REJECT),
    Bad("data URL", f"data:text/html,<script>{XSS_MARK}</script>", REJECT),
    Bad("no scheme", "contoh", EITHER),
    Bad("NUL", "https://example.org/\x00", REJECT),
]

CHOICE = [
    Bad("not an option", "bukan-pilihan", REJECT),
    Bad("script", f"<script>{XSS_MARK}</script>", REJECT),
    Bad("NUL", "\x00", REJECT),
]

# A text field for a number that is not a quantity (a NIK): <input inputmode="numeric" pattern="[0-9]{16}">.
DIGITS = [
    Bad("letters", "nomor saya", REJECT),
    Bad("emoji", "\U0001f600" * 16, REJECT),
    Bad("too short", "12345", REJECT),
    Bad("oversized", "1" * 5000, REJECT),
    Bad("NUL", "62710152039\x000007", REJECT),
    Bad("script", f"<script>{XSS_MARK}</script>", REJECT),
]

KINDS = {
    "digits": DIGITS,
    "text": TEXT,
    "textarea": TEXT,
    "search": TEXT,
    "email": EMAIL,
    "number": NUMBER,
    "date": DATE,
    "datetime-local": DATE,
    "tel": TEL,
    "url": URL,
    "select": CHOICE,
    "radio": CHOICE,
    "checkbox": [Bad("script", f"<script>{XSS_MARK}</script>", EITHER), Bad("NUL", "\x00", EITHER)],
    "hidden": [Bad("garbage", "'\"<>\x00\ufffd" + "x" * 5000, EITHER)],
}


def values_for(kind):
    """The corpus entries that apply to a field of this kind (an <input type>, "textarea", "select")."""
    return KINDS.get(kind, TEXT)


def all_values():
    return [bad for entries in KINDS.values() for bad in entries]
