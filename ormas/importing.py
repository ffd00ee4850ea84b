"""Importing the register from a spreadsheet (XLSX or CSV) with django-import-export.

The columns are the ones of the register's template (`COLUMNS`, downloadable in the admin); common variants of a
header ("Nama Organisasi", "No. SKT") are accepted. A row is found again by its natural key: the Kesbangpol register
number, else the AHU decree number, else the SKT number, so importing the same file twice changes nothing.

Personal columns (NIK, KTP, KK, dates of birth, photos, officers' home addresses and personal phones) are dropped
before any row is read, and the preview says which were dropped; a 16-digit NIK-like number in any kept cell refuses
the row (Ormas.clean). The whole file is one transaction: a file with a refused row, or one that cannot be read,
changes nothing.
"""

import base64
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

import tablib
from django.core import signing
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import resources, widgets
from import_export.fields import Field
from import_export.results import RowResult

from ormas.models import Activity, LegalForm, Ormas, Regency, Sanction, Scope

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
PAYLOAD_SALT = "ormas.import.preview"
PAYLOAD_MAX_AGE = 3600  # seconds between the preview and the confirmation


class ChoiceWidget(widgets.Widget):
    """A choice by its code or its label (Indonesian or English), any case; the export writes the label."""

    def __init__(self, choices, extra=None):
        super().__init__()
        self.choices = choices
        self.extra = extra or {}

    def lookup(self):
        table = {}
        for value, label in self.choices.choices:
            table[str(value).lower()] = value
            table[value.replace("_", " ").lower()] = value
            for language in ("id", "en"):  # the label in either language, whatever the editor's admin language
                with translation.override(language):
                    table[str(label).lower()] = value
        table.update(self.extra)
        return table

    def clean(self, value, row=None, **kwargs):
        text = " ".join(str(value or "").split()).lower()
        if not text:
            return ""
        found = self.lookup().get(text)
        if found is None:
            allowed = ", ".join(str(label) for _value, label in self.choices.choices if _value)
            raise ValueError(_("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed})
        return found

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices.choices).get(value, value or ""))


class RegencyWidget(widgets.Widget):
    """A kabupaten/kota by its Kemendagri code (62.71), its BPS code (6271) or its name."""

    def clean(self, value, row=None, **kwargs):
        text = " ".join(str(value or "").split())
        if not text:
            return None
        for regency in _regencies():
            names = {regency.name.lower(), regency.name.lower().removeprefix("kabupaten ").removeprefix("kota ")}
            if text in (regency.code, regency.bps_code) or text.lower() in names:
                return regency
        raise ValueError(
            _("“%(value)s” is not a regency or city of Central Kalimantan (62.01–62.13, 62.71).") % {"value": value}
        )

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


def _regencies():
    return list(Regency.objects.all())


class YesNoWidget(widgets.Widget):
    YES = {"ya", "y", "yes", "1", "true", "benar", "v", "x"}
    NO = {"tidak", "t", "no", "n", "0", "false", "salah", ""}

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in self.YES or value is True:
            return True
        if text in self.NO or value is False:
            return False
        raise ValueError(_("Write Ya or Tidak."))

    def render(self, value, obj=None, **kwargs):
        return "Ya" if value else "Tidak"


class DayWidget(widgets.DateWidget):
    """A date as a spreadsheet cell, 2026-12-31, 31/12/2026 or 31-12-2026."""

    def __init__(self):
        super().__init__(format="%Y-%m-%d")
        self.formats = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        for fmt in self.formats:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date; write it as 31/12/2026.") % {"value": value})


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a number cell (a phone) read from XLSX
        return " ".join(str(value).split())


