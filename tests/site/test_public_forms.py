"""The public-form toolkit: consent, anti-spam, rate limits and accessible field rendering."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory

from home.antispam import AntiSpamFormMixin
from home.forms import PlainHiddenInput, PlainTextInput
from home.models import PrivacyNoticePage
from home.privacy import ConsentFormMixin
from home.ratelimit import allow, client_ip
from tests.factories import make_page


class ContactForm(AntiSpamFormMixin, ConsentFormMixin, forms.Form):
    name = forms.CharField(label="Nama lengkap", help_text="<b>Sesuai KTP</b>", max_length=100)
    kind = forms.ChoiceField(
        label="Jenis", choices=[("saran", "Saran"), ("aduan", "Pengaduan")], widget=forms.RadioSelect
    )


def started_form_data(**extra):
    return {**ContactForm().initial, "name": "Ani", "kind": "saran", "consent": "on", **extra}


@pytest.fixture
def notice(home_page):
    return make_page(
        home_page,
        PrivacyNoticePage,
        title="Pemberitahuan Privasi",
        version="2026-11",
        effective_date=datetime.date(2026, 11, 1),
        slug="pemberitahuan-privasi",
    )


def test_consent_is_required_with_an_indonesian_message(db, notice):
    form = ContactForm(data=started_form_data(consent=""))
    assert not form.is_valid()
    assert form.errors["consent"] == [
        "Centang kotak ini tanda Anda setuju; tanpa persetujuan Anda, formulir tidak dapat kami proses."
    ]


def test_consent_record_names_the_live_notice_version(db, notice):
    form = ContactForm(data=started_form_data())
    assert form.is_valid(), form.errors
    record = form.consent_record()
    assert record["version"] == "2026-11" and record["given_at"]
    assert form.privacy_notice_url == "/pemberitahuan-privasi/"


def test_honeypot_and_forged_timestamp_are_refused(db):
    assert not ContactForm(data=started_form_data(website="http://spam.example")).is_valid()
    assert not ContactForm(data=started_form_data(form_started="forged")).is_valid()
    assert not ContactForm(data={**started_form_data(), "form_started": ""}).is_valid()


def test_too_fast_submission_is_refused(db, settings):
    settings.ANTISPAM_MIN_SECONDS = 3
    form = ContactForm(data=started_form_data())
    assert not form.is_valid()
    assert "terlalu cepat" in " ".join(form.non_field_errors())


def test_rate_limit_allows_a_campus_then_stops_a_flood():
    cache.clear()
    assert all(allow("uji", "10.0.0.1", limit=60, window_seconds=60) for _ in range(60))
    assert not allow("uji", "10.0.0.1", limit=60, window_seconds=60)
    assert allow("uji", "10.0.0.2", limit=60, window_seconds=60), "another address has its own budget"
    assert allow("lain", "10.0.0.1", limit=60, window_seconds=60), "another scope has its own budget"


def test_client_ip_trusts_forwarded_for_only_behind_configured_proxies(settings):
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.5")
    settings.NUM_PROXIES = 0
    assert client_ip(request) == "10.0.0.5"
    settings.NUM_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"


def render_form(form):
    template = Template(
        "{% load site_tags %}{% for field in form.visible_fields %}{% if field.name != 'website' %}"
        "{% include 'includes/form_field.html' with field=field %}{% endif %}{% endfor %}"
        "{% include 'includes/antispam_fields.html' %}{% error_summary form %}"
    )
    return BeautifulSoup(template.render(Context({"form": form})), "html.parser")


def test_fields_render_with_labels_help_and_errors_tied_together(db, notice):
    form = ContactForm(data=started_form_data(name=""))
    form.is_valid()
    soup = render_form(form)
    name = soup.find("input", attrs={"name": "name"})
    assert soup.find("label", attrs={"for": name["id"]}).get_text(strip=True).startswith("Nama lengkap")
    assert name["aria-invalid"] == "true"
    described = name["aria-describedby"].split()
    assert soup.find(id=described[0]).get_text() == "<b>Sesuai KTP</b>", "help text is escaped, never HTML"
    assert " ".join(soup.find(id=described[1]).get_text().split()) == "Kolom ini harus diisi."
    assert soup.find("fieldset").find("legend").get_text(strip=True).startswith("Jenis")
    assert soup.select_one(".error-summary a")["href"] == f"#{name['id']}"
    honeypot = soup.select_one(".hp-field")
    assert honeypot["aria-hidden"] == "true" and honeypot.find("input")["tabindex"] == "-1"


@pytest.mark.parametrize(
    "plain, django_widget", [(PlainHiddenInput, forms.HiddenInput), (PlainTextInput, forms.TextInput)]
)
@pytest.mark.parametrize("value", [None, "", 'x" onfocus="alert(1)', "<script>&amp;", 0])
@pytest.mark.parametrize("attrs", [{}, {"autocomplete": "off", "tabindex": "-1", "required": True, "hidden": False}])
def test_plain_inputs_render_exactly_as_djangos_widget_templates(plain, django_widget, value, attrs):
    # The token and honeypot inputs skip the template engine; the markup (and its escaping) must not change.
    expected = django_widget(attrs=attrs).render("website", value, {"id": "id_website"})
    assert plain(attrs=attrs).render("website", value, {"id": "id_website"}) == expected
    assert "<script>" not in expected and 'x" onfocus' not in expected
