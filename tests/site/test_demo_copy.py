"""The demo site the `seeded` fixture gives a test is the one `seed_demo` builds, whether it was seeded for real or
written back from the worker's copy (tests/support/demo_copy.py)."""

import os

import pytest
from django.db import transaction
from wagtail.models import Page

from tests.support import demo_copy


class Undo(Exception):
    pass


def seed_and_undo():
    """Seed (recording a copy unless one is ready), then roll the database back to where it was."""
    with pytest.raises(Undo), transaction.atomic():
        demo_copy.seed()
        raise Undo


def test_a_copied_demo_site_holds_every_row_of_the_recorded_seed_and_nothing_else(db):
    seed_and_undo()
    assert demo_copy.seed() == "copied"

    copy = demo_copy.recorded()
    now = demo_copy.read_database()
    assert copy.seeded, "seeding changed no table"
    # Every table: the rows the seed left, including SQLite's full-text table that triggers refill; untouched
    # tables as they were.
    for table, rows_before in copy.before.items():
        assert now[table] == copy.seeded.get(table, rows_before), table
    assert Page.objects.filter(slug="agenda-kegiatan").exists()


def test_a_database_changed_before_seeding_is_seeded_for_real_and_keeps_the_change(db, django_user_model):
    seed_and_undo()
    django_user_model.objects.create_user("penguji", "penguji@example.com", "kata-sandi-panjang-sekali")

    assert demo_copy.seed() == "seeded"
    assert django_user_model.objects.filter(username="penguji").exists()
    assert Page.objects.filter(slug="agenda-kegiatan").exists()


def test_a_copy_is_not_used_once_a_file_of_the_seed_is_gone(db):
    seed_and_undo()
    copy = demo_copy.recorded()
    gone = sorted(copy.files)[0]
    with open(gone, "rb") as kept:
        content = kept.read()
    try:
        os.remove(gone)
        assert demo_copy.seed() == "seeded"
    finally:
        with open(gone, "wb") as restored:
            restored.write(content)