# (model field, column header, widget). The header is what the template and the export write.
COLUMNS = [
    ("register_number", "Nomor Register Kesbangpol", TextWidget()),
    ("name", "Nama Ormas", TextWidget()),
    ("abbreviation", "Singkatan", TextWidget()),
    (
        "legal_form",
        "Bentuk",
        ChoiceWidget(
            LegalForm,
            {
                "perkumpulan": LegalForm.ASSOCIATION,
                "perkumpulan berbadan hukum": LegalForm.ASSOCIATION,
                "yayasan": LegalForm.FOUNDATION,
                "yayasan berbadan hukum": LegalForm.FOUNDATION,
                "ormas skt": LegalForm.SKT,
                "tidak berbadan hukum": LegalForm.SKT,
                "lapor keberadaan": LegalForm.REPORTED,
            },
        ),
    ),
    ("ahu_number", "Nomor SK AHU", TextWidget()),
    ("ahu_date", "Tanggal SK AHU", DayWidget()),
    ("skt_number", "Nomor SKT", TextWidget()),
    ("skt_date", "Tanggal SKT", DayWidget()),
    ("skt_issuer", "Penerbit SKT", TextWidget()),
    ("skt_valid_until", "SKT Berlaku Sampai", DayWidget()),
    ("scope", "Lingkup", ChoiceWidget(Scope, {"kabupaten": Scope.REGENCY, "kota": Scope.REGENCY})),
    ("activity", "Bidang Kegiatan", ChoiceWidget(Activity, {"agama": Activity.RELIGION, "pemuda": Activity.YOUTH})),
    ("regency", "Kode Wilayah", RegencyWidget()),
    ("district", "Kecamatan", TextWidget()),
    ("address", "Alamat Sekretariat", TextWidget()),
    ("address_is_office", "Alamat Adalah Kantor", YesNoWidget()),
    ("contact_email", "Email Organisasi", TextWidget()),
    ("contact_phone", "Telepon Organisasi", TextWidget()),
    ("website", "Situs Web", TextWidget()),
    ("board_term_start", "Masa Bakti Mulai", DayWidget()),
    ("board_term_end", "Masa Bakti Selesai", DayWidget()),
    ("latest_report_date", "Laporan Tahunan Terakhir", DayWidget()),
    ("chair_name", "Nama Ketua", TextWidget()),
    ("secretary_name", "Nama Sekretaris", TextWidget()),
    ("treasurer_name", "Nama Bendahara", TextWidget()),
    ("officers_consent", "Persetujuan Publikasi Nama Pengurus", YesNoWidget()),
    ("sanction", "Sanksi", ChoiceWidget(Sanction, {"tidak ada": "", "-": ""})),
    ("sanction_decree_number", "Nomor SK Sanksi", TextWidget()),
    ("sanction_date", "Tanggal SK Sanksi", DayWidget()),
]
HEADERS = [header for _name, header, _widget in COLUMNS]
REQUIRED_HEADERS = ["Nama Ormas", "Bentuk", "Lingkup", "Bidang Kegiatan", "Kode Wilayah"]
KEY_HEADERS = ["Nomor Register Kesbangpol", "Nomor SK AHU", "Nomor SKT"]

# Other spellings of a header (compared without case, spaces or punctuation).
ALIASES = {
    "nama": "Nama Ormas",
    "namaorganisasi": "Nama Ormas",
    "namaormasorganisasi": "Nama Ormas",
    "noregister": "Nomor Register Kesbangpol",
    "nomorregister": "Nomor Register Kesbangpol",
    "noregisterkesbangpol": "Nomor Register Kesbangpol",
    "bentukormas": "Bentuk",
    "statushukum": "Bentuk",
    "noskahu": "Nomor SK AHU",
    "nomorskkemenkumham": "Nomor SK AHU",
    "noskt": "Nomor SKT",
    "masaberlakuskt": "SKT Berlaku Sampai",
    "sktberlakuhingga": "SKT Berlaku Sampai",
    "tingkat": "Lingkup",
    "tingkatkepengurusan": "Lingkup",
    "bidang": "Bidang Kegiatan",
    "kodewilayahkemendagri": "Kode Wilayah",
    "kabupatenkota": "Kode Wilayah",
    "kabkota": "Kode Wilayah",
    "alamat": "Alamat Sekretariat",
    "alamatsekretariat": "Alamat Sekretariat",
    "email": "Email Organisasi",
    "telepon": "Telepon Organisasi",
    "teleponkantor": "Telepon Organisasi",
    "ketua": "Nama Ketua",
    "sekretaris": "Nama Sekretaris",
    "bendahara": "Nama Bendahara",
}


def _compact(header):
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


