"""Konsultasi publik: windows by the clock, responses, "Apa yang kami dengar", the outcome and its reminder."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from forms_builder.forms.models import FieldEntry, FormEntry
from wagtail.models import PageLogEntry

from builtforms.forms import questions_form
from builtforms.models import FieldKind
from consultations.forms import ConsultationResponseForm
from consultations.models import ConsultationIndexPage, ConsultationPage, ConsultationResponse
from consultations.results import bar_chart, split_choices
from home.models import OutboxMessage, SiteSettings
from tests.factories import make_page
from tests.factories.events import built_form

YEAR = timezone.localdate().year
TOPICS = "Keamanan menjelang pemilu\nPeran ormas dan OKP\nKanal pengaduan"
AGREE = "Seberapa setuju Anda dengan rancangan ini?"
WORRIES = "Apa yang Anda khawatirkan menjelang pemilu?"
REGENCY = "Kabupaten/kota Anda"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def index(home_page):
    return make_page(home_page, ConsultationIndexPage, title="Konsultasi Publik", slug="konsultasi-publik")


@pytest.fixture
def team(db):
    group = Group.objects.create(name="Tim Politik Dalam Negeri")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "view_consultationresponse", "change_consultationresponse"]
        )
    )
    return group


@pytest.fixture
def questions(db):
    """An editor's question form: an agreement scale, a multiple choice (one option holds a comma), a text box."""
    return built_form(
        (AGREE, FieldKind.RADIO, {"choices": "Setuju, Ragu-ragu, Tidak setuju"}),
        (WORRIES, FieldKind.CHECKBOXES, {"choices": "`Hoaks, fitnah`, Politik uang, Bentrokan", "required": False}),
        (REGENCY, FieldKind.TEXT, {"required": False}),
        title="Kuesioner uji",
    )


def question_names(page):
    """{question label: the name of its input} as the public form renders it."""
    return {field.label: field.html_name for field in questions_form(page.question_form)}


def consultation(index, *, opens_in=-1, closes_in=14, slug=None, **fields):
    now = timezone.now()
    fields.setdefault("summary", "Rancangan program sinergi Polri dan masyarakat menjelang pemilu.")
    fields.setdefault("response_topics", TOPICS)
    fields.setdefault("notify_emails", "poldagri@kesbangpol.example")
    return make_page(
        index,
        ConsultationPage,
        title=fields.pop("title", "Sinergi Polri dan Masyarakat"),
        slug=slug or f"konsultasi-{opens_in}-{closes_in}",
        opens_at=now + timedelta(days=opens_in),
        closes_at=now + timedelta(days=closes_in),
        **fields,
    )


