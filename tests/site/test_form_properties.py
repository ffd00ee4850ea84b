"""Property-based tests (Hypothesis) of the public form handlers, with the oracle of tests/support/public_forms.py.

For any value typed into one field of the feedback form, a consultation response or an event registration (the
other fields valid), through the real view:
- never a 5xx;
- refused → a message next to *that* field, in Indonesian, and no row stored anywhere;
- accepted → one submission stored, holding the value as typed (whitespace at the ends trimmed, and runs of
  whitespace joined where the form says so: names and organisations).
Hypothesis starts from the bad-input corpus (tests/support/badinput.py) and adds its own text. Examples are few on
purpose (CI has two cores); run with HYPOTHESIS_PROFILE=thorough for a longer search.
"""

import itertools
import os
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builtforms.forms import new_submission_token
from consultations.forms import ConsultationResponseForm
from consultations.models import ConsultationIndexPage, ConsultationPage, ConsultationResponse
from events.models import Registration
from feedback.forms import FeedbackForm
from feedback.models import Feedback, FeedbackPage, FeedbackTopic
from home.antispam import new_form_started
from tests.factories import make_page
from tests.factories.events import make_event
from tests.support.badinput import EMAIL, TEXT
from tests.support.event_forms import form_url, registration_data
from tests.support.public_forms import field_error, row_counts, untranslated

settings.register_profile(
    "ci",
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=300)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_n = itertools.count(1)
TEXTS = st.one_of(
    st.sampled_from([bad.value for bad in TEXT if isinstance(bad.value, str)]),
    st.text(max_size=250),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40),
)
EMAILS = st.one_of(
    st.sampled_from([bad.value for bad in EMAIL if isinstance(bad.value, str)]),
    st.emails(),
    st.text(max_size=60),
)


def normal(value, join_spaces):
    return " ".join(value.split()) if join_spaces else value.strip()


def newest(model, field, before):
    """What the oracle reads when a submission was accepted: the field of the newest row, if a row was stored."""
    return lambda: (
        model.objects.order_by("-pk").values_list(field, flat=True).first() if row_counts() != before else None
    )


def judge(response, field, value, before, stored_value, *, join_spaces=False):
    """The oracle; returns a problem or None."""
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    soup = BeautifulSoup(response.content, "html.parser")
    if response.status_code >= 400:
        message = field_error(soup, field)
        if not message:
            return f"refused ({response.status_code}) without a message next to {field!r}"
        if untranslated(message):
            return f"message not in Indonesian: {message!r}"
        if row_counts() != before:
            return "refused, but rows were stored"
        return None
    if response.status_code != 302:
        return f"neither refused nor accepted: {response.status_code}"
    stored = stored_value()
    if stored is None:
        return "accepted, but nothing was stored"
    if normal(stored, join_spaces) != normal(value, join_spaces):
        return f"accepted, but stored as {stored[:80]!r}"
    return None


@pytest.fixture
def feedback(home_page, client):
    page = make_page(home_page, FeedbackPage, title="Saran dan Pengaduan", slug="saran-dan-pengaduan")
    topic = FeedbackTopic.objects.create(name="Ormas")
    client.raise_request_exception = False
    client.get(page.url)  # settings rows are created on first use; they are not what a refused post stores
    return page, topic


def feedback_post(client, page, topic, **overrides):
    data = {key: str(value) for key, value in FeedbackForm().initial.items()}
    data.update(
        {
            "kind": "saran",
            "topic": str(topic.pk),
            "message": "Mohon jadwal sosialisasi SIOLA diumumkan lebih awal.",
            "identity": "confidential",
            "name": "Siti Rahmawati",
            "email": f"warga{next(_n)}@contoh.id",
            "phone": "0812 3456 7890",
            "consent": "on",
        }
    )
    data.update(overrides)
    return client.post(page.url, data)


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["name", "message"])
def test_feedback_form_text_fields(feedback, client, field):
    page, topic = feedback

    @given(value=TEXTS)
    def check(value):
        cache.clear()
        before = row_counts()
        response = feedback_post(client, page, topic, **{field: value})
        assert judge(response, field, value, before, newest(Feedback, field, before)) is None

    check()


@pytest.mark.django_db
def test_feedback_form_email(feedback, client):
    page, topic = feedback

    @given(value=EMAILS)
    def check(value):
        cache.clear()
        before = row_counts()
        response = feedback_post(client, page, topic, email=value)
        assert judge(response, "email", value, before, newest(Feedback, "email", before)) is None

    check()


@pytest.fixture
def consultation(home_page, client):
    index = make_page(home_page, ConsultationIndexPage, title="Konsultasi Publik", slug="konsultasi-publik")
    now = timezone.now()
    client.raise_request_exception = False
    page = make_page(
        index,
        ConsultationPage,
        title="Sinergi",
        slug="sinergi",
        summary="Rancangan program.",
        response_topics="Keamanan\nPeran ormas",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=14),
    )
    client.get(page.url)  # settings rows are created on first use; they are not what a refused post stores
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["response", "name", "organisation", "email"])
def test_consultation_response_fields(consultation, client, field):
    @given(value=EMAILS if field == "email" else TEXTS)
    def check(value):
        cache.clear()
        data = {key: str(v) for key, v in ConsultationResponseForm(page=consultation).initial.items()}
        data.update(
            {
                "response": "Patroli bersama di kampus perlu diperbanyak.",
                "topics": ["Keamanan"],
                "name": "Yohana",
                "email": f"warga{next(_n)}@contoh.id",
                "consent": "on",
                field: value,
            }
        )
        before = row_counts()
        response = client.post(consultation.url, data)
        assert judge(response, field, value, before, newest(ConsultationResponse, field, before)) is None

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["full_name", "organisation", "email"])
def test_event_registration_core_fields(home_page, client, field):
    event = make_event(home_page, capacity=500, title="FGD Uji")
    client.raise_request_exception = False
    base = registration_data(client, event)

    @given(value=EMAILS if field == "email" else TEXTS)
    def check(value):
        cache.clear()
        n = next(_n)
        # A fresh submission token and a new address each time, so no example is a replay or a duplicate.
        data = {**base, "submission_token": new_submission_token(), "email": f"peserta{n}@contoh.id"}
        data["form_started"] = new_form_started()  # single-use, like the submission token
        data["organisation"] = f"Organisasi {n}"
        data[field] = value
        before = row_counts()
        response = client.post(form_url(event), data)
        stored = newest(Registration, field, before)
        assert judge(response, field, value, before, stored, join_spaces=field != "email") is None

    check()
