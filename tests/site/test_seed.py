"""`seed_demo`: realistic content, and a second run changes nothing."""

import io

from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from home.demo import FGD_SLUG
from home.models import SiteSettings


def snapshot():
    pages = list(Page.objects.order_by("path").values_list("id", "path", "title", "slug", "live", "latest_revision_id"))
    return {
        "pages": pages,
        "revisions": Revision.objects.count(),
        "images": list(get_image_model().objects.order_by("id").values_list("id", "title", "file")),
        "settings": SiteSettings.load().address,
    }


def test_seed_demo_twice_leaves_the_same_tree(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "created" in out.getvalue()
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_seed_demo_builds_the_profile_pages_and_the_fgd_story(seeded, client):
    titles = set(Page.objects.live().values_list("title", flat=True))
    assert {"Profil", "Visi dan Misi", "Tugas dan Fungsi", "Kontak"} <= titles
    story = Page.objects.get(slug=FGD_SLUG).specific
    response = client.get(story.url)
    assert response.status_code == 200
    text = response.content.decode()
    for fact in ("16 Mei 2024", "Kahayan Ballroom", "Katma F. Dirun", "SIOLA", "BEM, SENAT, dan DEMA"):
        assert fact in text
    home = client.get("/").content.decode()
    assert "Kesatuan bangsa dimulai dari kita" in home