def answer(page, **overrides):
    data = {key: str(value) for key, value in ConsultationResponseForm(page=page).initial.items()}
    data.update(
        {
            "response": "Patroli bersama di kampus perlu diperbanyak menjelang pemilu.",
            "topics": ["Keamanan menjelang pemilu"],
            "name": "Yohana",
            "email": "yohana@contoh.id",
            "consent": "on",
        }
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def make_response(page, text="Setuju.", topics=(), answers=None, **fields):
    """A stored response; `answers` ({question label: stored value}) become form entries as the public form stores."""
    from home.models import CodeCounter

    entry = None
    if answers:
        ids = dict(page.question_form.builder_fields.values_list("label", "pk"))
        entry = FormEntry.objects.create(form_id=page.question_form_id, entry_time=timezone.now())
        FieldEntry.objects.bulk_create(FieldEntry(entry=entry, field_id=ids[q], value=v) for q, v in answers.items())
    return ConsultationResponse.objects.create(
        page=page,
        reference_code=CodeCounter.next_code("KON", YEAR),
        response=text,
        topics=list(topics),
        consent_version="uji",
        consented_at=timezone.now(),
        entry=entry,
        **fields,
    )


# Windows ------------------------------------------------------------------------------------------------------------
def test_status_follows_the_clock(index):
    page = consultation(index, opens_in=1, closes_in=10)
    now = timezone.now()
    assert page.status_at(now) == "upcoming"
    assert page.status_at(now + timedelta(days=2)) == "open"
    assert page.status_at(now + timedelta(days=11)) == "closed"
    page.outcome, page.outcome_published = "<p>Diputuskan.</p>", True
    assert page.status_at(now + timedelta(days=11)) == "outcome"


def test_index_lists_open_upcoming_closed_and_outcome_published(index, client):
    consultation(index, title="Terbuka", slug="terbuka")
    consultation(index, opens_in=5, closes_in=20, title="Akan datang", slug="akan-datang")
    consultation(index, opens_in=-40, closes_in=-30, title="Ditutup", slug="ditutup")
    consultation(
        index,
        opens_in=-90,
        closes_in=-60,
        title="Sudah ada hasil",
        slug="hasil",
        outcome="<p>Hasilnya.</p>",
        outcome_published=True,
    )
    soup = BeautifulSoup(client.get("/konsultasi-publik/").content, "html.parser")
    sections = {
        s.h2.get_text(strip=True): [t.get_text(strip=True) for t in s.select(".card__title")]
        for s in soup.select(".consultation-list")
    }
    assert sections == {
        "Dibuka": ["Terbuka"],
        "Akan datang": ["Akan datang"],
        "Ditutup, tanggapan sedang dianalisis": ["Ditutup"],
        "Hasil telah diterbitkan": ["Sudah ada hasil"],
    }


def test_closing_must_follow_opening_and_outcome_waits_for_the_close(index):
    page = consultation(index)
    page.closes_at = page.opens_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "closes_at" in error.value.message_dict
    page = consultation(index, slug="lain")
    page.outcome, page.outcome_published = "<p>Terlalu cepat.</p>", True
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "outcome_published" in error.value.message_dict


# Responding ---------------------------------------------------------------------------------------------------------
def test_a_response_gets_a_reference_code_and_mails(index, client, team):
    page = consultation(index, team=team)
    response = client.post(page.url, answer(page))
    assert response.status_code == 302 and response["Location"] == page.url + "terkirim/"
    stored = ConsultationResponse.objects.get()
    assert stored.reference_code == f"KON-{YEAR}-00001"
    assert stored.topics == ["Keamanan menjelang pemilu"] and stored.consent_version
    confirmation = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert confirmation.find(id="reference-code").get_text() == stored.reference_code

    ack = OutboxMessage.objects.get(key=f"consultation:{stored.reference_code}:received")
    assert ack.to == ["yohana@contoh.id"] and stored.reference_code in ack.body_text
    team_mail = OutboxMessage.objects.get(key=f"consultation:{stored.reference_code}:team")
    assert team_mail.to == ["poldagri@kesbangpol.example"]
    assert "Yohana" not in team_mail.body_text and "Patroli" not in team_mail.body_text


@pytest.mark.parametrize(("opens_in", "closes_in", "words"), [(2, 10, "belum dibuka"), (-20, -1, "sudah ditutup")])
def test_a_response_outside_the_window_is_refused_and_nothing_is_stored(
    index, client, questions, opens_in, closes_in, words
):
    page = consultation(index, opens_in=opens_in, closes_in=closes_in, question_form=questions)
    open_page = consultation(index, slug="terbuka", question_form=questions)
    names = question_names(open_page)
    response = client.post(page.url, answer(open_page, **{names[AGREE]: "Setuju", names[REGENCY]: "Palangka Raya"}))
    assert response.status_code == 403
    assert words in BeautifulSoup(response.content, "html.parser").find(class_="error-summary").get_text()
    assert not ConsultationResponse.objects.exists() and not OutboxMessage.objects.exists()
    assert not FormEntry.objects.exists() and not FieldEntry.objects.exists()
    assert client.get(page.url).context["form"] is None, "no form is offered outside the window"


def test_bad_input_gets_an_indonesian_message_and_stores_nothing(index, client):
    page = consultation(index)
    response = client.post(
        page.url, answer(page, response="", email="bukan-email", topics=["Topik karangan"], consent=None)
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Tulis tanggapan Anda" in soup.find(id="id_response-error").get_text()
    assert "nama@contoh.id" in soup.find(id="id_email-error").get_text()
    assert soup.find(id="id_topics-error")
    assert soup.find(id="id_consent-error"), "consent is required"
    assert not ConsultationResponse.objects.exists()


# The editor's questions ---------------------------------------------------------------------------------------------
def test_the_editors_questions_are_asked_and_answers_stored_with_the_response(index, client, questions):
    page = consultation(index, question_form=questions)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    fieldset = soup.find("fieldset", class_="consultation__questions")
    legends = [legend.get_text(" ", strip=True) for legend in fieldset.find_all("legend")]
    assert AGREE + " (wajib)" in legends and WORRIES in legends
    assert [i["value"] for i in fieldset.select("input[type=radio]")] == ["Setuju", "Ragu-ragu", "Tidak setuju"]
    assert fieldset.find("label", string=REGENCY), "every question has its label"

    names = question_names(page)
    data = answer(page, **{names[AGREE]: "Ragu-ragu", names[WORRIES]: ["Hoaks, fitnah", "Bentrokan"]})
    data[names[REGENCY]] = "Kotawaringin Timur"
    assert client.post(page.url, data).status_code == 302
    stored = ConsultationResponse.objects.get()
    values = dict(stored.entry.fields.values_list("field_id", "value"))
    labels = dict(questions.builder_fields.values_list("pk", "label"))
    assert {labels[pk]: v for pk, v in values.items()} == {
        AGREE: "Ragu-ragu",
        WORRIES: "Hoaks, fitnah, Bentrokan",
        REGENCY: "Kotawaringin Timur",
    }
    assert stored.entry.form_id == questions.pk


def test_a_bad_choice_gets_an_indonesian_message_next_to_it_and_nothing_is_stored(index, client, questions):
    page = consultation(index, question_form=questions)
    names = question_names(page)
    response = client.post(page.url, answer(page, **{names[AGREE]: "Sangat setuju sekali", names[WORRIES]: "Banjir"}))
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    field_id = "id_" + names[AGREE]
    assert "Masukkan pilihan yang valid" in soup.find(id=f"{field_id}-error").get_text()
    assert "Masukkan pilihan yang valid" in soup.find(id="id_" + names[WORRIES] + "-error").get_text()
    assert soup.select_one(f'.error-summary a[href="#{field_id}_0"]'), "the summary links to the first option"
    assert not ConsultationResponse.objects.exists() and not FormEntry.objects.exists()
    assert not OutboxMessage.objects.exists()

    missing = client.post(page.url, answer(page))
    assert missing.status_code == 400, "a required question left empty is refused too"
    assert BeautifulSoup(missing.content, "html.parser").find(id=f"{field_id}-error")
    assert not ConsultationResponse.objects.exists() and not FormEntry.objects.exists()


def test_a_repeated_token_stores_one_response_and_one_set_of_answers(index, client, questions):
    page = consultation(index, question_form=questions)
    data = answer(page, **{question_names(page)[AGREE]: "Setuju"})
    first, again = client.post(page.url, data), client.post(page.url, data)
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert ConsultationResponse.objects.count() == 1 and FormEntry.objects.count() == 1
    assert OutboxMessage.objects.filter(key__endswith=":received").count() == 1


def test_stored_answers_are_read_option_by_option():
    options = ["Hoaks, fitnah", "Politik uang", "Bentrokan"]
    assert split_choices("Hoaks, fitnah, Bentrokan", options) == ["Hoaks, fitnah", "Bentrokan"]
    assert split_choices("Politik uang", options) == ["Politik uang"]
    assert split_choices("Dihapus editor, Bentrokan", options) == ["Bentrokan"], "an old option is skipped"


# What we heard ------------------------------------------------------------------------------------------------------
def test_what_we_heard_shows_counts_as_chart_and_table_and_only_approved_quotes(index, client, questions):
    page = consultation(index, opens_in=-30, closes_in=-2, question_form=questions)
    make_response(
        page,
        "Perbanyak patroli.",
        ["Keamanan menjelang pemilu"],
        quote="Perbanyak patroli di kampus.",
        quote_approved=True,
    )
    make_response(page, "OKP dilibatkan.", ["Keamanan menjelang pemilu", "Peran ormas dan OKP"], quote="Rahasia.")
    make_response(
        page,
        "Setuju.",
        ["Keamanan menjelang pemilu"],
        answers={AGREE: "Setuju", WORRIES: "Hoaks, fitnah, Politik uang", REGENCY: "Barito Utara"},
    )
    make_response(page, "Tidak.", [], answers={AGREE: "Tidak setuju", WORRIES: "Hoaks, fitnah"})

    hidden = client.get(page.url).content.decode()
    assert "Apa yang kami dengar" not in hidden, "nothing is shown before editors publish it"

    page.heard_summary = "<p>Sebagian besar responden meminta patroli bersama.</p>"
    page.heard_published = True
    page.save_revision().publish()
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    heard = soup.find("section", class_="consultation__heard")
    assert "4 tanggapan" in heard.get_text()
    figure = heard.find("figure")
    svg = figure.find("svg")
    assert (
        svg["role"] == "img"
        and svg.find("title")
        and "Keamanan menjelang pemilu: 3 (75%)" in svg.find("desc").get_text()
    )
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in figure.select("tbody tr")]
    assert rows == [
        ["Keamanan menjelang pemilu", "3", "75%"],
        ["Peran ormas dan OKP", "1", "25%"],
        ["Kanal pengaduan", "0", "0%"],
    ]
    figures = {f.figcaption.get_text(strip=True): f for f in heard.find_all("figure")}
    assert len(figures) == 3, "a chart for the topics and one per choice question; none for the text question"
    agree = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in figures[AGREE].select("tbody tr")]
    assert agree == [["Setuju", "1", "25%"], ["Tidak setuju", "1", "25%"], ["Ragu-ragu", "0", "0%"]]
    worries = next(f for caption, f in figures.items() if caption.startswith(WORRIES))
    assert "Hoaks, fitnah: 2 (50%)" in worries.find("desc").get_text()
    assert "Barito Utara" not in heard.get_text(), "free-text answers are not published"
    quotes = [q.get_text(strip=True) for q in heard.find_all("blockquote")]
    assert quotes == ["Perbanyak patroli di kampus."]
    assert "Rahasia." not in heard.get_text() and "Yohana" not in heard.get_text()


