"""Fixtures and helpers shared by the feedback tests: two routed teams, a triage group, the public page."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from consultations.feedback_forms import FeedbackForm
from consultations.models import FeedbackPage, FeedbackSettings, FeedbackTopic
from home.seeding import simple_pdf
from tests.factories import make_page

TEAM_PERMISSIONS = ["access_admin", "view_feedback", "change_feedback"]


def make_team(name, *codenames):
    group = Group.objects.create(name=name)
    group.permissions.set(Permission.objects.filter(codename__in=[*TEAM_PERMISSIONS, *codenames]))
    return group


def make_user(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username, f"{username}@kesbangpol.example", "pw-" + username * 2)
    user.groups.set(groups)
    return user


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def teams(db):
    """Team A handles SIOLA topics, team B Kamtibmas; unrouted topics go to the triage group."""
    team_a = make_team("Tim Ormas", "export_feedback")
    team_b = make_team("Tim Kewaspadaan", "export_feedback")
    triage = make_team("Tim Triase")
    settings = FeedbackSettings.load()
    settings.triage_group = triage
    settings.triage_emails = "triase@kesbangpol.example"
    settings.save()
    return {"a": team_a, "b": team_b, "triage": triage}


@pytest.fixture
def topics(teams):
    return {
        "a": FeedbackTopic.objects.create(
            name="Pendaftaran ormas/SIOLA", team=teams["a"], notify_emails="ormas@kesbangpol.example"
        ),
        "b": FeedbackTopic.objects.create(
            name="Kamtibmas dan kewaspadaan dini",
            team=teams["b"],
            notify_emails="waspada@kesbangpol.example, kabid@kesbangpol.example",
            verify_days=1,
            answer_days=2,
        ),
        "none": FeedbackTopic.objects.create(name="Layanan Kesbangpol lainnya"),
    }


@pytest.fixture
def editors(teams, django_user_model):
    return {
        "a": make_user(django_user_model, "editor_a", teams["a"]),
        "b": make_user(django_user_model, "editor_b", teams["b"]),
        "triage": make_user(django_user_model, "editor_triage", teams["triage"]),
    }


@pytest.fixture
def feedback_page(home_page):
    return make_page(home_page, FeedbackPage, title="Saran dan Pengaduan", slug="saran-dan-pengaduan")


def form_data(topic_obj, **overrides):
    """What a citizen's browser posts: the form's own hidden fields (anti-spam stamp, token) plus answers."""
    data = {key: str(value) for key, value in FeedbackForm().initial.items()}
    data.update(
        {
            "kind": "pengaduan",
            "topic": str(topic_obj.pk),
            "message": "Ada kegiatan ormas tanpa SKT di Kelurahan Menteng, mohon ditindaklanjuti.",
            "identity": "confidential",
            "name": "Siti Rahmawati",
            "email": "siti@contoh.id",
            "phone": "0812 3456 7890",
            "consent": "on",
        }
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 30, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def pdf_bytes():
    return simple_pdf("Surat pengaduan", ["Isi surat uji."])


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
