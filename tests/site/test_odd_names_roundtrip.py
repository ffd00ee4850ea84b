"""Valid-but-odd names round-trip exactly: typed into a public form, shown escaped in the admin, exported unchanged.

What docs/security.md ("Personal data and bad input") promises for bad input: names in Arabic or Javanese
script, Chinese characters, emoji with ZWJ sequences and flags, apostrophes and accents (composed and decomposed),
and a name that carries markup are accepted, stored as typed, shown in every admin view as the same text (escaped,
never as markup, never double-escaped) and exported unchanged to CSV, XLSX and the data-subject export (JSON and
XLSX).

The values are the ACCEPT entries of tests/support/badinput.py for text fields, so a new entry there is covered here
without touching this file; `MARKUP_NAME` is added because the corpus only has markup payloads the forms may refuse.

Each value goes through the real public form (GET the page, keep its hidden fields, POST what a browser sends, with
the anti-spam timing switched off as in tests/site/test_bad_input.py) into every free-text field of the form: the name,
the organisation, the message or response, and the editor's own text question. Then editors in the roles that handle
the data (home/editorial.py; the consultation's team) open the admin views and download the exports.

Where a view or export deliberately leaves the name out, it is not invented here:
- the feedback inbox and the consultation responses list have no name column (the name is on the item's page); the
  test searches the list for the message and requires the item to be found;
- the feedback and consultation exports carry no name, e-mail or phone (feedback/export.py: reporting
  needs none); they carry the message/response text and the answers, which hold the same value here.

Unicode normalisation: none. Django's form fields strip surrounding whitespace only, and no code of ours normalises
(NFC/NFKC) a stored value, so a decomposed (NFD) name is stored, shown and exported in NFD, byte for byte. The event
form collapses runs of whitespace in the name and organisation (events/forms.py), which no ACCEPT value
has.
"""

import csv
import io
import itertools
import json
import unicodedata
from datetime import timedelta
from urllib.parse import urlencode

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from builtforms.forms import answers_by_entry
from builtforms.models import FieldKind
from consultations.models import ConsultationIndexPage, ConsultationPage, ConsultationResponse
from events import seats
from events.models import Registration
from feedback.models import Feedback, FeedbackPage, FeedbackTopic
from home.editorial import ADMINISTRATOR, TIM_ACARA, TIM_PENGADUAN
from tests.factories import make_page
from tests.factories.events import built_form, make_event
from tests.support.badinput import ACCEPT, Bad, values_for
from tests.support.event_forms import form_url, registration_data
from tests.support.public_forms import MACHINE_FIELDS, long_enough, parse_forms, send, submission

# Valid (nothing in it is refused by any form) and full of what HTML escaping must handle: <, >, & and ".
MARKUP_NAME = '<b>Budi</b> & "Sari"'
ODD_VALUES = [
    pytest.param(bad, id=bad.name)
    for bad in [*values_for("text"), Bad("markup in a name", MARKUP_NAME, ACCEPT)]
    if bad.expect == ACCEPT
]
# What spreadsheets would run as a formula; the exports prefix such cells with an apostrophe (OWASP). No ACCEPT value
# starts with one today; a future one is held to the existing rule instead of being skipped.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONSULTATION_TEAM_PERMISSIONS = [
    "access_admin",
    "view_consultationresponse",
    "change_consultationresponse",
    "export_consultationresponse",
]
_emails = itertools.count(1)


def neutralised(value):
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# -- the public side ---------------------------------------------------------------------------------------------


def free_text_fields(form):
    """The fields a person types words into (not e-mail, phone, choices, the honeypot or the machine fields)."""
    return [
        f for f in form.fields if f.kind in {"text", "textarea"} and not f.honeypot and f.name not in MACHINE_FIELDS
    ]


def submit(client, page_url, value, **overrides):
    """Post `value` into every free-text field of the page's form, as a browser does; return {field: value sent}."""
    (form,) = [f for f in parse_forms(client.get(page_url).content.decode(), page_url) if f.method == "POST"]
    typed = {f.name: long_enough_text(value, f) for f in free_text_fields(form)}
    pairs = dict(submission(client, form))
    pairs.update(typed)
    pairs.update(overrides)
    response = send(client, form, list(pairs.items()))
    soup = BeautifulSoup(response.content, "html.parser")
    errors = [e.get_text(" ", strip=True) for e in soup.select(".error-message, .error-summary li")]
    assert response.status_code in (302, 303), f"{page_url} refused a valid odd value: {response.status_code} {errors}"
    return typed


