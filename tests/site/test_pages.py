"""Page types: where each can live, and that each renders what a reader needs."""

import json

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from wagtail import hooks
from wagtail.models import Page, get_page_models

from home.models import HomePage, StandardPage
from home.sections import HomeSection
from tests.factories import make_image, make_page

OUR_APPS = {"home", "news", "events", "feedback", "consultations", "builtforms", "ppid", "desk"}


def our_page_models():
    return [m for m in get_page_models() if m._meta.app_label in OUR_APPS]


def test_every_page_type_declares_its_parents_and_children():
    for model in our_page_models():
        assert "parent_page_types" in vars(model), f"{model.__name__} must declare parent_page_types"
        assert "subpage_types" in vars(model), f"{model.__name__} must declare subpage_types"


def test_home_page_replaces_wagtails_welcome_page(home_page):
    assert isinstance(home_page, HomePage)
    assert home_page.depth == 2
    root = Page.objects.get(depth=1)
    assert not HomePage.can_create_at(root), "only one home page per site"
    assert not Page.objects.filter(depth=2).exclude(pk=home_page.pk).exists()


def test_standard_page_lives_under_home_and_standard_pages(home_page):
    root = Page.objects.get(depth=1)
    assert StandardPage.can_create_at(home_page)
    profil = make_page(home_page, title="Profil")
    assert StandardPage.can_create_at(profil)
    assert not StandardPage.can_create_at(root)
    assert not HomePage.can_create_at(profil)


def test_home_page_renders_hero_menu_and_quick_links(client, home_page):
    profil = make_page(home_page, title="Profil", slug="profil", show_in_menus=True)
    make_page(home_page, title="Tersembunyi", slug="tersembunyi", show_in_menus=False)
    home_page.hero_title = "Kesatuan bangsa dimulai dari kita"
    home_page.quick_links = json.dumps(
        [
            {
                "type": "link",
                "value": {
                    "title": "Daftar ormas",
                    "description": "",
                    "page": None,
                    "external_url": "https://siola.example/",
                },
            }
        ]
    )
    home_page.save_revision().publish()

    response = client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.find("h1").get_text(strip=True) == "Kesatuan bangsa dimulai dari kita"
    menu = [a.get_text(strip=True) for a in soup.select("nav.main-nav a")]
    assert profil.title in menu and "Tersembunyi" not in menu
    assert soup.select_one('nav.main-nav a[aria-current="page"]')["href"] == "/"
    assert soup.select_one('.quick-links a[href="https://siola.example/"]')
    assert soup.select_one('a.skip-link[href="#main-content"]')
    assert soup.select_one("main#main-content")


def test_home_sections_come_from_hooks_and_hide_when_empty(client, home_page):
    def filled(request, page):
        return HomeSection(order=2, title="Agenda", template="unused.html", items=["FGD Pilkada damai"])

    def empty(request, page):
        return HomeSection(order=1, title="Kosong", template="unused.html", items=[])

    with (
        hooks.register_temporarily("home_page_sections", filled),
        hooks.register_temporarily("home_page_sections", empty),
    ):
        sections = home_page.get_sections(None)
    assert [s.title for s in sections] == ["Agenda"]


def test_standard_page_renders_every_shared_block(client, home_page):
    image = make_image("Peserta FGD")
    body = [
        {"type": "heading", "value": {"text": "Latar belakang", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Teks <b>tebal</b>.</p>"},
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "Peserta berdiskusi",
                "decorative": False,
                "caption": "Diskusi",
                "credit": "Humas",
            },
        },
        {"type": "quote", "value": {"quote": "Kamtibmas tanggung jawab bersama.", "attribution": "Kepala Badan"}},
        {
            "type": "table",
            "value": {
                "data": [["Bidang", "Tugas"], ["Ormas", "<script>x</script>"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Bidang",
            },
        },
        {
            "type": "call_to_action",
            "value": {"title": "Ikut FGD", "text": "", "page": home_page.pk, "external_url": "", "link_text": "Daftar"},
        },
        {
            "type": "faq",
            "value": {
                "title": "Tanya jawab",
                "items": [{"question": "Apa itu SIOLA?", "answer": "<p>Layanan daring.</p>"}],
            },
        },
    ]
    page = make_page(home_page, title="Tugas dan Fungsi", body=json.dumps(body), intro="Ringkasan bidang.")
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.find("main")
    assert main.find("h2", string="Latar belakang")
    img = main.select_one("picture img")
    assert img["alt"] == "Peserta berdiskusi" and img.get("width") and img.get("height") and img["loading"] == "lazy"
    assert {s["type"] for s in main.select("picture source")} >= {"image/avif", "image/webp"}
    assert main.find("blockquote")
    assert main.select_one("table caption").get_text() == "Bidang"
    assert (
        "<script>x</script>" not in response.content.decode()
        and "&lt;script&gt;x&lt;/script&gt;" in response.content.decode()
    )
    assert main.select_one(".cta a.button")["href"] == "/"
    assert main.select_one("details summary").get_text() == "Apa itu SIOLA?"


def test_image_block_requires_alt_text_unless_decorative(db):
    from wagtail.blocks import StructBlockValidationError

    from home.blocks import ImageBlock

    block = ImageBlock()
    image = make_image()
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python({"image": image.pk, "alt_text": "  ", "decorative": False}))
    assert "alt_text" in excinfo.value.block_errors
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True}))
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "Peserta FGD", "decorative": False}))


def test_meta_tags_canonical_and_breadcrumbs(client, home_page):
    profil = make_page(home_page, title="Profil", slug="profil", intro="Tentang kami.")
    visi = make_page(profil, title="Visi dan Misi", slug="visi-dan-misi", intro="Arah kerja kami.")
    response = client.get(visi.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Arah kerja kami."
    assert soup.find("link", rel="canonical")["href"] == "https://kesbangpol.test/profil/visi-dan-misi/"
    assert soup.find("meta", property="og:title")["content"] == "Visi dan Misi"
    crumbs = soup.select("nav.breadcrumbs li a")
    assert [a.get_text() for a in crumbs] == ["Beranda", "Profil", "Visi dan Misi"]
    assert crumbs[-1]["aria-current"] == "page"
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "BreadcrumbList"
    assert [item["item"] for item in data["itemListElement"]] == [
        "https://kesbangpol.test/",
        "https://kesbangpol.test/profil/",
        "https://kesbangpol.test/profil/visi-dan-misi/",
    ]


def test_json_ld_cannot_be_closed_by_page_titles(client, home_page):
    page = make_page(home_page, title="</script><script>alert(1)</script>", slug="jahat")
    body = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in body
    assert "\\u003C/script\\u003E" in body


def test_search_description_wins_over_intro(client, home_page):
    page = make_page(home_page, title="Kontak", intro="Intro.", search_description="Alamat dan jam layanan.")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Alamat dan jam layanan."


def test_draft_pages_are_not_served(client, home_page):
    page = make_page(home_page, title="Draf", slug="draf", publish=False)
    assert client.get("/draf/").status_code == 404
    assert not page.live


def test_our_apps_are_installed():
    assert {a.label for a in apps.get_app_configs()} >= OUR_APPS
