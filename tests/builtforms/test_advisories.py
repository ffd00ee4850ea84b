"""Regression tests for past Wagtail security advisories that touch what this site uses. Each test names its advisory;
where the advisory's feature is not installed yet, the test finds that out itself and says what is pending."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.template import Context
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from forms_builder.forms import urls as forms_builder_urls
from wagtail.blocks import CharBlock, ListBlock, StreamBlock, StructBlock, TextBlock
from wagtail.contrib.forms.forms import FormBuilder

from consultations.models import ConsultationIndexPage
from events.models import Registration
from home.blocks import BaseStreamBlock
from home.models import SiteSettings, StandardPage
from tests.builtforms.test_formbuilder import staff_user
from tests.consultations.test_consultations import consultation, make_response
from tests.factories import make_page
from tests.factories.events import built_form, make_event, register
from tests.support.badinput import XSS_MARK
from tests.support.public_forms import unescaped_markup

PAYLOAD = f"<script>alert('{XSS_MARK}')</script><img src=x onerror=alert('{XSS_MARK}')>"


@pytest.fixture
def admin_only_user(db):
    """Can open the Wagtail admin, and nothing else."""
    user = get_user_model().objects.create_user("tamu", "tamu@example.org", "uji-kata-sandi-panjang-2026")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


# -- GHSA-pwm3-7fv4-g6xx (CVE-2026-44199): acting on submissions of a form one cannot access ------------------------
# In Wagtail a CMS user could delete submissions of form pages they cannot access by listing them in a request for a
# page they can. Our forms are not Wagtail form pages: submissions are event registrations and consultation
# responses stored on forms_builder's tables (builtforms/), handled by our own admin views. The same attack against
# the engine installed: reach another form's submissions through forms_builder's own views, through an event's URL,
# or through a consultation the user's team does not own.


@pytest.mark.django_db
def test_forms_builder_views_that_list_or_delete_entries_are_not_mounted(client, admin_user):
    """forms_builder ships a form view and, through Django's admin, entry listings with a delete action; neither is
    mounted (site_cms/urls.py), so a logged-in superuser reaches no entry through them."""
    form = built_form(("Asal kabupaten/kota", "text", {}))
    client.force_login(admin_user)
    for candidate in [f"/forms/{form.slug}/", f"/forms/{form.slug}/sent/", "/admin/forms/form/", "/django-admin/"]:
        assert client.get(candidate).status_code == 404, candidate
    assert forms_builder_urls.urlpatterns, "forms_builder still ships views; this test must keep them unmounted"
    with pytest.raises(NoReverseMatch):
        reverse("form_detail", kwargs={"slug": form.slug})


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["cancel", "attended"])
def test_a_registration_cannot_be_acted_on_through_another_events_address(client, home_page, action):
    """An action names its event and its registration; a registration of event B sent through event A's address is
    not found, and B's registration is unchanged."""
    event_a = make_event(home_page, title="FGD Pilkada Damai", slug="fgd-a")
    event_b = make_event(home_page, title="Forum OKP", slug="forum-b")
    theirs = register(event_b, name="Peserta Acara B")
    client.force_login(staff_user(get_user_model(), "tim", "view_registration", "change_registration"))
    url = reverse("events:registration_action", args=[event_a.pk, theirs.pk, action])
    assert client.post(url, {"confirm": "1"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Registration.Status.CONFIRMED and theirs.attended_at is None


@pytest.mark.django_db
def test_a_consultation_team_cannot_change_a_response_of_another_teams_consultation(client, home_page):
    """The response admin is scoped by the consultation's team (consultations/admin_views.py); a team member who
    posts to another team's response is refused and the response is unchanged."""
    index = make_page(home_page, ConsultationIndexPage, title="Konsultasi Publik", slug="konsultasi-publik")
    team = Group.objects.create(name="Tim Politik Dalam Negeri")
    team.permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "view_consultationresponse", "change_consultationresponse"]
        )
    )
    make_response(consultation(index, team=team, slug="kami"), "Milik tim.")
    other = make_response(consultation(index, slug="lain"), "Milik tim lain.")
    editor = get_user_model().objects.create_user("poldagri", "p@kesbangpol.example", "pw-poldagri-123")
    editor.groups.add(team)
    client.force_login(editor)
    response = client.post(
        reverse("consultation_responses:detail", args=[other.pk]), {"quote": "Disunting.", "quote_approved": "on"}
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.quote == "" and not other.quote_approved


# -- GHSA-2473-9hgq-j7xw (CVE-2020-15118): HTML in form field help text --------------------------------------------


class FakeFormField:
    """What Wagtail's FormBuilder reads from a form field row (AbstractFormField is abstract, no table to use)."""

    def __init__(self, **kwargs):
        defaults = {"field_type": "singleline", "label": "Nama", "required": True, "choices": "", "default_value": ""}
        self.__dict__.update(defaults | kwargs)
        self.clean_name = "nama"


def test_wagtail_form_builder_escapes_help_text(settings):
    """GHSA-2473-9hgq-j7xw / CVE-2020-15118: help text an editor types must not become markup on the public page."""
    assert settings.WAGTAILFORMS_HELP_TEXT_ALLOW_HTML is False
    form_class = FormBuilder([FakeFormField(help_text=PAYLOAD)]).get_form_class()
    html = str(form_class().as_div())
    assert not unescaped_markup(html)
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_our_field_template_escapes_help_text_and_labels_of_forms_builder_fields():
    """The same advisory, for our form engine: forms_builder passes help text raw (F7 in the forms guide), so every
    public form renders fields through templates/includes/form_field.html, which escapes help text (and labels)."""
    from forms_builder.forms import fields as fb_fields
    from forms_builder.forms.forms import FormForForm
    from forms_builder.forms.models import Field, Form

    form = Form.objects.create(title="Kanari", slug="kanari-bantuan", send_email=False)
    Field.objects.create(form=form, label="Nama", field_type=fb_fields.TEXT, help_text=PAYLOAD, required=True)
    entry_form = FormForForm(form, context=Context({}))
    html = "".join(render_to_string("includes/form_field.html", {"field": field}) for field in entry_form)
    assert not unescaped_markup(html)
    assert "&lt;script&gt;" in html


# -- GHSA-xfrw-hxr5-ghqf (CVE-2021-32681): plain-text StreamField blocks rendered unescaped ------------------------


def hostile_value(block):
    """A raw value for `block` with the payload in every plain-text part (other parts empty or default)."""
    if isinstance(block, StructBlock):
        return {name: hostile_value(child) for name, child in block.child_blocks.items()}
    if isinstance(block, ListBlock):
        return [hostile_value(block.child_block)]
    if isinstance(block, StreamBlock):
        return []
    if isinstance(block, (CharBlock, TextBlock)):
        return PAYLOAD
    if block.__class__.__name__ == "TableBlock":
        return {"data": [[PAYLOAD, PAYLOAD]], "first_row_is_table_header": True, "table_caption": PAYLOAD}
    return block.get_prep_value(block.get_default())


@pytest.mark.django_db
def test_every_text_in_every_streamfield_block_is_escaped(client, home_page):
    """GHSA-xfrw-hxr5-ghqf / CVE-2021-32681: every block of the shared StreamField (and any added later), filled with
    script in every plain-text part, renders as text on the public page."""
    stream = BaseStreamBlock()
    raw = [{"type": name, "value": hostile_value(block)} for name, block in stream.child_blocks.items()]
    page = make_page(home_page, StandardPage, title="Uji blok", intro=PAYLOAD, body=raw)
    response = client.get(page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert not unescaped_markup(body)
    assert body.count("&lt;script&gt;") >= len(raw)


# -- GHSA-xxfm-vmcf-g33f (CVE-2024-35228): settings editable without the permission -------------------------------


@pytest.mark.django_db
def test_site_settings_need_their_own_permission(client, admin_only_user):
    """GHSA-xxfm-vmcf-g33f / CVE-2024-35228: a user who can open the admin but lacks `home.change_sitesettings`
    can neither see nor change the site settings. Wagtail refuses the way it refuses everywhere in its admin: back to
    the dashboard with "Sorry, you do not have permission" (a 302, not a bare 403 page)."""
    site_settings = SiteSettings.load()
    client.force_login(admin_only_user)
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site_settings.pk])
    refused = client.get(url)
    assert (refused.status_code, refused.get("Location")) == (302, reverse("wagtailadmin_home"))
    assert "agency_name" not in client.get(refused["Location"]).content.decode()
    response = client.post(url, {"agency_name": "Diretas", "short_name": "Diretas", "siola_url": "https://x.example/"})
    assert (response.status_code, response.get("Location")) == (302, reverse("wagtailadmin_home"))
    assert SiteSettings.load().short_name == "Kesbangpol Kalteng"

    admin_only_user.user_permissions.add(Permission.objects.get(codename="change_sitesettings"))
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_every_admin_viewset_and_snippet_checks_permissions(client, admin_only_user):
    """GHSA-xxfm-vmcf-g33f and GHSA-w2v8-php4-p8hc (CVE-2024-32882): every model viewset and snippet registered in the
    admin (ours, the feature apps', Wagtail's) refuses its listing and its add form to a user without permissions
    on that model."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.model import ModelViewSet

    client.force_login(admin_only_user)
    checked = []
    for viewset in viewsets.viewsets:
        if not isinstance(viewset, ModelViewSet):
            continue
        for url_name in (viewset.get_url_name("index"), viewset.get_url_name("add")):
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            status = client.get(url).status_code
            # Wagtail answers 403, or sends the user back to the dashboard with a message.
            assert status in (302, 403), (url, status)
            checked.append(url)
    assert len(checked) >= 4  # users, groups, sites, collections, ... at least


# -- GHSA-jmp3-39vp-fwg8 (CVE-2024-39317): search query parsing ReDoS ----------------------------------------------

PATHOLOGICAL = [
    "a" * 20_000,
    '"' * 5_000,
    "a:" * 5_000,
    ":" * 10_000,
    '"a" ' * 2_000,
    "(" * 5_000 + ")" * 5_000,
    "a" * 5_000 + "!",
    "\\" * 10_000,
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", PATHOLOGICAL, ids=lambda q: f"{q[:6]!r}x{len(q)}")
def test_pathological_search_queries_complete(client, admin_user, home_page, query):
    """GHSA-jmp3-39vp-fwg8 / CVE-2024-39317: long strings without spaces made Wagtail's `parse_query_string` take
    very long. The public search and the admin searches (which use it) must answer normally. ('"a" ' x 2000 was a
    RecursionError in the admin search before home.security cut admin queries to 200 characters.)"""
    make_page(home_page, title="Pendaftaran ormas")
    assert client.get("/cari/", {"q": query}).status_code == 200
    client.force_login(admin_user)
    for url in (reverse("wagtailadmin_pages:search"), reverse("wagtaildocs:index"), reverse("wagtailimages:index")):
        assert client.get(url, {"q": query}).status_code == 200, url