def test_chart_geometry_scales_to_the_largest_count():
    chart = bar_chart("x", "Uji", {"A": 10, "B": 5, "C": 0}, total=15)
    assert [(r.label, r.width, r.percent) for r in chart.rows] == [("A", 320, 67), ("B", 160, 33), ("C", 0, 0)]
    assert chart.height == 3 * 46


def test_what_we_heard_costs_the_same_queries_for_many_responses(index, questions, django_assert_max_num_queries):
    page = consultation(index, opens_in=-30, closes_in=-2, question_form=questions)
    for n in range(40):
        agree = ("Setuju", "Ragu-ragu", "Tidak setuju")[n % 3]
        make_response(page, f"Tanggapan {n}", ["Kanal pengaduan"], answers={AGREE: agree, WORRIES: "Bentrokan"})
    fresh = ConsultationPage.objects.get(pk=page.pk)
    with django_assert_max_num_queries(4):
        results = fresh.heard
    assert results.total == 40
    counts = {row.label: row.count for chart in results.charts for row in chart.rows if chart.title == AGREE}
    assert counts == {"Setuju": 14, "Ragu-ragu": 13, "Tidak setuju": 13}


def test_approving_a_quote_shows_it_on_the_cached_page_at_once(index, client, team, django_user_model):
    page = consultation(index, opens_in=-30, closes_in=-2, team=team, heard_published=True)
    response = make_response(page, "Patroli bersama di kampus perlu diperbanyak.")
    SiteSettings.objects.get_or_create()  # created on the first view otherwise, and that save purges the cache
    anonymous = Client()
    assert anonymous.get(page.url)["X-Cache"] == "MISS" and anonymous.get(page.url)["X-Cache"] == "HIT"
    editor = django_user_model.objects.create_user("poldagri", "p@kesbangpol.example", "pw-poldagri-123")
    editor.groups.add(team)
    client.force_login(editor)
    client.post(f"/admin/konsultasi-tanggapan/{response.pk}/", {"quote": "Perbanyak patroli.", "quote_approved": "on"})
    assert "Perbanyak patroli." in anonymous.get(page.url).content.decode()


