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

from home.editorial import REDAKSI


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
