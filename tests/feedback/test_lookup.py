"""Who may see a feedback item's status (issue 15): only whoever holds its secret, never whoever knows an address.

Tracking codes are sequential, so an attacker can list them; the lookup must then need something only the sender
has: the secret (PIN) on the receipt, or the signed link in every mail. Failures are counted per client and per
code, and an unknown code and a wrong secret get the same answer.
"""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback import service as feedback_service
from feedback.models import Feedback
from home.models import OutboxMessage
from tests.feedback.helpers import form_data

YEAR = timezone.localdate().year
URL = "/saran-dan-pengaduan/"
LOOKUP = URL + "status/"
VICTIM = "siti@contoh.id"


def send(topic, **overrides):
    """A citizen sends an item from their own browser; returns (item, the secret shown on their receipt)."""
    browser = Client()
    response = browser.post(URL, form_data(topic, **overrides))
    assert response.status_code == 302
    receipt = BeautifulSoup(browser.get(response["Location"]).content, "html.parser")
    code = receipt.find(id="tracking-code").get_text()
    secret = receipt.find(id="tracking-secret")
    return Feedback.objects.get(tracking_code=code), secret.get_text() if secret else ""


def lookup(code, secret, address="192.0.2.10", **extra):
    """POST the lookup form as a browser would (both the old and the new name of the second field)."""
    client = Client(REMOTE_ADDR=address)
    return client, client.post(LOOKUP, {"code": code, "secret": secret, "proof": secret, **extra})


def shows_status(client, response):
    """True when the response (or the page it redirects to) is a status page."""
    if response.status_code == 302:
        response = client.get(response["Location"])
    return response.status_code == 200 and "feedback-history" in response.content.decode()


def link_in(text):
    found = re.findall(r"https?://\S+/saran-dan-pengaduan/status/\?\S+", text)
    assert len(found) == 1, text
    return found[0]


@pytest.fixture
def items(feedback_page, topics, editors):
    """Six complaints by different people; the victim's is the fourth, answered and confidential."""
    made = {}
    for n in range(6):
        email = VICTIM if n == 3 else f"warga{n}@contoh.id"
        made[n] = send(topics["a"], email=email)
    victim = made[3][0]
    feedback_service.change_status(victim, editors["a"], "diverifikasi")
    feedback_service.publish_answer(victim, editors["a"], "Kami sudah menghubungi pengurus ormas tersebut.")
    return made


# Enumeration by address -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", [VICTIM, "SITI@contoh.id", " Siti@Contoh.ID ", "siti@contoh.id\t"])
def test_an_address_alone_opens_no_complaint_across_every_code(items, typed):
    """The finding: with only an address, trying every code (each from a fresh client address, so no per-client
    limit helps) must never show a status page."""
    for number in range(1, 31):
        client, response = lookup(f"ADU-{YEAR}-{number:05d}", typed, address=f"203.0.113.{number}")
        assert response.status_code in (400, 429), (number, response.status_code)
        assert not shows_status(client, response), number
        for item, _secret in items.values():
            assert client.get(f"{LOOKUP}{item.tracking_code}/").status_code == 302


def test_the_lookup_form_asks_for_the_code_and_the_secret_never_an_address(feedback_page):
    page = Client().get(LOOKUP)
    soup = BeautifulSoup(page.content, "html.parser")
    form = soup.find("form", action=LOOKUP)
    names = {field["name"] for field in form.find_all(["input", "select", "textarea"])}
    assert names == {"csrfmiddlewaretoken", "code", "secret"}
    assert "e-mail" not in form.get_text(" ").lower()


def test_every_item_gets_a_secret_on_its_receipt_and_it_opens_the_status(items):
    for item, secret in items.values():
        assert len(item.secret_hash) == 64 and re.fullmatch(r"[2-9A-Z]{4}(-[2-9A-Z]{4}){3}", secret)
    item, secret = items[3]
    client, response = lookup(item.tracking_code.lower(), secret.lower().replace("-", " "))
    assert shows_status(client, response)


