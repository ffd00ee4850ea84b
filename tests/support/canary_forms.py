"""Canary forms: a well-behaved public form built from the toolkit, and broken variants of it, so the bad-input and
log-scrubbing harnesses can prove they catch each kind of failure (tests/site/test_bad_input.py).

Mounted only by tests, with `@pytest.mark.urls("tests.support.canary_forms")`: the canaries, then the whole site.
Submissions are stored in forms_builder's FormEntry/FieldEntry tables, the engine our editor-built forms use.
"""

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template import engines
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.antispam import AntiSpamFormMixin
from home.privacy import ConsentFormMixin
from site_cms.urls import urlpatterns as site_urlpatterns

logger = logging.getLogger("tests.canary")

TOPICS = [("ormas", "Pendaftaran ormas"), ("fgd", "FGD dan forum"), ("lain", "Lainnya")]


class CanaryForm(AntiSpamFormMixin, ConsentFormMixin, forms.Form):
    nama = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    telepon = forms.CharField(
        label="Telepon", max_length=20, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    tanggal = forms.DateField(label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}))
    jumlah = forms.IntegerField(label="Jumlah peserta", min_value=1, max_value=50)
    topik = forms.ChoiceField(label="Topik", choices=TOPICS)
    pesan = forms.CharField(label="Pesan", max_length=2000, widget=forms.Textarea)


class EnglishMessageForm(CanaryForm):
    def clean_nama(self):
        nama = self.cleaned_data["nama"]
        if "<" in nama:
            raise ValidationError("This field contains characters that are not allowed.")
        return nama


PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% load site_tags %}{% block title %}Formulir uji{% endblock %}{% block content %}
<div class="container">
<h1>Formulir uji</h1>
{% if sent %}<p class="notice notice--success">Terkirim.</p>{% endif %}
{% if echo %}<p>Halo {{ echo|safe }}</p>{% endif %}
<form method="post" novalidate>{% csrf_token %}
{% error_summary form %}
{% for field in form.visible_fields %}{% if field.name != "website" %}
{% include "includes/form_field.html" %}
{% endif %}{% endfor %}
{% include "includes/antispam_fields.html" %}
<button type="submit">Kirim</button>
</form></div>{% endblock %}"""
)


def store(form):
    from forms_builder.forms.models import FieldEntry, Form, FormEntry

    target, _ = Form.objects.get_or_create(slug="kanari", defaults={"title": "Kanari", "send_email": False})
    entry = FormEntry.objects.create(form=target, entry_time=timezone.now())
    for index, (name, value) in enumerate(form.cleaned_data.items()):
        if name not in ("website", "form_started", "consent"):
            FieldEntry.objects.create(entry=entry, field_id=index, value=str(value))


def make_view(behaviour):
    def view(request):
        form_class = EnglishMessageForm if behaviour == "english" else CanaryForm
        form = form_class(request.POST or None)
        echo = None
        if request.method == "POST":
            if behaviour == "crash":
                request.POST.get("nama", "").encode("ascii")  # breaks on any non-ASCII name
            if behaviour == "logs":
                logger.warning("Formulir dari %s <%s>", request.POST.get("nama"), request.POST.get("email"))
            if behaviour == "stores-invalid":
                form.is_valid()
                # (NUL removed only because PostgreSQL cannot store it; the point is storing unvalidated input.)
                form.cleaned_data = {k: request.POST.get(k, "").replace("\x00", "") for k in ("nama", "email")}
                store(form)
                form = form_class(request.POST)
            if behaviour == "unescaped":
                echo = request.POST.get("nama")
            if form.is_valid():
                store(form)
                if behaviour != "unescaped":  # that one greets the sender on the page, unescaped
                    return HttpResponseRedirect(request.path + "?terkirim=1")
        return HttpResponse(PAGE.render({"form": form, "sent": "terkirim" in request.GET, "echo": echo}, request))

    return view


BEHAVIOURS = ["good", "crash", "english", "stores-invalid", "unescaped", "logs"]
urlpatterns = [path(f"uji-kanari/{b}/", make_view(b)) for b in BEHAVIOURS] + site_urlpatterns
