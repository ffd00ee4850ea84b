"""Find every public form on the site and hold it to the bad-input oracle (docs/security.md).

    forms = discover_forms(client)                 # every <form> on every public page (tests/support/public_urls.py)
    problems = check_form(client, form)            # [] when the form behaves; else one line per failure

The oracle, per corpus entry (tests/support/badinput.py) posted into one field while the others hold valid values:
- never a 5xx;
- REJECT entries: the form comes back with a message next to *that* field, in Indonesian, and no row is stored;
- ACCEPT entries: the submission succeeds and the exact value is stored;
- EITHER entries: one of the two above, cleanly;
- always: no markup from the input appears unescaped in the response.
GET forms (search) get the corpus too, with the first and last rule.

Valid values for the other fields are guessed from each field's type and attributes. A form that needs something
the guess cannot know adds it to BASELINE_OVERRIDES (keyed by the form's action path). Anti-spam timing is
switched off and the rate-limit cache cleared between posts by the caller (see the fixtures in
tests/site/test_bad_input.py), so each post is judged on its content alone.
"""

import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from urllib.parse import quote_from_bytes, urljoin, urlparse

import django
import polib
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.db import connection, models

from tests.support.badinput import ACCEPT, EITHER, REJECT, XSS_MARK, values_for
from tests.support.public_urls import public_paths

# Apps whose tables hold what visitors submit: "nothing stored" is checked over all of their models.
SUBMISSION_APPS = {"home", "news", "events", "feedback", "consultations", "builtforms", "ppid", "forms", "wagtailforms"}
# Fields the harness never fills with the corpus: Django's CSRF token and the anti-spam pair.
MACHINE_FIELDS = {"csrfmiddlewaretoken", "form_started"}
# Forms that look something up and store nothing (the feedback status lookup, and the form that mails status links
# to an address on file): only the never-5xx and escaping rules apply, as for login forms; tests/feedback/ covers
# their answers. The PPID objection form stores only after a number and its secret match, which the corpus never
# guesses.
LOOKUP_ACTIONS = {
    "/saran-dan-pengaduan/status/",
    "/saran-dan-pengaduan/kirim-ulang-tautan/",
    "/permohonan-informasi/lacak/",
    "/permohonan-informasi/keberatan/",
}
BASELINE_OVERRIDES = {
    "/permohonan-informasi/": {"nik": "6271015203900007"},  # a plausible NIK (ppid/forms.py validate_nik)
    # "/acara/fgd-2026/daftar/": {"jumlah_peserta": "2"},
}
_counter = itertools.count(1)


@dataclass
class FormField:
    name: str
    kind: str  # <input type>, "textarea" or "select"
    required: bool = False
    options: list = field(default_factory=list)
    attrs: dict = field(default_factory=dict)
    honeypot: bool = False


@dataclass
class FoundForm:
    page: str  # the path of the page that shows it
    action: str
    method: str
    fields: list
    multipart: bool = False

    @property
    def key(self):
        return (self.method, self.action, tuple(sorted(f.name for f in self.fields)))

    def __str__(self):
        return f"{self.method} {self.action} (on {self.page})"


# -- discovery -----------------------------------------------------------------------------------------------------


def parse_forms(html, page):
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for form in soup.find_all("form"):
        action = urlparse(urljoin(page, form.get("action") or page))
        fields = {}
        for element in form.find_all(["input", "select", "textarea"]):
            name = element.get("name")
            kind = element.name if element.name != "input" else (element.get("type") or "text").lower()
            if not name or kind in {"submit", "button", "reset", "image"}:
                continue
            honeypot = bool(element.find_parent(attrs={"aria-hidden": "true"}))
            entry = fields.setdefault(
                name,
                FormField(name, kind, element.has_attr("required"), attrs=dict(element.attrs), honeypot=honeypot),
            )
            if kind in {"radio", "checkbox"} and element.get("value"):
                entry.options.append(element["value"])
            if kind == "select":
                entry.options = [o.get("value", o.get_text()) for o in element.find_all("option")]
        found.append(
            FoundForm(
                page=page,
                action=action.path + (f"?{action.query}" if action.query else ""),
                method=(form.get("method") or "get").upper(),
                fields=list(fields.values()),
                multipart=form.get("enctype") == "multipart/form-data",
            )
        )
    return found