def long_enough_text(value, form_field):
    """A message field may ask for at least ten characters: the value repeated to that length (as test_bad_input)."""
    return long_enough(Bad("odd", value, ACCEPT), form_field)


# -- reading what the admin shows --------------------------------------------------------------------------------


def assert_shown_exactly(response, expected, where):
    """Each expected value is shown as a whole piece of text, as often as `expected` lists it (so escaped once: not
    as markup, not as "&amp;lt;"), and no markup from the input came back as markup."""
    assert response.status_code == 200, f"{where}: {response.status_code}"
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    # One text node per place a value is printed ("&lt;b&gt;" and "&amp;" parse back into the one string).
    strings = [str(s).strip() for s in soup.find_all(string=True)]
    for value in set(expected):
        assert strings.count(value) >= expected.count(value), (
            f"{where} shows {value!r} exactly {strings.count(value)} times, expected {expected.count(value)}"
        )
        if "<" in value:
            assert value not in html, f"{where} shows {value!r} unescaped"
        if escape(value) != value:
            # Escaped twice somewhere: the reader would see "&lt;b&gt;" or "&amp;" instead of the name.
            assert not any(escape(value) in s for s in strings), f"{where} shows {value!r} escaped twice"
    assert soup.find("b", string="Budi") is None, f"{where} rendered the name's markup as HTML"


def csv_cells(response):
    assert response.status_code == 200
    assert "charset=utf-8" in response["Content-Type"]
    # A UTF-8 byte-order mark first, so Excel reads the file as UTF-8 (names in Arabic, Javanese, emoji).
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    return {cell for row in csv.reader(io.StringIO(text)) for cell in row}


def xlsx_cells(response, sheet=None):
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheets = [workbook[sheet]] if sheet else workbook.worksheets
    cells = {}
    for ws in sheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cells[cell.value] = cell.data_type
    return cells


def assert_exported(cells, expected, where, formula_rule=True):
    for value in expected:
        wanted = neutralised(value) if formula_rule else value
        assert wanted in cells, f"{where} does not hold {wanted!r} exactly"
        if isinstance(cells, dict):
            assert cells[wanted] == "s", f"{where} stores {wanted!r} as something other than text"


def data_subject_export(client, email, fmt):
    return client.post(reverse("data_requests"), {"email": email, "action": fmt})


