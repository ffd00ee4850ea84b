"""Logs never contain personal data: sentinel values go through every public form (valid and invalid submissions)
while every logger records at DEBUG level; none of them may appear in any log line or on stdout/stderr."""

import contextlib
import logging

import pytest

from tests.support.public_forms import discover_forms, fresh_form, is_login_form, send, submission

SENTINELS = {
    "text": "Sentinelnama Qzx",
    "textarea": "Sentinelpesan Qzx rahasia",
    "search": "Sentinelcari Qzx",
    "email": "sentinel.qzx@example.org",
    "tel": "081299887766",
}


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@contextlib.contextmanager
def all_logs_at_debug():
    """The most an operator can turn on (LOG_LEVEL=DEBUG): every logger at DEBUG except those whose level
    settings.LOGGING pins; all of them, including those that do not propagate (django.request), into one list."""
    from django.conf import settings

    pinned = {name for name, config in settings.LOGGING.get("loggers", {}).items() if "level" in config}
    capture = Capture()
    capture.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    loggers = [logging.getLogger()] + [
        logging.getLogger(name)
        for name, obj in logging.Logger.manager.loggerDict.items()
        if isinstance(obj, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    for logger in loggers:
        if logger.name not in pinned:
            logger.setLevel(logging.DEBUG)
        logger.disabled = False
        if logger is logging.getLogger() or not logger.propagate:
            logger.addHandler(capture)
    try:
        yield capture
    finally:
        for logger, level, disabled in saved:
            logger.setLevel(level)
            logger.disabled = disabled
            logger.removeHandler(capture)


def sentinel_submission(client, form, broken_field=None):
    pairs = submission(client, form)
    kinds = {f.name: f.kind for f in fresh_form(client, form).fields}
    result = []
    for name, value in pairs:
        kind = kinds.get(name)
        if kind in SENTINELS:
            value = SENTINELS[kind]
        if name == broken_field:
            value = "\x00"
        result.append((name, value))
    return result


def push_sentinels(client, forms):
    """Each form: one valid submission and one with an invalid field (so errors and re-rendering are logged too)."""
    for form in forms:
        filled = [f.name for f in form.fields if f.kind in SENTINELS]
        for broken in [None, *filled[:1]]:
            send(client, form, sentinel_submission(client, form, broken))


def leaks(capture, capfd):
    out, err = capfd.readouterr()
    lines = [*capture.lines, *out.splitlines(), *err.splitlines()]
    found = [line for line in lines if any(s.split()[0] in line for s in SENTINELS.values())]
    print("\n".join(line[:300] for line in found[:20]))  # shown when the test fails
    return sorted({s for s in SENTINELS.values() if any(s.split()[0] in line for line in found)})


@pytest.fixture
def quiet_harness(settings, client):
    from django.core.cache import cache

    settings.ANTISPAM_MIN_SECONDS = 0
    client.raise_request_exception = False
    cache.clear()
    return client


@pytest.mark.django_db
def test_no_form_writes_personal_data_to_the_logs(quiet_harness, seeded, capfd):
    client = quiet_harness
    forms = [f for f in discover_forms(client) if not is_login_form(f)]
    # Every kind of form that takes personal data is in the run: feedback, consultation response, event registration.
    actions = [f.action for f in forms if f.method == "POST"]
    assert "/saran-dan-pengaduan/" in actions
    assert any(a.startswith("/konsultasi-publik/") for a in actions)
    registration = [f for f in forms if {"full_name", "email", "phone", "organisation"} <= {x.name for x in f.fields}]
    assert registration and registration[0].action.startswith("/agenda-kegiatan/")
    with all_logs_at_debug() as capture:
        push_sentinels(client, forms)
    assert leaks(capture, capfd) == []


@pytest.mark.django_db
@pytest.mark.urls("tests.support.canary_forms")
def test_the_log_harness_catches_a_form_that_logs_what_people_typed(quiet_harness, seeded, capfd):
    client = quiet_harness
    forms = [f for f in discover_forms(client) if f.action in ("/uji-kanari/good/", "/uji-kanari/logs/")]
    assert len(forms) == 2
    good = next(f for f in forms if f.action == "/uji-kanari/good/")
    with all_logs_at_debug() as capture:
        push_sentinels(client, [good])
    assert leaks(capture, capfd) == []
    with all_logs_at_debug() as capture:
        push_sentinels(client, forms)
    assert "sentinel.qzx@example.org" in leaks(capture, capfd)