def discover_forms(client):
    """Every distinct form on every public page, POST forms first."""
    forms = {}
    for path in public_paths(lambda p: client.get(p).content):
        response = client.get(path)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for form in parse_forms(response.content.decode(), path):
                forms.setdefault(form.key, form)
    return sorted(forms.values(), key=lambda f: (f.method != "POST", f.action))


# -- valid values ------------------------------------------------------------------------------------------------


def baseline_value(f, n):
    attrs = f.attrs
    if f.kind == "email":
        return f"uji.{n}@example.org"
    if f.kind == "tel":
        return f"0812{n:08d}"[:13]
    if f.kind == "number":
        low = float(attrs.get("min", 1))
        return str(int(max(low, 1)))
    if f.kind in {"date", "datetime-local"}:
        day = date.fromisoformat(attrs["min"][:10]) if attrs.get("min") else date.today() + timedelta(days=7)
        return day.isoformat() + ("T10:00" if f.kind == "datetime-local" else "")
    if f.kind == "url":
        return "https://example.org/"
    if f.kind in {"select", "radio"}:
        return next((o for o in f.options if o), "")
    if f.kind == "checkbox":
        return f.options[0] if f.options else "on"
    if f.kind == "hidden":
        return attrs.get("value", "")
    if f.kind == "textarea":
        return f"Pertanyaan uji nomor {n} tentang pendaftaran ormas."
    maxlength = int(attrs.get("maxlength", 60))
    return f"Budi Santoso {n}"[:maxlength]


def fresh_form(client, form):
    """The same form, fetched again: new CSRF token, anti-spam timestamp and any one-time token."""
    response = client.get(form.page)
    for candidate in parse_forms(response.content.decode(), form.page):
        if candidate.key == form.key:
            return candidate
    raise AssertionError(f"{form} is no longer on {form.page}")


def submission(client, form, field_name=None, value=None):
    """Valid values everywhere, `value` in `field_name`; returns (pairs, the unique e-mail/name used)."""
    current = fresh_form(client, form)
    n = next(_counter)
    overrides = BASELINE_OVERRIDES.get(form.action.split("?")[0], {})
    pairs = []
    for f in current.fields:
        if f.honeypot:
            pairs.append((f.name, ""))
        elif f.name == field_name:
            pairs.append((f.name, value))
        elif f.name in overrides:
            pairs.append((f.name, overrides[f.name]))
        elif f.kind == "checkbox" and not f.required and f.name not in MACHINE_FIELDS:
            continue  # optional boxes stay unticked, as they are by default
        elif f.kind == "file":
            continue
        else:
            pairs.append((f.name, baseline_value(f, n) if f.kind != "hidden" else f.attrs.get("value", "")))
    return pairs


def encode(pairs):
    def part(v):
        return quote_from_bytes(v if isinstance(v, bytes) else str(v).encode("utf-8"), safe="")

    return "&".join(f"{part(k)}={part(v)}" for k, v in pairs)


def send(client, form, pairs):
    if form.method == "GET":
        separator = "&" if "?" in form.action else "?"
        return client.get(form.action + separator + encode(pairs))
    return client.post(form.action, data=encode(pairs), content_type="application/x-www-form-urlencoded")


# -- what is stored ----------------------------------------------------------------------------------------------


def submission_models():
    return [
        m for m in apps.get_models() if m._meta.app_label in SUBMISSION_APPS and m._meta.managed and not m._meta.proxy
    ]


def row_counts():
    """{model label: rows} of every submission model, in one query (the oracle counts before and after each post)."""
    models_ = submission_models()
    selects = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(m._meta.db_table)})" for m in models_)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selects}")
        counts = cursor.fetchone()
    return {m._meta.label: n for m, n in zip(models_, counts, strict=True)}