# Limits ---------------------------------------------------------------------------------------------------------
def test_failures_from_one_client_are_limited_across_codes_and_then_nothing_opens(items):
    """One client trying one guess against each code is stopped, and once stopped the right secret tells it
    nothing either (else the limit would be an oracle)."""
    client = Client(REMOTE_ADDR="198.51.100.7")
    statuses = []
    for number in range(1, 41):
        response = client.post(LOOKUP, {"code": f"ADU-{YEAR}-{number:05d}", "secret": "AAAA-BBBB-CCCC-DDDD"})
        statuses.append(response.status_code)
    assert 429 in statuses[:25], statuses
    assert set(statuses[statuses.index(429) :]) == {429}
    item, secret = items[3]
    right = client.post(LOOKUP, {"code": item.tracking_code, "secret": secret})
    assert right.status_code == 429 and not shows_status(client, right)
    _other, elsewhere = lookup(item.tracking_code, secret, address="198.51.100.8")
    assert elsewhere.status_code == 302, "another client is not affected"


def test_failures_for_one_code_are_limited_across_clients_and_then_nothing_opens(items):
    item, secret = items[3]
    for attempt in range(12):
        _client, response = lookup(item.tracking_code, f"WRONG-{attempt:04d}", address=f"10.9.0.{attempt}")
    assert response.status_code == 429
    client, right = lookup(item.tracking_code, secret, address="10.9.1.1")
    assert right.status_code == 429 and not shows_status(client, right), "no oracle once the code is locked"
    mail = OutboxMessage.objects.get(key=f"feedback:{item.tracking_code}:received")
    link = urlsplit(link_in(mail.body_text))
    by_link = Client(REMOTE_ADDR="10.9.1.1")
    assert shows_status(by_link, by_link.get(f"{link.path}?{link.query}")), "the mailed link cannot be guessed"


def test_right_answers_never_use_up_the_failure_budget(items):
    """An office checking its own items all day is never locked out: a right secret gives its count back, so only
    wrong ones add up (counted first, refunded when right: home/ratelimit.py)."""
    item, secret = items[3]
    address = "198.51.100.20"
    for _ in range(25):  # more than both failure limits (20 per client, 10 per code)
        _client, right = lookup(item.tracking_code, secret, address=address)
        assert right.status_code == 302
    statuses = [lookup(item.tracking_code, f"WRONG-{n:04d}", address=address)[1].status_code for n in range(11)]
    assert statuses == [400] * 10 + [429], "the ten failures a code allows are all still there"


def test_an_unknown_code_and_a_wrong_secret_get_the_same_answer(items):
    item, _secret = items[0]
    unknown = f"ADU-{YEAR}-00077"
    answers = []
    for code in (item.tracking_code, unknown):
        client = Client(REMOTE_ADDR="192.0.2.50")
        client.get(LOOKUP)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(LOOKUP, {"code": code, "secret": "AAAA-BBBB-CCCC-DDDD"})
        body = response.content.decode().replace(code, "CODE")
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
        answers.append((response.status_code, [t.name for t in response.templates], body, len(queries)))
    assert answers[0] == answers[1]
    assert answers[0][0] == 400 and "tidak cocok" in answers[0][2]


