"""Bad input, everywhere: every public form found on the seeded site gets the corpus of tests/support/badinput.py
in every field, judged by the oracle in tests/support/public_forms.py. The canary tests prove the harness catches
each failure."""

import pytest

from tests.support.badinput import values_for
from tests.support.public_forms import check_form, discover_forms, parse_forms

SAMPLE = {"NUL", "Arabic script", "script tag", "not a number", "31 February", "header injection (CRLF Bcc)"}


@pytest.fixture
def harness(settings, client):
    """Judge content only: anti-spam timing off, rate-limit counters cleared before every post."""
    from django.core.cache import cache

    settings.ANTISPAM_MIN_SECONDS = 0
    # A crashing view must show up as a 500 the oracle reports, not as an exception inside the test client.
    client.raise_request_exception = False
    return lambda form, **kwargs: check_form(client, form, reset=cache.clear, **kwargs)


@pytest.mark.django_db
def test_every_public_form_survives_the_bad_input_corpus(client, seeded, harness):
    forms = discover_forms(client)
    # The search forms (GET) and every POST form on a public page are found and checked the same way.
    assert any(f.action.startswith("/cari/") for f in forms)
    problems = [problem for form in forms for problem in harness(form)]
    assert problems == [], "\n".join(problems)


def canary(client, behaviour):
    page = f"/uji-kanari/{behaviour}/"
    (form,) = parse_forms(client.get(page).content.decode(), page)[-1:]
    return form


@pytest.mark.django_db
@pytest.mark.urls("tests.support.canary_forms")
def test_discovery_finds_a_new_form_and_the_oracle_passes_a_good_one(client, seeded, harness):
    forms = {f.action: f for f in discover_forms(client) if f.method == "POST"}
    assert "/uji-kanari/good/" in forms
    assert harness(forms["/uji-kanari/good/"]) == []


@pytest.mark.django_db
@pytest.mark.urls("tests.support.canary_forms")
@pytest.mark.parametrize(
    ("behaviour", "symptom"),
    [
        ("crash", "server error"),
        ("english", "not in Indonesian"),
        ("stores-invalid", "refused, but rows were stored"),
        ("unescaped", "shown as markup"),
    ],
)
def test_the_oracle_catches_a_broken_form(client, seeded, harness, behaviour, symptom):
    # A few entries per kind of field are enough to show each failure is noticed (and keep the test quick).
    problems = harness(canary(client, behaviour), corpus=lambda kind: [b for b in values_for(kind) if b.name in SAMPLE])
    assert any(symptom in p for p in problems), "\n".join(problems)