def stored_exactly(value):
    """Is `value` stored, unchanged, in any text or JSON column of a submission model?"""
    for model in submission_models():
        columns = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if not columns:
            continue
        for row in model._default_manager.values_list(*columns):
            for cell in row:
                if cell == value or (isinstance(cell, (dict, list)) and value in json.dumps(cell, ensure_ascii=False)):
                    return True
    return False


# -- messages ----------------------------------------------------------------------------------------------------


@cache
def english_messages():
    """Regexes for the English source of every message Django and we translate: a message matching one was shown
    untranslated."""
    catalogs = [
        Path(django.__file__).parent / "conf/locale/id/LC_MESSAGES/django.po",
        Path(settings.BASE_DIR) / "locale/id/LC_MESSAGES/django.po",
    ]
    patterns = []
    for path in catalogs:
        for entry in polib.pofile(str(path)):
            for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
                if len(msgid) < 8:
                    continue
                pattern = re.escape(msgid)
                pattern = re.sub(r"%\\\([a-z_]+\\\)[sd]|%[sd]|\\\{[a-z_]*\\\}", ".*", pattern)
                patterns.append(re.compile(pattern))
    return patterns


ENGLISH_WORDS = {
    "the",
    "this",
    "is",
    "are",
    "must",
    "please",
    "enter",
    "field",
    "valid",
    "required",
    "contains",
    "characters",
    "not",
    "allowed",
    "ensure",
    "value",
    "and",
    "of",
    "has",
    "at",
    "most",
    "least",
}
INDONESIAN_WORDS = {
    "yang",
    "ini",
    "tidak",
    "dan",
    "harus",
    "masukkan",
    "isian",
    "wajib",
    "dengan",
    "untuk",
    "atau",
    "karakter",
    "pilih",
    "bidang",
    "kolom",
    "mohon",
    "silakan",
    "paling",
    "sedikit",
    "banyak",
    "adalah",
}


def untranslated(message):
    """True when the message is English: Django's or our untranslated msgid, or plainly English words."""
    if any(p.fullmatch(message) for p in english_messages()):
        return True
    words = re.findall(r"[a-z]+", message.lower())
    return sum(w in ENGLISH_WORDS for w in words) > max(1, sum(w in INDONESIAN_WORDS for w in words))


def field_error(soup, name):
    """The message shown next to field `name`, or None."""
    for element in soup.find_all(attrs={"name": name}):
        container = element.find_parent(class_="field")
        ids = (element.get("aria-describedby") or "").split()
        if element.find_parent("fieldset") is not None:
            ids += (element.find_parent("fieldset").get("aria-describedby") or "").split()
        for described in ids:
            target = soup.find(id=described)
            if target is not None and "error-message" in (target.get("class") or []):
                return target.get_text(" ", strip=True)
        if container is not None and "field--error" in (container.get("class") or []):
            message = container.find(class_="error-message")
            return message.get_text(" ", strip=True) if message else ""
    return None


def has_errors(soup):
    return bool(soup.select(".field--error, .error-summary, .errorlist, [aria-invalid=true]"))


def unescaped_markup(body):
    """Markup from the corpus that came back as markup (escaped text is fine). `body`: HTML, or its parsed soup."""
    soup = body if isinstance(body, BeautifulSoup) else BeautifulSoup(body, "html.parser")
    hits = [s for s in soup.find_all("script") if XSS_MARK in (s.string or "")]
    hits += [
        el for el in soup.find_all(True) if any(k.startswith("on") and XSS_MARK in str(v) for k, v in el.attrs.items())
    ]
    hits += [el for el in soup.find_all(href=True) if el["href"].startswith("javascript:") and XSS_MARK in el["href"]]
    return hits


# -- the oracle --------------------------------------------------------------------------------------------------


def is_login_form(form):
    """Login forms (Wagtail's private-page login) store nothing and answer with their own errors: for them only the
    never-5xx and escaping rules apply."""
    return any(f.kind == "password" for f in form.fields) or form.action.split("?")[0] in LOOKUP_ACTIONS


