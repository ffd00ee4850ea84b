"""Content checks in the page editor (home/content_checks.py): warnings, not a block on publishing."""

import pytest
from django.urls import reverse

from news.models import NewsPage
from tests.factories import make_image
from tests.factories.news import body, make_news, make_news_index


@pytest.fixture
def news_index(home_page):
    return make_news_index(home_page)


def checks_of(client, admin_user, page):
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    start = html.index("data-content-checks")
    return html[start : html.index("</div>", start) if "<ul>" in html[start : start + 300] else start + 400]


def test_a_complete_page_shows_no_warning(client, admin_user, news_index):
    page = make_news(news_index, search_description="Rapat koordinasi kewaspadaan dini di Palangka Raya.")
    checks = checks_of(client, admin_user, page)
    assert "Tidak ada masalah" in checks
    assert "<li>" not in checks


def test_missing_alt_empty_summary_and_no_search_description_are_listed(client, admin_user, news_index):
    image = make_image()
    page = make_news(news_index)
    # Content that slipped past the block validation (e.g. an older revision or an import): stored directly.
    NewsPage.objects.filter(pk=page.pk).update(
        summary="",
        search_description="",
        body=body(
            ("image", {"image": image.pk, "alt_text": "", "decorative": False, "caption": "", "credit": ""}),
            ("image", {"image": image.pk, "alt_text": "", "decorative": True, "caption": "", "credit": ""}),
            ("image", {"image": image.pk, "alt_text": "Peserta FGD", "decorative": False, "caption": "", "credit": ""}),
        ),
        hero_image=image,
        hero_alt="",
        hero_decorative=False,
    )
    page.refresh_from_db()
    page.save_revision(clean=False)  # the editor shows the latest revision
    checks = checks_of(client, admin_user, page)
    assert checks.count("<li>") == 4
    assert "tidak memiliki teks alternatif" in checks  # the hero image
    assert "1 gambar di isi" in checks  # only the one without alt text and not decorative
    assert "Ringkasan kosong" in checks
    assert "deskripsi pencarian" in checks


def test_warnings_do_not_block_publishing(client, admin_user, news_index):
    page = make_news(news_index, publish=False, search_description="")
    from tests.site.test_roles import _news_form

    client.force_login(admin_user)
    data = {"title": page.title, "slug": page.slug, **_news_form(page), "action-publish": "1"}
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    assert NewsPage.objects.get(pk=page.pk).live


def test_every_page_type_has_the_checks_panel():
    from wagtail.models import get_page_models

    from home.content_checks import ContentChecksPanel
    from home.models import BasePage

    for model in get_page_models():
        if not issubclass(model, BasePage):
            continue
        first_tab = model.get_edit_handler().children[0]
        assert isinstance(first_tab.children[0], ContentChecksPanel), model.__name__