@pytest.mark.parametrize("boundary", ["opens_at", "closes_at"])
def test_a_page_whose_window_turns_within_the_cache_lifetime_is_not_cached(index, settings, boundary):
    page = consultation(index, opens_in=-10, closes_in=-5, slug="ditutup")
    page.closes_at = timezone.now() + timedelta(days=30)
    setattr(page, boundary, timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS - 30))
    page.save_revision().publish()
    SiteSettings.objects.get_or_create()
    anonymous = Client()
    for path in (page.url, index.url):
        anonymous.get(path)
        assert anonymous.get(path)["X-Cache"] != "HIT", f"{path} would open or close up to minutes late"
    page.opens_at, page.closes_at = timezone.now() - timedelta(days=9), timezone.now() - timedelta(days=1)
    page.save_revision().publish()
    anonymous.get(page.url)
    assert anonymous.get(page.url)["X-Cache"] == "HIT", "a page far from its boundaries is cached as usual"


# Outcome and reminder -----------------------------------------------------------------------------------------------
def test_outcome_is_published_separately_and_the_reminder_nags_weekly_until_then(index, client, team):
    stale = consultation(index, opens_in=-60, closes_in=-29, slug="lama", team=team)
    make_response(stale)
    consultation(index, opens_in=-60, closes_in=-10, slug="baru-tutup")
    consultation(
        index, opens_in=-90, closes_in=-40, slug="sudah", outcome="<p>Program disetujui.</p>", outcome_published=True
    )
    call_command("remind_consultation_outcomes", stdout=io.StringIO())
    call_command("remind_consultation_outcomes", stdout=io.StringIO())
    reminders = OutboxMessage.objects.filter(key__contains="outcome-reminder")
    assert [(m.to, stale.title in m.subject) for m in reminders] == [(["poldagri@kesbangpol.example"], True)]
    assert "1 orang" in reminders[0].body_text

    stale.refresh_from_db()
    stale.outcome = "<p>Program sinergi dilanjutkan dengan patroli kampus.</p>"
    stale.outcome_published = True
    stale.save_revision().publish()
    text = BeautifulSoup(client.get(stale.url).content, "html.parser").get_text()
    assert "Tanggapan dan hasil" in text and "patroli kampus" in text
    assert "Apa yang kami dengar" not in text, "the two parts are published separately"