def long_enough(bad, f):
    """A valid-but-odd value repeated up to the field's advertised `minlength` (a message field may ask for ten
    characters; three Chinese characters are then odd *and* too short, which is not what the entry tests)."""
    minimum = int(f.attrs.get("minlength") or 0)
    if bad.expect != ACCEPT or not isinstance(bad.value, str) or not bad.value or len(bad.value) >= minimum:
        return bad.value
    return " ".join([bad.value] * (minimum // (len(bad.value) + 1) + 1))


def corpus_kind(f):
    """The field's kind for the corpus: a text input for digits only (inputmode numeric with a pattern) is "digits"."""
    if f.kind == "text" and f.attrs.get("inputmode") == "numeric" and f.attrs.get("pattern"):
        return "digits"
    return f.kind


def check_form(client, form, reset=lambda: None, corpus=values_for):
    """Post the corpus into every field of `form`; return a list of problems (empty: the form behaves).

    `corpus(kind)` gives the entries for a kind of field (default: all of tests/support/badinput.py that apply)."""
    problems = []
    fields = [f for f in form.fields if not f.honeypot and f.name not in MACHINE_FIELDS and f.kind != "file"]
    judge_content = form.method == "POST" and not is_login_form(form)

    if judge_content:
        reset()
        before = row_counts()
        baseline = send(client, form, submission(client, form))
        if baseline.status_code >= 400 or (
            baseline.status_code == 200 and has_errors(BeautifulSoup(baseline.content, "html.parser"))
        ):
            soup = BeautifulSoup(baseline.content, "html.parser")
            errors = [e.get_text(" ", strip=True) for e in soup.select(".error-message, .error-summary li")]
            return [
                f"{form}: valid baseline values were refused ({baseline.status_code}: {errors}); "
                "add what it needs to BASELINE_OVERRIDES in tests/support/public_forms.py"
            ]
        if row_counts() == before:
            problems.append(f"{form}: a valid submission stored nothing")

    for f in fields:
        for bad in corpus(corpus_kind(f)):
            label = f"{form} field {f.name!r} ({f.kind}) <- {bad.name}"
            value = long_enough(bad, f)
            reset()
            before = row_counts() if judge_content else None
            response = send(client, form, submission(client, form, f.name, value))
            if response.status_code >= 500:
                problems.append(f"{label}: server error {response.status_code}")
                continue
            soup = BeautifulSoup(response.content.decode(errors="replace"), "html.parser")
            if unescaped_markup(soup):
                problems.append(f"{label}: input shown as markup, not escaped")
            if not judge_content:
                continue
            refused = response.status_code >= 400 or (response.status_code == 200 and has_errors(soup))
            stored_rows = row_counts() != before
            if refused:
                if bad.expect == ACCEPT:
                    problems.append(f"{label}: valid-but-odd input was refused")
                    continue
                if stored_rows:
                    problems.append(f"{label}: refused, but rows were stored")
                message = field_error(soup, f.name)
                if message is None and f.kind == "hidden":
                    # A hidden field has nowhere to show a message: the form's error summary must say it.
                    summary = [li.get_text(" ", strip=True) for li in soup.select(".error-summary li")]
                    message = summary[0] if summary else None
                if message is None:
                    problems.append(f"{label}: refused without a message next to the field ({response.status_code})")
                elif not message or untranslated(message):
                    problems.append(f"{label}: the message is not in Indonesian: {message!r}")
            else:
                if bad.expect == REJECT:
                    problems.append(f"{label}: invalid input was accepted" + (" and stored" if stored_rows else ""))
                elif bad.expect in (ACCEPT, EITHER) and isinstance(value, str) and f.kind not in {"checkbox", "hidden"}:
                    if not stored_rows:
                        problems.append(f"{label}: accepted, but nothing was stored")
                    elif value.strip() and not stored_exactly(value) and bad.expect == ACCEPT:
                        problems.append(f"{label}: accepted, but not stored exactly as typed")
                if response.status_code in (301, 302, 303):
                    follow = client.get(response["Location"])
                    if unescaped_markup(follow.content.decode(errors="replace")):
                        problems.append(f"{label}: input shown as markup on the page after submitting")
    return problems
