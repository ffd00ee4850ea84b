"""From a register entry to the feedback form with the ormas named, to a tracking code."""

import pytest
from bs4 import BeautifulSoup

from feedback.models import Feedback, FeedbackPage, FeedbackTopic
from tests.factories import make_page
from tests.ormas.conftest import URL, make_ormas

pytestmark = pytest.mark.django_db


def test_report_a_correction_from_the_ormas_page(client, index_page, home_page):
    make_page(home_page, FeedbackPage, title="Saran dan Pengaduan", slug="saran-dan-pengaduan")
    FeedbackTopic.objects.create(name="Kamtibmas", sort_order=1)
    topic = FeedbackTopic.objects.create(name="Pendaftaran ormas/SIOLA", sort_order=2)
    ormas = make_ormas(name="Forum Pemuda Kahayan", register_number="220/0777/KBP")

    page = BeautifulSoup(client.get(f"{URL}{ormas.slug}/").content, "html.parser")
    link = page.find(id="report-correction")
    assert link.get_text() == "Laporkan koreksi data"

    form_page = client.get(link["href"])
    assert form_page.status_code == 200
    soup = BeautifulSoup(form_page.content, "html.parser")
    form = soup.find("form", enctype="multipart/form-data")
    message = form.find("textarea", attrs={"name": "message"}).get_text()
    assert "Koreksi data ormas: Forum Pemuda Kahayan (220/0777/KBP)" in message
    assert form.find("option", selected=True, value=str(topic.pk))
    assert form.find("input", attrs={"name": "kind", "value": "saran"}).has_attr("checked")

    # What the browser sends back: every prefilled field as it is, plus what the citizen adds.
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("type") not in ("radio", "checkbox")}
    data.update(
        {
            "kind": "saran",
            "topic": str(topic.pk),
            "message": message + "Alamat sekretariat sudah pindah ke Jekan Raya.",
            "identity": "confidential",
            "email": "warga@contoh.id",
            "consent": "on",
        }
    )
    data.pop("attachment", None)
    response = client.post(link["href"].split("?")[0], data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)[:800]
    item = Feedback.objects.get()
    assert item.topic == topic and "Forum Pemuda Kahayan" in item.message
    confirmation = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert confirmation.find(id="tracking-code").get_text() == item.tracking_code


def test_a_prefill_link_cannot_inject_markup_or_pick_an_inactive_topic(client, home_page):
    make_page(home_page, FeedbackPage, title="Saran dan Pengaduan", slug="saran-dan-pengaduan")
    FeedbackTopic.objects.create(name="Ormas lama", active=False)
    response = client.get("/saran-dan-pengaduan/", {"tentang": "<script>x</script>" * 50, "topik": "ormas"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert "<script>x" not in response.content.decode()
    assert len(soup.find("textarea", attrs={"name": "message"}).get_text().strip()) <= 200
    assert not soup.find("option", selected=True, value=lambda v: v)