# Personal columns: never read, never stored (UU 23/2006 Ps. 84; UU 27/2022). Matched on the header's words.
PERSONAL_WORDS = {"nik", "ktp", "ektp", "kk", "lahir", "ttl", "foto", "pasfoto", "rumah", "pribadi", "agama", "biodata"}
OFFICER_WORDS = {"ketua", "sekretaris", "bendahara", "pengurus", "pendiri", "pembina"}
CONTACT_WORDS = {"hp", "handphone", "telepon", "telp", "tlp", "wa", "whatsapp", "alamat", "email", "ponsel"}


def is_personal_header(header):
    words = set(re.findall(r"[a-z0-9]+", str(header or "").lower().replace("e-ktp", "ektp")))
    if words & PERSONAL_WORDS or "kartu keluarga" in str(header).lower():
        return True
    return bool(words & OFFICER_WORDS and words & CONTACT_WORDS)


class BaseOrmasResource(resources.ModelResource):
    """The register's columns (`COLUMNS`); the concrete class below declares one Field per column."""

    class Meta:
        model = Ormas
        fields = tuple(name for name, _header, _widget in COLUMNS)
        import_id_fields = ()
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        skip_html_diff = True

    def get_import_id_fields(self):
        return []

    def _check_import_id_fields(self, headers):
        pass  # the natural key is any of three columns (get_instance)

    def get_instance(self, instance_loader, row):
        keys = Q()
        for attribute, header in (
            ("register_number", "Nomor Register Kesbangpol"),
            ("ahu_number", "Nomor SK AHU"),
            ("skt_number", "Nomor SKT"),
        ):
            value = TextWidget().clean(row.get(header))
            if value:
                keys |= Q(**{attribute: value})
        if not keys:
            return None
        return Ormas.objects.filter(keys).order_by("pk").first()


# A column the file does not have keeps the stored value (import-export skips fields whose column is absent).
OrmasResource = type(
    "OrmasResource",
    (BaseOrmasResource,),
    {
        "__module__": __name__,
        **{name: Field(attribute=name, column_name=header, widget=widget) for name, header, widget in COLUMNS},
    },
)


@dataclass
class Outcome:
    """What an import did or would do, for the preview and the audit log."""

    rows: list = field(default_factory=list)  # (number, kind, name, reasons)
    ignored_personal: list = field(default_factory=list)
    ignored_unknown: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)

    def count(self, kind):
        return sum(1 for row in self.rows if row[1] == kind)

    @property
    def counts(self):
        return {kind: self.count(kind) for kind in ("new", "changed", "unchanged", "refused")}

    @property
    def ok(self):
        return not self.file_errors and not self.count("refused")


def read_dataset(content, filename):
    """A tablib Dataset from the uploaded bytes (XLSX or CSV, comma or semicolon), or a ValueError in Indonesian."""
    name = filename.lower()
    if len(content) > MAX_FILE_BYTES:
        raise ValueError(_("The file is larger than 5 MB."))
    try:
        if name.endswith(".xlsx"):
            dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        elif name.endswith(".csv"):
            text = content.decode("utf-8-sig")
            lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
            delimiter = ";" if lines and lines[0].count(";") > lines[0].count(",") else ","
            rows = list(csv.reader(lines, delimiter=delimiter))
            dataset = tablib.Dataset(*rows[1:], headers=rows[0]) if rows else tablib.Dataset()
        else:
            raise ValueError(_("Upload an XLSX or CSV file."))
    except ValueError:
        raise
    except Exception as exc:  # a corrupt workbook, wrong encoding, ragged rows: one message
        message = _("The file could not be read as a spreadsheet (%(error)s).") % {"error": type(exc).__name__}
        raise ValueError(message) from exc
    if len(dataset) > MAX_ROWS:
        raise ValueError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
    return dataset


