"""Rate limits on every public POST (home/ratelimit.py): every POST form found on the seeded site stops a flood from
one address with a 429 and an Indonesian message, late enough for a campus behind one NAT address; and every form
that takes an e-mail address refuses a burst for one address, whatever the client address.

New forms are found by tests/support/public_forms.py and held to the same rules without changes here.
"""

import itertools

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone

from tests.support.public_forms import discover_forms, encode, field_error, is_login_form, submission, untranslated

# A whole campus shares one address: a form must take at least this many posts from one address per window.
CAMPUS = 30
# ... and stop a flood before this many.
FLOOD = 70
# One e-mail address is refused within this many valid submissions (from as many different addresses).
PER_EMAIL = 11
# Forms whose answer must not differ whatever happens (it would tell who registered): the limit is silent there,
# which tests/events/test_registration.py checks by counting the mails.
SILENT = ("/kirim-ulang-tautan/",)
_addresses = (f"198.51.100.{n}" for n in itertools.cycle(range(1, 255)))


def post(client, form, pairs, address):
    return client.post(
        form.action, data=encode(pairs), content_type="application/x-www-form-urlencoded", REMOTE_ADDR=address
    )


def shown_message(response):
    soup = BeautifulSoup(response.content, "html.parser")
    texts = [e.get_text(" ", strip=True) for e in soup.select(".error-summary, .error-message, .errorlist, main p")]
    return " ".join(t for t in texts if t)


@pytest.fixture
def post_forms(client, seeded, settings):
    settings.ANTISPAM_MIN_SECONDS = 0
    client.raise_request_exception = False
    forms = [f for f in discover_forms(client) if f.method == "POST"]
    actions = " ".join(f.action for f in forms)
    # The forms the site has today; a new one is checked too.
    for expected in ("/saran-dan-pengaduan/", "/saran-dan-pengaduan/status/", "/konsultasi-publik/", "/_util/login/"):
        assert expected in actions, f"{expected} not found among {actions}"
    assert any(f.fields and any(x.name == "full_name" for x in f.fields) for f in forms), "event registration form"
    return forms


@pytest.mark.django_db
def test_every_public_post_form_is_rate_limited_per_address_and_per_email(client, post_forms):
    # One test, so the demo site is seeded and crawled once.
    problems = flood_from_one_address(client, post_forms) + burst_for_one_email(client, post_forms)
    assert problems == [], "\n".join(problems)


def flood_from_one_address(client, post_forms):
    problems = []
    for form in post_forms:
        if any(part in form.action for part in SILENT):
            continue
        cache.clear()
        # One form as a browser got it, posted again and again (the same submission token: nothing new stored).
        pairs = submission(client, form)
        address = next(_addresses)
        # The clock stands still, so the whole flood falls in one window of the fixed-window counters.
        with time_machine.travel(timezone.now(), tick=False):
            problems += flood(client, form, pairs, address)
    return problems


def flood(client, form, pairs, address):
    """Post the same form from one address until a 429; [] when it comes in time with an Indonesian message."""
    for attempt in range(1, FLOOD + 1):
        response = post(client, form, pairs, address)
        if response.status_code >= 500:
            return [f"{form}: {response.status_code} at post {attempt}"]
        if response.status_code == 429:
            problems = []
            message = shown_message(response)
            if not message or untranslated(message):
                problems.append(f"{form}: the 429 has no Indonesian message: {message[:200]!r}")
            if attempt <= CAMPUS and not is_login_form(form):
                problems.append(f"{form}: refused after {attempt} posts; a campus NAT needs at least {CAMPUS}")
            return problems
    return [f"{form}: {FLOOD} posts from one address and no 429"]


def burst_for_one_email(client, post_forms):
    problems = []
    for form in post_forms:
        email_fields = [f.name for f in form.fields if f.kind == "email"]
        if not email_fields or is_login_form(form) or any(part in form.action for part in SILENT):
            continue
        cache.clear()
        for attempt in range(1, PER_EMAIL + 1):
            # A fresh form each time (new submission token), the same address, a new client address.
            pairs = [(n, "sama.orang@example.org" if n in email_fields else v) for n, v in submission(client, form)]
            response = post(client, form, pairs, next(_addresses))
            if response.status_code >= 500:
                problems.append(f"{form}: {response.status_code} at post {attempt}")
                break
            soup = BeautifulSoup(response.content, "html.parser")
            message = next(filter(None, (field_error(soup, name) for name in email_fields)), None)
            if response.status_code == 429 or message:
                message = message or shown_message(response)
                if untranslated(message):
                    problems.append(f"{form}: the refusal is not in Indonesian: {message!r}")
                break
        else:
            problems.append(f"{form}: {PER_EMAIL} submissions for one e-mail address and none refused")
    return problems
