"""Who reads which entries of Reports › Site history (home/site_history.py, the rule in home/audit.py).

Wagtail shows an entry to whoever may explore its page (or holds any permission on its model). Exports, check-ins,
feedback handling and personal-data actions are the business of the team that handles those data and of the
administrator who answers for personal data (`home.handle_data_requests`): nobody else reads them, whoever may edit
the page they were written against.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from consultations.models import ConsultationIndexPage, ConsultationPage, ConsultationResponse
from home.editorial import ADMINISTRATOR, MODERATOR, REDAKSI
from home.models import CodeCounter
from tests.factories import make_page

EXPORTED = "Tanggapan konsultasi diekspor"  # the entry's label in the Indonesian admin
EXPORT_ACTION = "consultations.responses.export"


@pytest.fixture
def consultation(home_page):
    index = make_page(home_page, ConsultationIndexPage, title="Konsultasi Publik", slug="konsultasi-publik")
    team = Group.objects.create(name="Tim Politik Dalam Negeri")
    team.permissions.set(
        Permission.objects.filter(
            codename__in=[
                "access_admin",
                "view_consultationresponse",
                "change_consultationresponse",
                "export_consultationresponse",
            ]
        )
    )
    now = timezone.now()
    page = make_page(
        index,
        ConsultationPage,
        title="Sinergi Polri dan Masyarakat",
        slug="sinergi",
        summary="Rancangan program sinergi.",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=14),
        team=team,
    )
    ConsultationResponse.objects.create(
        page=page,
        reference_code=CodeCounter.next_code("KON", now.year),
        response="Setuju.",
        consent_version="uji",
        consented_at=now,
    )
    return page


def person(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@kesbangpol.example", "pw-" + username * 2)
    user.groups.add(group)
    return user


def site_history(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_only_the_team_and_the_administrator_read_who_exported_consultation_responses(
    client, consultation, django_user_model
):
    team_member = person(django_user_model, "poldagri", consultation.team)
    client.force_login(team_member)
    assert client.get("/admin/konsultasi-tanggapan/?export=csv").status_code == 200
    assert PageLogEntry.objects.filter(action=EXPORT_ACTION, page=consultation).count() == 1

    redaksi = person(django_user_model, "redaksi", Group.objects.get(name=REDAKSI))
    moderator = person(django_user_model, "moderator", Group.objects.get(name=MODERATOR))
    administrator = person(django_user_model, "administrator", Group.objects.get(name=ADMINISTRATOR))
    for editor in (redaksi, moderator):
        # They edit the consultation page, so Wagtail alone would show them every entry written against it.
        assert consultation.permissions_for_user(editor).can_edit()
        shown = site_history(client, editor)
        assert EXPORTED not in shown, editor.username
        assert "poldagri" not in shown, f"{editor.username} sees who exported"
        results = client.get(reverse("wagtailadmin_reports:site_history_results") + f"?action={EXPORT_ACTION}")
        assert EXPORTED not in results.content.decode()
        spreadsheet = client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")
        assert "poldagri" not in b"".join(spreadsheet.streaming_content).decode("utf-8-sig")
    for reader in (team_member, administrator):
        assert EXPORTED in site_history(client, reader), reader.username


@pytest.mark.django_db
def test_the_pages_own_history_hides_the_export_from_its_editors_too(client, consultation, django_user_model):
    client.force_login(person(django_user_model, "poldagri", consultation.team))
    client.get("/admin/konsultasi-tanggapan/?export=csv")
    history_url = reverse("wagtailadmin_pages:history", args=[consultation.pk])
    client.force_login(person(django_user_model, "redaksi", Group.objects.get(name=REDAKSI)))
    response = client.get(history_url)
    assert response.status_code == 200
    assert EXPORTED not in response.content.decode() and "poldagri" not in response.content.decode()
    client.force_login(django_user_model.objects.create_superuser("root", "root@kesbangpol.example", "pw-root-12345"))
    assert EXPORTED in client.get(history_url).content.decode()
