"""Fixtures of the feedback tests: two routed teams, a triage group, their editors, the public page."""

import pytest
from django.core.cache import cache

from feedback.models import FeedbackPage, FeedbackSettings, FeedbackTopic
from tests.factories import make_page
from tests.feedback.helpers import make_team, make_user


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
