"""The demo content gives editors a realistic inbox: routed topics, every kind and status, some items overdue."""

from feedback.models import Feedback, FeedbackPage, FeedbackSettings, FeedbackTopic


def test_demo_feedback_covers_kinds_statuses_teams_and_deadlines(seeded, client):
    items = Feedback.objects.all()
    assert 18 <= items.count() <= 25
    assert set(items.values_list("kind", flat=True)) == set(Feedback.Kind.values)
    assert set(items.values_list("status", flat=True)) == set(Feedback.Status.values)
    assert Feedback.objects.overdue().exists()
    assert items.filter(identity="anonymous", name="", email="").exists()
    routed = dict(FeedbackTopic.objects.values_list("name", "team__name"))
    assert routed["Pendaftaran ormas/SIOLA"] == "Tim Ormas dan SIOLA"
    assert routed["Layanan Kesbangpol lainnya"] is None
    assert FeedbackSettings.load().triage_group.name == "Tim Triase Pengaduan"
    page = FeedbackPage.objects.get()
    assert page.show_in_menus and client.get(page.url).status_code == 200