def leaves(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from leaves(value)
    else:
        yield data


def login_as(client, django_user_model, group, username):
    user = django_user_model.objects.create_user(username, f"{username}@kesbangpol.example", "pw-" + username * 2)
    user.groups.add(group)
    client.force_login(user)
    return user


@pytest.fixture
def public_client(client, settings):
    """A visitor: anti-spam timing off (judge content only) and fresh rate limits, as tests/site/test_bad_input.py."""
    settings.ANTISPAM_MIN_SECONDS = 0
    cache.clear()
    return client


@pytest.fixture
def administrator(db, django_user_model):
    user = django_user_model.objects.create_user("pdp_admin", "pdp@kesbangpol.example", "pw-administrator-1")
    user.groups.add(Group.objects.get(name=ADMINISTRATOR))
    return user


def check_data_subject_export(client, administrator, email, title, expected):
    """Administrator's export of everything held about the person: JSON and XLSX hold the values unchanged."""
    client.force_login(administrator)
    response = data_subject_export(client, email, "json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    document = json.loads(response.content.decode("utf-8"))
    held = set(leaves(document["data"]))
    for value in expected:
        assert value in held, f"the data-subject JSON does not hold {value!r} exactly"
    # The XLSX has no formula prefix: every cell is a text cell instead (home/data_requests.py).
    cells = xlsx_cells(data_subject_export(client, email, "xlsx"), sheet=title[:31])
    assert_exported(cells, expected, "the data-subject XLSX", formula_rule=False)


# -- the three public forms --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ODD_VALUES)
def test_an_odd_name_registered_for_an_event_round_trips(
    bad, public_client, home_page, django_user_model, administrator
):
    client = public_client
    question = "Asal kampus atau komunitas"
    event = make_event(
        home_page, registration_form=built_form((question, FieldKind.TEXT, {"required": False}), title="Kampus")
    )
    email = f"ganjil.{next(_emails)}@example.org"
    typed = submit(client, event.registration_url(), bad.value, email=email)
    assert {"full_name", "organisation"} <= typed.keys() and any(k.startswith("q-") for k in typed)

    stored = Registration.objects.get(email=email)
    seats.confirm_by_link(stored.pk)  # the registrant clicks the mailed link: the attendance sheet lists them
    answers = answers_by_entry([stored.entry_id])[stored.entry_id]
    # Byte for byte what was typed: no normalisation, no truncation, no escaping in the database.
    assert stored.full_name.encode() == typed["full_name"].encode()
    assert stored.organisation == typed["organisation"]
    assert list(answers.values()) == [typed[next(k for k in typed if k.startswith("q-"))]]
    value = bad.value

    login_as(client, django_user_model, Group.objects.get(name=TIM_ACARA), "tim_acara")
    views = {
        "registrations list": reverse("events:registrations", args=[event.pk]),
        "registrations list searched": reverse("events:registrations", args=[event.pk]) + "?" + _query(value),
        "registration detail": reverse("events:registration", args=[event.pk, stored.pk]),
        "check-in search": reverse("events:check_in", args=[event.pk]) + "?" + _query(value),
        "attendance sheet": reverse("events:attendance_sheet", args=[event.pk]),
    }
    for where, url in views.items():
        # Name and organisation in the lists; the answer too on the detail; the check-in result prints the
        # organisation in one line with the category, so only the name stands alone there.
        shown = {"registration detail": 3, "check-in search": 1}.get(where, 2)
        assert_shown_exactly(client.get(url), [value] * shown, where)

    export = reverse("events:export", args=[event.pk, "csv"])
    assert_exported(csv_cells(client.get(export)), [value], "registrations CSV")
    export = reverse("events:export", args=[event.pk, "xlsx"])
    assert_exported(xlsx_cells(client.get(export)), [value], "registrations XLSX", formula_rule=False)

    check_data_subject_export(client, administrator, email, "Pendaftaran kegiatan", [value])


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ODD_VALUES)
def test_odd_feedback_round_trips(bad, public_client, home_page, django_user_model, administrator):
    client = public_client
    team = Group.objects.get(name=TIM_PENGADUAN)
    FeedbackTopic.objects.create(name="Pendaftaran ormas/SIOLA", team=team)
    page = make_page(home_page, FeedbackPage, title="Saran dan Pengaduan", slug="saran-dan-pengaduan")
    email = f"ganjil.{next(_emails)}@example.org"
    typed = submit(client, page.url, bad.value, email=email, identity=Feedback.Identity.CONFIDENTIAL)
    assert {"name", "message"} <= typed.keys()

    stored = Feedback.objects.get(email=email)
    assert stored.name.encode() == typed["name"].encode()
    assert stored.message.encode() == typed["message"].encode()
    name, message = typed["name"], typed["message"]

    login_as(client, django_user_model, team, "tim_pengaduan")
    # The inbox has no name column (the item's page has it); searching it for the message finds the item.
    inbox = client.get(reverse("feedback_admin:index") + "?" + _query(message))
    assert inbox.status_code == 200
    assert stored.tracking_code in BeautifulSoup(inbox.content, "html.parser").get_text(), "search missed the item"
    assert_shown_exactly(inbox, [], "feedback inbox")
    detail = client.get(reverse("feedback_admin:detail", args=[stored.pk]))
    assert_shown_exactly(detail, [name, message], "feedback detail")

    # The export holds no personal data (no name, by design); the message is there, unchanged.
    index = reverse("feedback_admin:index")
    assert_exported(csv_cells(client.get(index + "?export=csv")), [message], "feedback CSV")
    assert_exported(xlsx_cells(client.get(index + "?export=xlsx")), [message], "feedback XLSX")

    check_data_subject_export(client, administrator, email, "Saran dan pengaduan", [name, message])


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ODD_VALUES)
def test_an_odd_consultation_response_round_trips(bad, public_client, home_page, django_user_model, administrator):
    client = public_client
    team = Group.objects.create(name="Tim Politik Dalam Negeri")
    team.permissions.set(Permission.objects.filter(codename__in=CONSULTATION_TEAM_PERMISSIONS))
    index = make_page(home_page, ConsultationIndexPage, title="Konsultasi Publik", slug="konsultasi-publik")
    now = timezone.now()
    page = make_page(
        index,
        ConsultationPage,
        title="Sinergi Polri dan Masyarakat",
        slug="sinergi",
        summary="Rancangan program sinergi.",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=14),
        team=team,
        question_form=built_form(("Kabupaten/kota Anda", FieldKind.TEXT, {"required": False}), title="Kuesioner"),
    )
    email = f"ganjil.{next(_emails)}@example.org"
    typed = submit(client, page.url, bad.value, email=email)
    assert {"name", "organisation", "response"} <= typed.keys() and any(k.startswith("q-") for k in typed)

    stored = ConsultationResponse.objects.get(email=email)
    assert stored.name.encode() == typed["name"].encode()
    assert stored.organisation == typed["organisation"] and stored.response == typed["response"]
    answer = typed[next(k for k in typed if k.startswith("q-"))]
    assert list(answers_by_entry([stored.entry_id])[stored.entry_id].values()) == [answer]
    value = bad.value

    login_as(client, django_user_model, team, "poldagri")
    # The list has no name column; searching it for the response finds the response.
    listing = client.get(reverse("consultation_responses:index") + "?" + _query(stored.response))
    assert listing.status_code == 200
    assert stored.reference_code in BeautifulSoup(listing.content, "html.parser").get_text(), "search missed it"
    assert_shown_exactly(listing, [], "consultation responses list")
    detail = client.get(reverse("consultation_responses:detail", args=[stored.pk]))
    # Name, organisation, response and the answer to the question.
    assert_shown_exactly(detail, [value] * 4, "consultation response detail")

    # The export holds the response and the answers (no name, e-mail or organisation, by design).
    listing_url = reverse("consultation_responses:index")
    assert_exported(csv_cells(client.get(listing_url + "?export=csv")), [value], "responses CSV")
    assert_exported(xlsx_cells(client.get(listing_url + "?export=xlsx")), [value], "responses XLSX", formula_rule=False)

    check_data_subject_export(client, administrator, email, "Tanggapan konsultasi publik", [value])


