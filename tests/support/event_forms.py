"""Filling in the public registration form like a browser: GET the form's page (`<event-url>daftar/`), keep its
hidden fields, POST there (`form_url`)."""

from bs4 import BeautifulSoup

from events.models import ParticipantCategory


def hidden_fields(html):
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one("form.registration-form")
    assert form is not None, "the page shows no registration form"
    return {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}


def form_url(event):
    return event.url + "daftar/"


def registration_data(client, event, *, category="Umum", **fields):
    """POST data for the event's form as a person would send it (consent ticked, honeypot empty)."""
    response = client.get(form_url(event))
    assert response.status_code == 200
    data = hidden_fields(response.content.decode())
    data.update(
        {
            "full_name": "Rina Wulandari",
            "email": "rina@contoh.example",
            "phone": "0812-3456-7890",
            "organisation": "BEM Universitas Palangka Raya",
            "category": str(ParticipantCategory.objects.get(name=category).pk),
            "consent": "on",
            "website": "",
        }
    )
    data.update(fields)
    return data


CONFIRM_LINK = r"https://kesbangpol\.test(/pendaftaran-kegiatan/konfirmasi/[^/\s]+/)"


def confirm_link(text):
    """The path of the confirmation link in a mail's text (it names SITE_URL, https://kesbangpol.test in tests)."""
    import re

    found = re.search(CONFIRM_LINK, text)
    assert found, "the mail carries no confirmation link"
    return found.group(1)


def click_confirmation(client, registration):
    """What the registrant does with the mailed link: open it, press the button. Returns the final response."""
    from home.models import OutboxMessage

    message = OutboxMessage.objects.filter(key__startswith=f"event-registration:{registration.pk}:").exclude(
        key__endswith=":editors"
    )
    text = next(m.body_text for m in message.order_by("-pk") if "/konfirmasi/" in m.body_text)
    path = confirm_link(text)
    assert client.get(path).status_code == 200
    return client.post(path, follow=True)
