"""The admin speaks Indonesian to every editor by default (Wagtail's id_ID catalog), and each editor can switch to
English in Account settings."""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
import wagtail
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from home.editorial import REDAKSI, TIM_ACARA


def test_admin_languages_offer_indonesian_and_english():
    assert settings.LANGUAGE_CODE == "id"
    permitted = dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)
    assert permitted == {"id": "Bahasa Indonesia", "en": "English"}


def form_values(html, form_selector):
    """What the browser would post from the form: inputs, checked boxes, selected options, textareas."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    values = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        kind = (element.get("type") or "text").lower()
        if not name or kind in {"submit", "button", "file"}:
            continue
        if element.name == "select":
            chosen = element.find("option", selected=True) or element.find("option")
            values[name] = chosen.get("value", "") if chosen else ""
        elif element.name == "textarea":
            values[name] = element.get_text()
        elif kind in {"checkbox", "radio"}:
            if element.has_attr("checked"):
                values[name] = element.get("value", "on")
        else:
            values[name] = element.get("value", "")
    return values


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user(
        "redaksi", "redaksi@kesbangpol.example", "kata-sandi-panjang-sekali", first_name="Rina", last_name="Wati"
    )
    user.groups.add(Group.objects.get(name=REDAKSI))
    return user


def test_an_editor_gets_the_dashboard_in_indonesian_and_can_switch_to_english(client, editor):
    assert client.login(username="redaksi", password="kata-sandi-panjang-sekali")
    dashboard = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = dashboard.content.decode()
    assert dashboard.status_code == 200
    assert '<html lang="id"' in html
    assert "<title>Dasbor - " in html and '"Januari"' in html  # page title and the date picker's months

    account_url = reverse("wagtailadmin_account")
    account = client.get(account_url)
    assert "Bahasa Indonesia" in account.content.decode()
    data = form_values(account.content.decode(), "form[method=post]")
    assert "locale-preferred_language" in data
    data["locale-preferred_language"] = "en"
    response = client.post(account_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    english = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="en"' in english
    assert "<title>Dashboard - " in english and '"January"' in english and "Dasbor" not in english


# Wagtail's own Indonesian catalogue (id_ID) lacks about half of Wagtail 8's admin strings; locale_wagtail/ holds
# the Indonesian for exactly those. These tests keep it complete and safe across Wagtail upgrades.
WAGTAIL_DIR = Path(wagtail.__file__).resolve().parent
GAP_DIR = Path(settings.BASE_DIR) / "locale_wagtail" / "id" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[^{}\s]*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def wagtail_strings(domain):
    """(msgctxt, msgid) -> entry of every string Wagtail's English catalogues list, for one gettext domain."""
    strings = {}
    for path in sorted(WAGTAIL_DIR.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgid and not entry.obsolete:
                strings.setdefault((entry.msgctxt, entry.msgid), entry)
    return strings


def translated_keys(paths):
    keys = set()
    for path in paths:
        if path.exists():
            keys |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if e.translated() and not e.obsolete}
    return keys


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_admin_string_has_indonesian(domain):
    wagtail_id = sorted(WAGTAIL_DIR.glob(f"**/locale/id_ID/LC_MESSAGES/{domain}.po"))
    ours = [Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / f"{domain}.po", GAP_DIR / f"{domain}.po"]
    missing = set(wagtail_strings(domain)) - translated_keys(wagtail_id) - translated_keys(ours)
    # After a Wagtail upgrade: translate the new strings into locale_wagtail/id/LC_MESSAGES/<domain>.po.
    assert not missing, sorted(msgid for _ctx, msgid in missing)[:50]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_gap_catalogue_keeps_every_placeholder_and_tag(domain):
    problems = []
    for entry in polib.pofile(str(GAP_DIR / f"{domain}.po")):
        assert entry.translated() and not entry.fuzzy, entry.msgid
        source = entry.msgid_plural or entry.msgid
        translation = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        for pattern in (PLACEHOLDER, TAG):
            found = Counter(pattern.findall(translation))
            if found != Counter(pattern.findall(source)) and found != Counter(pattern.findall(entry.msgid)):
                problems.append(f"{entry.msgid!r} -> {translation!r}")
    assert not problems, "\n".join(problems)


