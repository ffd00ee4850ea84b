"""Editor-built forms (django-forms-builder inside Wagtail) and the regression tests for F1–F9 of
docs/security.md ("The form engine"), run against our integration."""

import io
import uuid

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import DatabaseError
from django.urls import reverse
from forms_builder.forms import fields as fb_fields
from forms_builder.forms.models import Field, FieldEntry, FormEntry
from openpyxl import load_workbook

from builtforms import forms as formbuilder
from builtforms.models import BuiltForm, FieldKind
from events.models import Registration, SeatPool
from home.models import OutboxMessage
from tests.factories.events import built_form, make_event, register
from tests.support.event_forms import form_url, registration_data


def staff_user(django_user_model, username, *codenames):
    """A staff user who may enter the Wagtail admin, plus exactly the given events permissions."""
    user = django_user_model.objects.create_user(username, f"{username}@contoh.example", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="events", codename=codename))
    return user


def inline_data(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
        data[f"{prefix}-{i}-ORDER"] = str(i + 1)
        data[f"{prefix}-{i}-DELETE"] = ""
        data[f"{prefix}-{i}-id"] = ""
    return data


def question(label, kind, **extra):
    return {"label": label, "kind": kind, "required": "on", "choices": "", "help_text": "", "default": "", **extra}


# Building forms in the Wagtail admin --------------------------------------------------------------------------------
def test_editor_builds_a_form_with_ordered_questions_in_the_wagtail_admin(client, admin_user):
    client.force_login(admin_user)
    add_url = reverse("wagtailsnippets_builtforms_builtform:add")
    assert client.get(add_url).status_code == 200
    data = {
        "title": "Formulir Forum Pemuda",
        "intro": "Jawaban membantu panitia.",
        **inline_data(
            "builder_fields",
            [
                question("Asal kampus", FieldKind.TEXT),
                question("Nomor WhatsApp cadangan", FieldKind.PHONE, required=""),
                question("Pernah ikut FGD?", FieldKind.RADIO, choices="Ya, Belum"),
            ],
        ),
    }
    response = client.post(add_url, data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    form = BuiltForm.objects.get(title="Formulir Forum Pemuda")
    rows = list(Field.objects.filter(form_id=form.pk).order_by("order").values_list("label", "field_type", "required"))
    # forms_builder's own Field rows, in the editor's order, with forms_builder's types.
    assert rows == [
        ("Asal kampus", fb_fields.TEXT, True),
        ("Nomor WhatsApp cadangan", fb_fields.TEXT, False),
        ("Pernah ikut FGD?", fb_fields.RADIO_MULTIPLE, True),
    ]
    assert form.send_email is False and form.email_copies == ""


def test_a_new_question_starts_optional_and_is_stored_optional_unless_ticked(client, admin_user):
    """The "Required" box of a new question starts unticked (its help text: tick only if the event cannot run
    without the answer). The editor gets the question the "Add question" button clones from the page's template."""
    client.force_login(admin_user)
    add_url = reverse("wagtailsnippets_builtforms_builtform:add")
    soup = BeautifulSoup(client.get(add_url).content, "html.parser")
    template = soup.select_one("template#id_builder_fields-EMPTY_FORM_TEMPLATE")
    checkbox = template.select_one("input[name='builder_fields-__prefix__-required']")
    assert checkbox["type"] == "checkbox" and not checkbox.has_attr("checked")

    # What the browser posts once the editor added one question and typed only its label.
    row = {}
    for element in template.select("input, select, textarea"):
        name = element.get("name", "").replace("builder_fields-__prefix__-", "")
        if element.name == "select":
            row[name] = (element.find("option", selected=True) or element.find("option"))["value"]
        elif element.get("type") != "checkbox" or element.has_attr("checked"):
            row[name] = element.get("value", "on" if element.get("type") == "checkbox" else element.get_text())
    row.update(label="Asal kabupaten/kota")
    row = {key: value for key, value in row.items() if key not in {"ORDER", "DELETE", "id"}}
    response = client.post(add_url, {"title": "Formulir baru", **inline_data("builder_fields", [row])})
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    stored = Field.objects.get(form_id=BuiltForm.objects.get(title="Formulir baru").pk)
    assert (stored.label, stored.required) == ("Asal kabupaten/kota", False)


def test_admin_refuses_template_syntax_in_defaults_and_choice_questions_without_options(client, admin_user):
    client.force_login(admin_user)
    data = {
        "title": "Formulir jahat",
        **inline_data(
            "builder_fields",
            [
                question("Nama panggilan", FieldKind.TEXT, default="{{ request.COOKIES.sessionid }}"),
                question("Pilihan", FieldKind.SELECT, choices=""),
            ],
        ),
    }
    response = client.post(reverse("wagtailsnippets_builtforms_builtform:add"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "tidak diizinkan" in text and "setidaknya satu opsi" in text
    assert not BuiltForm.objects.filter(title="Formulir jahat").exists()


def test_file_uploads_are_not_a_choice_for_editors():
    # F1, F5(b/c), F8 (uploads): no upload field type exists in our integration at all.
    from builtforms.models import FIELD_TYPE_FOR_KIND

    assert "file" not in FieldKind.values
    assert fb_fields.FILE not in FIELD_TYPE_FOR_KIND.values()


# F3 and F7: what the public page does with editors' text ------------------------------------------------------------
TEMPLATE_DEFAULT = "{{ request.COOKIES.probe }}{{ csrf_token }}"


@pytest.fixture
def event_with_questions(home_page):
    form = built_form(
        ("<img src=x onerror=alert(1)>", FieldKind.TEXT, {"required": False, "help_text": "<script>alert(1)</script>"}),
        (
            "Nama panggilan",
            FieldKind.TEXT,
            {"required": False, "default": "{{ request.COOKIES.probe }}{{ csrf_token }}"},
        ),
        ("Ukuran kaos", FieldKind.SELECT, {"choices": "S, M, L"}),
    )
    return make_event(home_page, registration_form=form)


def test_f3_defaults_are_plain_text_never_templates(client, event_with_questions):
    client.cookies["probe"] = "RAHASIA-COOKIE"
    html = client.get(form_url(event_with_questions)).content.decode()
    assert "RAHASIA-COOKIE" not in html
    field = BeautifulSoup(html, "html.parser").select_one("input[name='q-nama_panggilan']")
    assert field["value"] == TEMPLATE_DEFAULT


def test_f7_help_text_and_labels_are_escaped(client, event_with_questions):
    html = client.get(form_url(event_with_questions)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_answers_are_stored_with_the_registration_in_forms_builder_tables(client, event_with_questions):
    data = registration_data(client, event_with_questions, **{"q-ukuran_kaos": "M", "q-nama_panggilan": "Rin"})
    assert client.post(form_url(event_with_questions), data).status_code == 302
    registration = Registration.objects.get()
    values = formbuilder.answers_by_entry([registration.entry_id])[registration.entry_id]
    labels = dict(Field.objects.values_list("pk", "label"))
    assert {labels[k]: v for k, v in values.items() if v} == {"Nama panggilan": "Rin", "Ukuran kaos": "M"}


def test_a_missing_required_answer_stores_nothing(client, event_with_questions):
    data = registration_data(client, event_with_questions, **{"q-ukuran_kaos": ""})
    response = client.post(form_url(event_with_questions), data)
    assert response.status_code == 400
    assert "harus diisi" in response.content.decode()
    assert Registration.objects.count() == FormEntry.objects.count() == 0


def test_the_error_summary_lists_errors_in_the_order_of_the_page(client, event_with_questions):
    """Keyboard and screen-reader users walk the summary top to bottom: it must follow the fields, so the editor's
    questions come before the consent box (which sits under them), not after it."""
    data = registration_data(client, event_with_questions, full_name="", consent="", **{"q-ukuran_kaos": ""})
    del data["consent"]
    response = client.post(form_url(event_with_questions), data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    summary = [a["href"].lstrip("#") for a in soup.select("#error-summary a")]
    on_page = [f["id"] for f in soup.select("form.registration-form [aria-invalid], form.registration-form select")]
    assert summary == ["id_full_name", "id_q-ukuran_kaos", "id_consent"]
    assert [i for i in on_page if i in summary] == summary


# F5: all or nothing ------------------------------------------------------------------------------------------------
def test_f5_a_failure_while_storing_leaves_nothing_half_written(client, event_with_questions, monkeypatch):
    def broken_bulk_create(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(FieldEntry.objects, "bulk_create", broken_bulk_create)
    data = registration_data(client, event_with_questions, **{"q-ukuran_kaos": "L"})
    response = client.post(form_url(event_with_questions), data)
    assert response.status_code == 503
    assert "belum tersimpan" in response.content.decode()
    assert Registration.objects.count() == 0
    assert FormEntry.objects.count() == FieldEntry.objects.count() == 0
    assert SeatPool.objects.get(event=event_with_questions, category=None).taken == 0
    assert OutboxMessage.objects.count() == 0
    # Sending the same form again once the fault is gone stores it, once.
    monkeypatch.undo()
    assert client.post(form_url(event_with_questions), data).status_code == 302
    assert Registration.objects.count() == 1


def test_f4_forms_builder_switches_cannot_turn_on_login_or_mail(db):
    form = BuiltForm(title="x", login_required=True, send_email=True, email_copies="siapa@contoh.example")
    form.save()
    form.refresh_from_db()
    assert (form.login_required, form.send_email, form.email_copies) == (False, False, "")


# F2: who may see registrations ------------------------------------------------------------------------------------
def admin_urls(event, registration):
    return [
        reverse("events:events"),
        reverse("events:registrations", args=[event.pk]),
        reverse("events:registration", args=[event.pk, registration.pk]),
        reverse("events:export", args=[event.pk, "xlsx"]),
        reverse("events:export", args=[event.pk, "csv"]),
        reverse("events:check_in", args=[event.pk]) + "?q=Peserta",
        reverse("events:attendance_sheet", args=[event.pk]),
    ]


def test_f2_staff_without_the_permission_gets_403_everywhere(client, home_page, django_user_model):
    event = make_event(home_page)
    registration = register(event)
    client.force_login(staff_user(django_user_model, "staf"))
    for url in admin_urls(event, registration):
        assert client.get(url).status_code == 403, url
    for action in ("cancel", "confirm", "attended"):
        url = reverse("events:registration_action", args=[event.pk, registration.pk, action])
        assert client.post(url).status_code == 403
    assert client.post(reverse("events:promote_next", args=[event.pk])).status_code == 403
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_f2_viewing_is_not_exporting(client, home_page, django_user_model):
    event = make_event(home_page)
    registration = register(event)
    client.force_login(staff_user(django_user_model, "viewer", "view_registration"))
    urls = admin_urls(event, registration)
    exports = [u for u in urls if "/ekspor." in u]
    assert all(client.get(u).status_code == 200 for u in urls if u not in exports)
    assert all(client.get(u).status_code == 403 for u in exports)
    action = reverse("events:registration_action", args=[event.pk, registration.pk, "cancel"])
    assert client.post(action).status_code == 403


def test_f2_anonymous_visitors_are_sent_to_the_login(client, home_page):
    event = make_event(home_page)
    registration = register(event)
    for url in admin_urls(event, registration):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_f2_forms_builder_views_and_django_admin_are_not_mounted(client, admin_user):
    client.force_login(admin_user)
    for url in ("/forms/", "/admin/forms/form/", "/admin/forms/form/1/entries/show/", "/django-admin/"):
        assert client.get(url).status_code == 404, url


# F8 and F1: exports and admin pages with hostile input ----------------------------------------------------------------
HOSTILE = {
    "name": '=HYPERLINK("http://jahat.example","klik")',
    "organisation": "@SUM(1+1)*cmd|' /C calc'!A0",
    "answer": "+62 abc",
}


@pytest.fixture
def hostile_registration(home_page):
    form = built_form(("Catatan", FieldKind.TEXT, {"required": False}))
    event = make_event(home_page, registration_form=form, slug="fgd-ekspor")
    questions = formbuilder.questions_form(form, data={"q-catatan": "-2+3"})
    assert questions.is_valid()
    from events import seats
    from tests.factories.events import applicant

    registration, _ = seats.register(
        event,
        applicant(name=HOSTILE["name"], organisation=HOSTILE["organisation"]),
        token=uuid.uuid4(),
        questions=questions,
    )
    return event, registration


def test_f8_xlsx_export_keeps_formula_looking_values_as_text(client, admin_user, hostile_registration):
    event, _registration = hostile_registration
    client.force_login(admin_user)
    response = client.get(reverse("events:export", args=[event.pk, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="pendaftar-fgd-ekspor-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}
    for value in (HOSTILE["name"], HOSTILE["organisation"], "-2+3", "+6281200000000"):
        assert cells[value].data_type == "s", value


def test_f8_csv_export_neutralises_formulas(client, admin_user, hostile_registration):
    event, _registration = hostile_registration
    client.force_login(admin_user)
    response = client.get(reverse("events:export", args=[event.pk, "csv"]))
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'-2+3" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_f1_hostile_names_are_escaped_on_every_admin_page(client, admin_user, home_page):
    event = make_event(home_page)
    payload = "<img src=x onerror=alert(1)>"
    registration = register(event, name=payload, organisation=payload)
    client.force_login(admin_user)
    for url in admin_urls(event, registration):
        if "/ekspor." in url:
            continue
        html = client.get(url.replace("?q=Peserta", "?q=img")).content.decode()
        assert payload not in html, url
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get(admin_urls(event, registration)[1]).content.decode()


def test_f8_actions_are_scoped_to_the_event_in_the_url(client, admin_user, home_page):
    event_a = make_event(home_page, title="A")
    event_b = make_event(home_page, title="B")
    theirs = register(event_b)
    client.force_login(admin_user)
    url = reverse("events:registration_action", args=[event_a.pk, theirs.pk, "cancel"])
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Registration.Status.CONFIRMED


def test_a_form_in_use_cannot_be_deleted_so_its_answers_survive(client, admin_user, event_with_questions):
    form = event_with_questions.registration_form
    entry = FormEntry.objects.create(form=form, entry_time=event_with_questions.starts_at)
    client.force_login(admin_user)
    response = client.post(reverse("wagtailsnippets_builtforms_builtform:delete", args=[form.pk]))
    assert response.status_code in (200, 302)
    assert BuiltForm.objects.filter(pk=form.pk).exists()
    assert FormEntry.objects.filter(pk=entry.pk).exists()


def test_an_editor_built_form_cannot_ask_for_a_file():
    """Editor-built forms (registrations, consultations) have no upload field to check: forms_builder's "File upload"
    is not among the kinds an editor may choose, and a question cannot be saved as one. Uploads go through
    home.uploads.check_upload wherever they exist (feedback attachments, documents, images)."""
    from django.core.exceptions import ValidationError

    from builtforms.models import FIELD_TYPE_FOR_KIND, BuiltFormField

    assert fb_fields.FILE not in FIELD_TYPE_FOR_KIND.values()
    assert not any("file" in value or "upload" in value for value in FieldKind.values)
    question = BuiltFormField(kind="file", label="Unggah KTP")
    with pytest.raises(ValidationError) as refused:
        question.clean_fields(exclude=["built_form", "form", "slug", "field_type"])
    assert "kind" in refused.value.message_dict