def _query(text):
    return urlencode({"q": text})


# -- the per-organisation limit compares names by a key, not as typed ---------------------------------------------


@pytest.mark.django_db
def test_the_organisation_limit_tells_non_latin_names_apart_and_ignores_how_accents_were_typed(
    public_client, home_page
):
    """The key the delegate limit counts by (events/models.py `organisation_key`): two organisations
    whose Javanese names differ only in their vowel signs are two organisations; one name typed with composed (NFC)
    or decomposed (NFD) accents is one. The stored organisation stays as typed either way."""
    client = public_client
    event = make_event(home_page, capacity=10, max_per_organisation=1)
    javanese_a, javanese_b = "Paguyuban ꦧꦸꦢꦪ", "Paguyuban ꦧꦶꦢꦪ"  # vowel signs U+A9B8 and U+A9B6 (combining)
    composed = "Yayasan Ságara"
    decomposed = unicodedata.normalize("NFD", composed)

    def register_with(organisation, n):
        data = registration_data(client, event, email=f"delegasi.{n}@example.org", organisation=organisation)
        return client.post(form_url(event), data)

    assert register_with(javanese_a, 1).status_code == 302
    assert register_with(javanese_b, 2).status_code == 302, "another organisation, not a second delegate of the first"
    assert register_with(composed, 3).status_code == 302
    refused = register_with(decomposed, 4)
    assert refused.status_code == 409, "the same organisation typed with decomposed accents is still the same"
    assert "paling banyak" in refused.content.decode()
    assert sorted(Registration.objects.values_list("organisation", flat=True)) == sorted(
        [javanese_a, javanese_b, composed]
    )
