"""The demo: the Data Ormas page in the menu, 30 example organisations marked as such, every status shown."""

import os

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from ormas.models import Ormas

pytestmark = pytest.mark.django_db


def test_the_seed_adds_the_register_once_with_every_status(seeded, client):
    assert Ormas.objects.count() == 30
    assert not Ormas.objects.filter(is_example=False).exists()
    statuses = set(Ormas.objects.with_status().values_list("status", flat=True))
    assert statuses == {"aktif", "perlu_perpanjangan", "kedaluwarsa", "dibekukan"}
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Ormas.objects.count() == 30

    soup = BeautifulSoup(client.get("/data-ormas/").content, "html.parser")
    assert soup.find("a", href="/data-ormas/", string=lambda s: s and "Data Ormas" in s), "in the main menu"
    assert "30 ormas" in soup.find(id="ormas-count").get_text()
    assert soup.find("a", string="Cara mendaftarkan atau melaporkan ormas (SIOLA)")
    assert len(soup.select(".ormas-example")) == 25  # one page of results, each labelled as example data