# The mailed link ------------------------------------------------------------------------------------------------
def test_the_link_in_the_receipt_mail_opens_the_status_on_the_public_site(
    feedback_page, topics, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(URL, form_data(topics["a"]), HTTP_HOST="localhost")
    item = Feedback.objects.get()
    [mail] = [m for m in mailoutbox if m.to == [VICTIM]]
    link = urlsplit(link_in(mail.body))
    assert f"{link.scheme}://{link.netloc}" == "https://kesbangpol.test"
    assert item.tracking_code in link.query and VICTIM not in link.query

    reader = Client()
    opened = reader.get(f"{link.path}?{link.query}")
    assert opened.status_code == 302 and opened["Location"] == f"{LOOKUP}{item.tracking_code}/"
    page = reader.get(opened["Location"])
    assert page.status_code == 200 and item.tracking_code in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_a_tampered_link_opens_nothing(items):
    item, _secret = items[3]
    other, _ = items[4]
    link = urlsplit(link_in(OutboxMessage.objects.get(key=f"feedback:{item.tracking_code}:received").body_text))
    for query in (
        link.query.replace(item.tracking_code, other.tracking_code),
        link.query[:-3] + "xyz",
        f"kode={item.tracking_code}",
        f"kode={item.tracking_code}&kunci=",
    ):
        client = Client()
        response = client.get(f"{link.path}?{query}")
        assert not shows_status(client, response), query
        assert client.get(f"{LOOKUP}{item.tracking_code}/").status_code == 302


def test_every_mail_to_the_citizen_about_a_change_carries_the_link(items, editors):
    victim = items[3][0]
    other = items[5][0]
    feedback_service.change_status(other, editors["a"], "ditolak", reason="Bukan kewenangan Kesbangpol.")
    keys = [
        f"feedback:{victim.tracking_code}:received",
        f"feedback:{other.tracking_code}:rejected",
        *OutboxMessage.objects.filter(key__startswith=f"feedback:{victim.tracking_code}:answer:").values_list(
            "key", flat=True
        ),
    ]
    assert len(keys) == 3
    for key in keys:
        mail = OutboxMessage.objects.get(key=key)
        link = urlsplit(link_in(mail.body_text))
        assert link.netloc == "kesbangpol.test"
        reader = Client()
        assert shows_status(reader, reader.get(f"{link.path}?{link.query}")), key


# "Send me my status links" ---------------------------------------------------------------------------------------
RESEND = URL + "kirim-ulang-tautan/"


def ask_for_links(email, address="192.0.2.77"):
    client = Client(REMOTE_ADDR=address)
    response = client.post(RESEND, {"email": email})
    page = client.get(response["Location"]) if response.status_code == 302 else response
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())
    return response.status_code, response.get("Location"), page.status_code, body


def link_mails():
    return OutboxMessage.objects.filter(key__contains=":links:")


def test_asking_for_the_links_mails_them_to_the_address_on_file_and_the_page_tells_nothing(items):
    known = ask_for_links(" SITI@Contoh.id ")
    unknown = ask_for_links("bukan.pelapor@contoh.id")
    assert known == unknown, "the same answer whether or not the address sent anything"
    assert known[0] == 302 and "sedang dikirim" in known[3]
    assert "ADU-" not in known[3]

    [mail] = link_mails()
    assert mail.to == [VICTIM]
    victim = items[3][0]
    assert victim.tracking_code in mail.body_text
    for n in (0, 1, 2, 4, 5):
        assert items[n][0].tracking_code not in mail.body_text, "only that address's items"
    link = urlsplit(link_in(mail.body_text))
    assert link.netloc == "kesbangpol.test"
    reader = Client()
    assert shows_status(reader, reader.get(f"{link.path}?{link.query}"))


def test_asking_for_the_links_is_limited_per_client_and_per_address_without_saying_so(items):
    from home.ratelimit import allow

    answers = {ask_for_links(f"warga{n % 6}@contoh.id", address="192.0.2.88")[:2] for n in range(12)}
    assert len(answers) == 1, "a limited request is answered like any other"
    for n in range(4):
        ask_for_links(VICTIM, address=f"192.0.2.{100 + n}")
    # The windows are full: one more ask would be over each limit.
    assert not allow("feedback-link-email", VICTIM, 3, 3600)
    assert not allow("feedback-link-ip", "192.0.2.88", 10, 3600)
    assert link_mails().filter(to=[VICTIM]).count() == 1


def test_a_bad_address_gets_a_message_next_to_the_field(feedback_page):
    status, _location, _page_status, body = ask_for_links("bukan alamat")
    assert status == 400
    soup = BeautifulSoup(body, "html.parser")
    assert soup.find(id="id_email-error").get_text(strip=True)
    assert not link_mails().exists()


def test_items_stored_before_get_a_secret_nobody_knows_and_their_mailed_links_work(items):
    """Migration 0003: an item from before (an address, no secret) gets a random secret; the address still opens
    nothing, and the links mailed from now on (or asked for again) do."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("feedback.migrations.0003_every_item_has_a_secret")
    old = items[3][0]
    Feedback.objects.filter(pk=old.pk).update(secret_hash="")
    migration.give_every_item_a_secret(apps, None)
    old.refresh_from_db()
    assert len(old.secret_hash) == 64 and old.secret_hash != items[4][0].secret_hash
    client, response = lookup(old.tracking_code, VICTIM)
    assert not shows_status(client, response)
    ask_for_links(VICTIM)
    [mail] = link_mails()
    link = urlsplit(link_in(mail.body_text))
    reader = Client()
    assert shows_status(reader, reader.get(f"{link.path}?{link.query}"))
