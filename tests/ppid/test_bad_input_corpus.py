"""The PPID forms held to the site's bad-input oracle (tests/support/public_forms.py), without seeding the whole
demo: every corpus entry in every field, Indonesian field messages, nothing stored, nothing unescaped, no 5xx."""

import pytest

from tests.support.public_forms import check_form, parse_forms


@pytest.fixture
def harness(settings, client):
    from django.core.cache import cache

    settings.ANTISPAM_MIN_SECONDS = 0
    client.raise_request_exception = False
    return lambda form: check_form(client, form, reset=cache.clear)


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "lacak/", "keberatan/"])
def test_ppid_forms_survive_the_bad_input_corpus(client, ppid_page, harness, suffix):
    path = ppid_page.url + suffix
    forms = [f for f in parse_forms(client.get(path).content.decode(), path) if f.method == "POST"]
    assert forms
    problems = [problem for form in forms for problem in harness(form)]
    assert problems == [], "\n".join(problems)
