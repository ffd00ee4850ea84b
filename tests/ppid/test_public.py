"""The public side, without JavaScript: request form → receipt → tracking → objection, bad input, privacy."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from home.models import OutboxMessage
from home.seeding import simple_pdf
from ppid import service
from ppid.forms import ObjectionForm
from ppid.models import PPIDObjection, PPIDRequest
from tests.ppid.conftest import form_data, make_request

pytestmark = pytest.mark.django_db

PERSONAL = ["Rina Kartikasari", "6271015203900007", "rina@contoh.id", "Tjilik Riwut", "0812 5500 1234", "081255001234"]


def pdf_upload(name="kuasa.pdf"):
    content = simple_pdf("Surat kuasa", ["Contoh surat kuasa."])  # a whole PDF: the upload check reads its structure
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def assert_no_personal_data(html):
    for value in PERSONAL:
        assert value not in html


def test_journey_without_javascript(client, ppid_page):
    url = ppid_page.url
    form_page = client.get(url)
    assert form_page.status_code == 200
    assert b'name="nik"' in form_page.content

    response = client.post(url, form_data())
    assert response.status_code == 302 and response["Location"].endswith("/terkirim/")
    item = PPIDRequest.objects.get()
    assert re.fullmatch(r"PPID-\d{4}-00001", item.number)
    assert item.channel == "online" and item.state == "terdaftar"
    assert item.events.filter(kind="created", public=True).exists()

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert item.number in html
    secret = re.search(r'id="ppid-secret">([A-Z0-9-]+)<', html).group(1)
    assert service.find_with_secret(item.number, secret) == item
    assert item.secret_hash != secret and secret not in item.secret_hash
    assert f'datetime="{item.due_date:%Y-%m-%d}"' in html
    assert receipt["Cache-Control"].startswith("max-age=0") or "no-cache" in receipt["Cache-Control"]
    # Shown once.
    assert secret not in client.get(response["Location"]).content.decode()

    mail = OutboxMessage.objects.get(key=f"ppid:{item.number}:received")
    assert mail.to == ["rina@contoh.id"]
    link = re.search(r"(https://\S+/tautan/\S+/)", mail.body_text).group(1)
    assert link.startswith("https://kesbangpol.test/")  # SITE_URL, never the request's host
    assert secret not in mail.body_text

    # The one-click link works in a fresh session and lands on the tracking page.
    client.logout()
    client.cookies.clear()
    path = link.split("://", 1)[1].split("/", 1)[1]
    landing = client.get("/" + path)
    assert landing.status_code == 302 and landing["Location"].endswith(f"/lacak/{item.number}/")
    tracking = client.get(landing["Location"])
    assert tracking.status_code == 200
    page = tracking.content.decode()
    assert item.number in page and f"{item.due_date:%Y-%m-%d}" in page
    assert_no_personal_data(page)

    # Objection with number + secret, in a fresh session.
    client.cookies.clear()
    objection_url = url + "keberatan/"
    data = {key: str(value) for key, value in ObjectionForm().initial.items()}
    data.update(
        {"number": item.number.lower(), "secret": secret.lower(), "grounds": ["c", "g"], "case": "Belum dijawab."}
    )
    response = client.post(objection_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    objection = PPIDObjection.objects.get()
    assert objection.grounds == ["c", "g"] and objection.request == item
    receipt = client.get(response["Location"]).content.decode()
    assert objection.number in receipt
    assert_no_personal_data(receipt)


def test_tracking_needs_number_and_secret_and_never_the_email_alone(client, ppid_page):
    item, secret = make_request()
    lookup = ppid_page.url + "lacak/"
    wrong_secret = client.post(lookup, {"number": item.number, "secret": "AAAA-BBBB-CCCC-DDDD"})
    unknown = client.post(lookup, {"number": "PPID-2026-99999", "secret": secret})
    by_email = client.post(lookup, {"number": item.number, "secret": item.email})
    assert wrong_secret.status_code == unknown.status_code == by_email.status_code == 400

    def errors(response):
        return re.findall(r'class="field-error[^"]*"[^>]*>(.*?)<', response.content.decode(), re.S) or [
            str(response.context["form"].errors)
        ]

    assert errors(wrong_secret) == errors(unknown) == errors(by_email)
    # Without proof, the tracking URL sends to the lookup form.
    assert client.get(ppid_page.url + f"lacak/{item.number}/")["Location"].startswith(ppid_page.url + "lacak/?")
    ok = client.post(lookup, {"number": item.number, "secret": secret})
    assert ok.status_code == 302
    page = client.get(ok["Location"]).content.decode()
    assert item.number in page
    assert_no_personal_data(page)


def test_failures_are_counted_per_number(client, ppid_page, settings):
    item, secret = make_request()
    lookup = ppid_page.url + "lacak/"
    codes = [client.post(lookup, {"number": item.number, "secret": f"WRONG{i}"}).status_code for i in range(11)]
    assert codes[:10] == [400] * 10 and codes[10] == 429
    # Once the number is locked the typed lookup compares nothing, so even the right secret is refused: the limit
    # is no oracle. The one-click link of the receipt mail still opens it (a guesser cannot lock the requester out).
    assert client.post(lookup, {"number": item.number, "secret": secret}).status_code == 429
    opened = client.get(ppid_page.url + f"tautan/{service.tracking_token(item)}/")
    assert opened.status_code == 302 and opened["Location"].endswith(f"/lacak/{item.number}/")
    assert item.number in client.get(opened["Location"]).content.decode()


def test_right_secrets_never_use_up_the_failure_budget(client, ppid_page):
    item, secret = make_request()
    lookup = ppid_page.url + "lacak/"
    for _ in range(12):
        assert client.post(lookup, {"number": item.number, "secret": secret}).status_code == 302
    codes = [client.post(lookup, {"number": item.number, "secret": f"WRONG{i}"}).status_code for i in range(11)]
    assert codes == [400] * 10 + [429]


def test_a_forged_link_goes_to_the_lookup_form(client, ppid_page):
    item, _secret = make_request()
    for token in ("not-a-valid-token", f"{item.number}-{'0' * 32}", "PPID-2026-99999-abc"):
        response = client.get(ppid_page.url + f"tautan/{token}/")
        assert response.status_code == 302 and response["Location"].endswith("/lacak/")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"nik": "12345"}, "nik"),
        ({"nik": "62710152039000AB"}, "nik"),
        ({"nik": "9971015203900007"}, "nik"),  # province 99 does not exist
        ({"nik": "6271019913900007"}, "nik"),  # month 13
        ({"nik": ""}, "nik"),
        ({"requester_type": "badan_hukum", "nik": "", "legal_entity_sk": ""}, "legal_entity_sk"),
        ({"phone": "", "email": "", "delivery": "ambil"}, "email"),
        ({"email": "bukan-email"}, "email"),
        ({"email": "", "delivery": "email"}, "email"),
        ({"on_behalf": "on"}, "proxy_letter"),
        ({"information": ""}, "information"),
        ({"obtain": ""}, "obtain"),
        ({"delivery": "merpati"}, "delivery"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_stored(client, ppid_page, overrides, field):
    response = client.post(ppid_page.url, form_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert "error-summary" in html or 'role="alert"' in html
    assert PPIDRequest.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_bad_input_reads_in_indonesian(client, ppid_page):
    response = client.post(ppid_page.url, form_data(nik="12345", phone="", email=""))
    html = response.content.decode()
    assert "NIK terdiri dari tepat 16 angka" in html
    assert "nomor telepon atau alamat e-mail" in html


def test_a_proxy_letter_is_stored_privately(client, ppid_page, settings):
    response = client.post(ppid_page.url, {**form_data(on_behalf="on"), "proxy_letter": pdf_upload()})
    assert response.status_code == 302
    item = PPIDRequest.objects.get()
    assert item.on_behalf and item.proxy_letter.name.startswith("ppid/")
    assert item.proxy_letter.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert item.proxy_letter_type == "application/pdf"


def test_a_proxy_letter_that_is_not_a_pdf_or_image_is_refused(client, ppid_page):
    fake = SimpleUploadedFile("kuasa.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(ppid_page.url, {**form_data(on_behalf="on"), "proxy_letter": fake})
    assert response.status_code == 400 and "proxy_letter" in response.context["form"].errors
    assert PPIDRequest.objects.count() == 0


def test_a_double_submit_stores_one_request(client, ppid_page):
    data = form_data()
    first = client.post(ppid_page.url, data)
    second = client.post(ppid_page.url, data)
    assert first.status_code == second.status_code == 302
    assert PPIDRequest.objects.count() == 1


def test_submit_is_rate_limited_per_client_and_per_email(client, ppid_page):
    statuses = [client.post(ppid_page.url, form_data(nik="1")).status_code for _ in range(41)]
    assert statuses[:40] == [400] * 40 and statuses[-1] == 429
    client.cookies.clear()
    from django.core.cache import cache

    cache.clear()
    statuses = [client.post(ppid_page.url, form_data(), REMOTE_ADDR=f"198.51.100.{n}").status_code for n in range(1, 7)]
    assert statuses == [302] * 5 + [400]
    assert PPIDRequest.objects.count() == 5


def test_objection_after_refusal_and_late_filing_warns_but_is_received(client, ppid_page):
    item, secret = make_request(datetime.date(2026, 1, 5))
    service.change_state(item, None, "ditolak", refusal_grounds=["h"], refusal_reason="Memuat data pribadi pihak lain.")
    PPIDRequest.objects.filter(pk=item.pk).update(notice_at=datetime.datetime(2026, 1, 12, 3, tzinfo=datetime.UTC))
    data = {key: str(value) for key, value in ObjectionForm().initial.items()}
    data.update({"number": item.number, "secret": secret, "grounds": ["a"], "case": "Saya keberatan atas penolakan."})
    response = client.post(ppid_page.url + "keberatan/", data)
    assert response.status_code == 302
    objection = PPIDObjection.objects.get()
    assert objection.filed_late  # long past 30 working days from 12 January 2026
    assert "30" in client.get(response["Location"]).content.decode()


def test_objection_needs_the_secret(client, ppid_page):
    item, _secret = make_request()
    data = {key: str(value) for key, value in ObjectionForm().initial.items()}
    data.update({"number": item.number, "secret": "SALAH", "grounds": ["c"], "case": "Tidak ada jawaban."})
    response = client.post(ppid_page.url + "keberatan/", data)
    assert response.status_code == 400
    assert PPIDObjection.objects.count() == 0


def test_tracking_page_shows_extension_days_off_and_the_route_to_the_komisi_informasi(
    client, ppid_page, django_user_model
):
    item, secret = make_request(datetime.date(2026, 3, 11))
    service.extend(item, None, "Dokumen tersebar di tiga bidang.")
    service.change_state(
        item,
        None,
        "dikabulkan_sebagian",
        outcome_text="Salinan PDF.",
        refusal_grounds=["h"],
        refusal_reason="NIK pengurus dihitamkan.",
    )
    objection, _ = service.file_objection(item, grounds=["a"], case="Penghitaman berlebihan.")
    user = django_user_model.objects.create_user("kaban", first_name="Kepala", last_name="Badan")
    service.decide_objection(objection, user, "ditolak", "Penghitaman sesuai Pasal 17 huruf h.")
    client.post(ppid_page.url + "lacak/", {"number": item.number, "secret": secret})
    html = client.get(ppid_page.url + f"lacak/{item.number}/").content.decode()
    assert "Dokumen tersebar di tiga bidang." in html
    assert "Komisi Informasi Provinsi Kalimantan Tengah" in html
    assert objection.number in html
    assert_no_personal_data(html)
