"""The admin speaks Indonesian to every editor by default (Wagtail's id_ID catalog), and each editor can switch to
English in Account settings."""

import pytest
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