def test_the_dashboard_and_the_page_explorer_have_no_english_left(client, editor):
    assert client.login(username="redaksi", password="kata-sandi-panjang-sekali")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    explorer = client.get(reverse("wagtailadmin_explore_root"), follow=True).content.decode()
    # Strings Wagtail's own id_ID catalogue does not have; an editor saw them in English before.
    for english in ("Search all pages", "Exploring"):
        assert english not in dashboard + explorer
    assert 'placeholder="Cari' in dashboard


# The registration-form builder (Kegiatan › Formulir pendaftaran) ---------------------------------------------------
def english_msgids():
    """Every English string the admin may show: Wagtail's catalogues, ours, and the labels and help texts of
    django-forms-builder's models, which ship no catalogue at all."""
    from forms_builder.forms.models import Field, Form

    msgids = {msgid for _ctx, msgid in wagtail_strings("django")}
    msgids |= {
        e.msgid for e in polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    }
    with translation.override("en"):
        for model in (Form, Field):
            for field in model._meta.get_fields():
                msgids |= {str(text) for text in (getattr(field, "verbose_name", ""), getattr(field, "help_text", ""))}
    return {msgid for msgid in msgids if msgid and "%" not in msgid and "{" not in msgid}


def english_left(html):
    """Visible text of the page's main content (the hidden template of a new question too) that is an English
    msgid with no Indonesian in any catalogue Django loaded for "id"."""
    catalog = translation.trans_real.translation("id")._catalog
    main = BeautifulSoup(html, "html.parser").select_one("main")
    for hidden in main.find_all(["script", "style"]):
        hidden.decompose()
    english = english_msgids()
    texts = {" ".join(text.split()) for text in main.find_all(string=True)}
    return sorted(text for text in texts if text in english and text not in catalog)


@pytest.fixture
def events_team_member(db, django_user_model):
    user = django_user_model.objects.create_user("acara", "acara@kesbangpol.example", "kata-sandi-panjang-sekali")
    user.groups.add(Group.objects.get(name=TIM_ACARA))
    return user


def test_the_form_builder_speaks_indonesian(client, events_team_member):
    from builtforms.models import FieldKind
    from tests.factories.events import built_form

    form = built_form(
        ("Asal kabupaten/kota", FieldKind.TEXT, {}),
        ("Ukuran kaos", FieldKind.SELECT, {"choices": "S, M, L", "required": False}),
    )
    assert client.login(username="acara", password="kata-sandi-panjang-sekali")
    screens = {
        "list": reverse("wagtailsnippets_builtforms_builtform:list"),
        "create": reverse("wagtailsnippets_builtforms_builtform:add"),
        "edit": reverse("wagtailsnippets_builtforms_builtform:edit", args=[form.pk]),
    }
    pages = {}
    for name, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
        assert not english_left(pages[name]), (name, english_left(pages[name]))

    # Each question's panel is titled "Pertanyaan" (numbered by Wagtail's script), not the plural "Daftar pertanyaan".
    soup = BeautifulSoup(pages["edit"], "html.parser")
    headings = [
        " ".join(h.get_text().split()) for h in soup.select("[data-inline-panel-child] [data-panel-heading-text]")
    ]
    assert headings and set(headings) == {"Pertanyaan"}, headings
    labels = {" ".join(label.get_text().split()).rstrip(" *") for label in soup.select("main label")}
    assert {"Pertanyaan", "Wajib", "Pilihan", "Teks bantuan", "Nilai bawaan", "Pengantar"} <= labels, labels