def prepare(dataset, outcome):
    """Rename known header variants, drop personal and unknown columns, check the required ones."""
    canonical = {_compact(h): h for h in HEADERS}
    headers = []
    for header in dataset.headers or []:
        key = _compact(header)
        headers.append(canonical.get(key) or ALIASES.get(key) or str(header or "").strip())
    if headers:
        dataset.headers = headers
    for header in list(dataset.headers or []):
        if header in HEADERS:
            continue
        if is_personal_header(header):
            outcome.ignored_personal.append(header)
        else:
            outcome.ignored_unknown.append(header)
        del dataset[header]
    missing = [h for h in REQUIRED_HEADERS if h not in (dataset.headers or [])]
    if missing:
        outcome.file_errors.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if not any(h in (dataset.headers or []) for h in KEY_HEADERS):
        outcome.file_errors.append(
            _("The file needs at least one of the columns %(columns)s.") % {"columns": ", ".join(KEY_HEADERS)}
        )
    if dataset.height == 0:
        outcome.file_errors.append(_("The file has no rows below the header."))
    return dataset


LABELS = {name: header for name, header, _widget in COLUMNS}
KINDS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "changed",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
}


def reasons_of(row_result):
    reasons = []
    if row_result.validation_error is not None:
        for name, messages in row_result.validation_error.message_dict.items():
            label = LABELS.get(name, "" if name == "__all__" else name)
            for message in messages:
                reasons.append(f"{label}: {message}" if label else str(message))
    for error in row_result.errors:
        reasons.append(_("The row could not be saved (%(error)s).") % {"error": type(error.error).__name__})
    return reasons


def run(content, filename, *, dry_run):
    """Read, check and import (or only try) one file; returns an Outcome. Nothing is kept unless every row is fine."""
    outcome = Outcome()
    try:
        dataset = read_dataset(content, filename)
    except ValueError as exc:
        outcome.file_errors.append(str(exc))
        return outcome
    prepare(dataset, outcome)
    if outcome.file_errors:
        return outcome
    result = OrmasResource().import_data(
        dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True, raise_errors=False
    )
    for error in result.base_errors:
        outcome.file_errors.append(
            _("The file could not be imported (%(error)s).") % {"error": type(error.error).__name__}
        )
    name_column = dataset.headers.index("Nama Ormas")
    for number, row_result in enumerate(result.rows, start=1):
        name = str(dataset[number - 1][name_column] or "")[:120]
        reasons = reasons_of(row_result)
        kind = "refused" if reasons else KINDS.get(row_result.import_type, "refused")
        outcome.rows.append((number + 1, kind, name, reasons))  # +1: the spreadsheet's row number (header is 1)
    return outcome


def sign(content, filename):
    """The uploaded file, carried from the preview to the confirmation in the form itself (signed, so what is
    confirmed is exactly what was previewed)."""
    return signing.dumps(
        {"name": filename, "data": base64.b64encode(content).decode("ascii")}, salt=PAYLOAD_SALT, compress=True
    )


def unsign(payload):
    data = signing.loads(payload, salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
    return base64.b64decode(data["data"]), data["name"]


def template_workbook():
    """The import template: the header row and one example row (marked as an example)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data Ormas"
    sheet.append(HEADERS)
    example = {
        "Nomor Register Kesbangpol": "220/0001/KBP-CONTOH",
        "Nama Ormas": "Contoh: Perkumpulan Pemuda Peduli Sungai",
        "Singkatan": "P3S",
        "Bentuk": "Terdaftar dengan SKT",
        "Nomor SKT": "01-00-00/0001/XII/2025",
        "Tanggal SKT": "15/12/2025",
        "Penerbit SKT": "Kementerian Dalam Negeri",
        "SKT Berlaku Sampai": "15/12/2030",
        "Lingkup": "Provinsi",
        "Bidang Kegiatan": "Lingkungan hidup",
        "Kode Wilayah": "62.71",
        "Kecamatan": "Jekan Raya",
        "Alamat Adalah Kantor": "Tidak",
        "Persetujuan Publikasi Nama Pengurus": "Tidak",
    }
    sheet.append([example.get(header, "") for header in HEADERS])
    notes = workbook.create_sheet("Petunjuk")
    for line in TEMPLATE_NOTES:
        notes.append([str(line)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


TEMPLATE_NOTES = [
    gettext_lazy("Delete the example row before importing. One row per ormas; the first row holds the headers."),
    gettext_lazy("Dates as 31/12/2026. Yes/no columns: Ya or Tidak. Kode Wilayah: the Kemendagri code, e.g. 62.71."),
    gettext_lazy("Never add NIK, KTP or KK numbers, dates of birth, photos, home addresses or personal phones."),
]