# Home page and admin ------------------------------------------------------------------------------------------------
def test_home_page_lists_open_consultations(index, client):
    consultation(index, title="Konsultasi yang dibuka", slug="dibuka")
    consultation(index, opens_in=-40, closes_in=-30, title="Konsultasi lama", slug="lama")
    home = client.get("/").content.decode()
    assert "Konsultasi yang dibuka" in home and "Konsultasi lama" not in home


def test_responses_admin_is_limited_to_the_consultations_team(index, client, team, django_user_model):
    ours = consultation(index, team=team, slug="kami")
    theirs = consultation(index, slug="lain")
    mine, other = make_response(ours, "Milik tim."), make_response(theirs, "Milik tim lain.")
    editor = django_user_model.objects.create_user("poldagri", "p@kesbangpol.example", "pw-poldagri-123")
    editor.groups.add(team)
    client.force_login(editor)
    listing = client.get("/admin/konsultasi-tanggapan/").content.decode()
    assert mine.reference_code in listing and other.reference_code not in listing
    assert client.get(f"/admin/konsultasi-tanggapan/{other.pk}/").status_code == 403
    assert client.get(f"/admin/konsultasi-tanggapan/?page={theirs.pk}").status_code == 403
    response = client.post(
        f"/admin/konsultasi-tanggapan/{mine.pk}/", {"quote": "Milik tim (disunting).", "quote_approved": "on"}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.quote_approved and mine.quote_approved_by == editor
    csv_text = client.get("/admin/konsultasi-tanggapan/?export=csv").content.decode("utf-8-sig")
    assert mine.reference_code in csv_text and other.reference_code not in csv_text


def test_the_export_has_a_column_per_question_and_is_formula_safe_logged_and_permission_checked(
    index, client, team, questions, django_user_model
):
    page = consultation(index, team=team, question_form=questions)
    mine = make_response(page, "Milik tim.", answers={AGREE: "Setuju", REGENCY: '=HYPERLINK("http://x")'})
    editor = django_user_model.objects.create_user("poldagri", "p@kesbangpol.example", "pw-poldagri-123")
    editor.groups.add(team)
    client.force_login(editor)
    response = client.get(f"/admin/konsultasi-tanggapan/?page={page.pk}&export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-3:] == [AGREE, WORRIES, REGENCY]
    assert rows[1][0] == mine.reference_code and rows[1][-3:] == ["Setuju", "", '\'=HYPERLINK("http://x")']
    xlsx = client.get(f"/admin/konsultasi-tanggapan/?page={page.pk}&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]][-3:] == [AGREE, WORRIES, REGENCY]
    formula_cell = sheet.cell(row=2, column=sheet.max_column)
    assert formula_cell.value == '=HYPERLINK("http://x")' and formula_cell.data_type == "s", "text, never a formula"
    exports = PageLogEntry.objects.filter(action="consultations.responses.export", user=editor, page=page)
    assert sorted(e.data["format"] for e in exports) == ["csv", "xlsx"]

    detail = client.get(f"/admin/konsultasi-tanggapan/{mine.pk}/").content.decode()
    assert AGREE in detail and "Setuju" in detail, "the team reads the answers next to the response"

    outsider = django_user_model.objects.create_user("tamu", "t@kesbangpol.example", "pw-tamu-12345")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(f"/admin/konsultasi-tanggapan/?page={page.pk}&export=csv").status_code == 403
    assert client.get("/admin/konsultasi-tanggapan/?export=csv").status_code == 403
    assert not PageLogEntry.objects.filter(user=outsider).exists()


def test_answers_to_a_question_removed_later_still_reach_the_team(index, client, team, questions, django_user_model):
    page = consultation(index, team=team, question_form=questions)
    response = make_response(page, answers={AGREE: "Setuju", REGENCY: "Katingan"})
    questions.builder_fields.get(label=REGENCY).delete()
    editor = django_user_model.objects.create_user("poldagri", "p@kesbangpol.example", "pw-poldagri-123")
    editor.groups.add(team)
    client.force_login(editor)
    rows = list(
        csv.reader(io.StringIO(client.get("/admin/konsultasi-tanggapan/?export=csv").content.decode("utf-8-sig")))
    )
    assert rows[0][-3:] == [AGREE, WORRIES, rows[0][-1]] and rows[0][-1].startswith("Pertanyaan yang dihapus")
    assert rows[1][-3:] == ["Setuju", "", "Katingan"]
    assert "Katingan" in client.get(f"/admin/konsultasi-tanggapan/{response.pk}/").content.decode()


def test_demo_has_an_open_consultation_and_a_closed_one_with_both_parts(seeded, client):
    pages = {p.slug: p for p in ConsultationPage.objects.live()}
    open_one = pages["sinergi-polri-dan-masyarakat-menjelang-pemilu"]
    closed = pages["jam-dan-cara-layanan-kesbangpol"]
    assert open_one.status == "open" and "Polri" in open_one.title
    assert closed.status == "outcome" and closed.heard_published
    soup = BeautifulSoup(client.get(closed.url).content, "html.parser")
    text = soup.get_text()
    assert "Apa yang kami dengar" in text and "Tanggapan dan hasil" in text
    figures = {f.figcaption.get_text(strip=True): f for f in soup.select(".consultation__heard figure")}
    agree = figures["Apakah Anda setuju dengan jam layanan yang diusulkan?"]
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in agree.select("tbody tr")]
    assert rows[0] == ["Setuju", "4", "57%"], "the seeded answers are counted from the stored entries"
    open_soup = BeautifulSoup(client.get(open_one.url).content, "html.parser")
    asked = open_soup.find(class_="consultation__questions")
    assert "Seberapa setuju Anda dengan rancangan program ini?" in asked.get_text()
    documents = open_soup.find("section", attrs={"aria-labelledby": "documents-title"})
    assert len(documents.find_all("a")) == 2, "the draft and the TOR to review"
    assert "Cara lain menanggapi" in open_soup.get_text() and "FGD" in open_soup.find(id="tanggapi").get_text()
    assert "Penguatan Sinergi Polri" in client.get("/").content.decode()


def test_respondents_who_left_an_address_are_told_once_when_the_outcome_is_published(index, smtp_sink):
    """The form promises it next to the e-mail field: "we tell you when the outcome is published"."""
    page = consultation(index, opens_in=-60, closes_in=-10, slug="hasil")
    told = [make_response(page, email="ani@contoh.id"), make_response(page, email="budi@contoh.id")]
    make_response(page)  # no address: nobody to tell
    page.heard_published = True
    page.save_revision().publish()
    assert not OutboxMessage.objects.filter(key__endswith=":outcome").exists(), "only the outcome is announced"

    page.outcome = "<p>Patroli bersama di kampus dilanjutkan.</p>"
    page.outcome_published = True
    page.save_revision().publish()
    page.save_revision().publish()  # a later edit tells nobody again
    call_command("send_outbox", stdout=io.StringIO())

    received = {m["To"]: m.get_body(("plain",)).get_content() for m in smtp_sink.messages}
    assert sorted(received) == ["ani@contoh.id", "budi@contoh.id"]
    for response in told:
        body = received[response.email]
        assert response.reference_code in body and page.get_full_url() in body
        assert "Hasil" in smtp_sink.by_key(f"consultation:{response.reference_code}:outcome")[0]["Subject"]
