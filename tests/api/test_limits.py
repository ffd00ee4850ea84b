"""Across the API: the rate limit per client address, cache headers, and no personal data in any answer."""

import pytest

from tests.api.conftest import get_json, leaked

pytestmark = pytest.mark.django_db


def test_429_after_the_budget_with_retry_after_and_an_indonesian_message(client, settings, site):
    settings.API_RATE_LIMIT = 3
    for url in ("/api/v2/pages/", "/api/v2/statistics/", "/api/v2/pages/?limit=1"):
        assert client.get(url).status_code == 200  # one budget for every endpoint
    response = client.get("/api/v2/pages/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= settings.API_RATE_WINDOW_SECONDS
    assert response.json()["message"].startswith("Terlalu banyak permintaan")
    assert "no-store" in response["Cache-Control"]  # a proxy must not hand it to everyone behind it
    # Another address has its own budget.
    assert client.get("/api/v2/pages/", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_answers_may_be_cached_by_anyone_and_errors_may_not(client, settings, site):
    ok = client.get("/api/v2/pages/")
    assert ok["Cache-Control"] == f"public, max-age={settings.API_CACHE_SECONDS}"
    assert "Cookie" not in ok.get("Vary", "") and not ok.cookies
    assert "no-store" in client.get("/api/v2/pages/?fields=owner")["Cache-Control"]
    assert client.post("/api/v2/pages/").status_code == 405  # read only


def test_no_answer_holds_personal_data(client, site, ormas_rows):
    """Every endpoint, listing and detail, with every field it offers."""
    answers = [get_json(client, "/api/v2/pages/?limit=100&fields=*")]
    for item in answers[0]["items"]:
        answers.append(get_json(client, f"/api/v2/pages/{item['id']}/"))
    for page_type in ("events.EventPage", "news.NewsPage", "consultations.ConsultationPage"):
        answers.append(get_json(client, f"/api/v2/pages/?type={page_type}&fields=*"))
    answers.append(get_json(client, "/api/v2/ormas/?fields=*&limit=100"))
    answers += [get_json(client, f"/api/v2/ormas/{row.pk}/") for row in ormas_rows.values()]
    answers.append(get_json(client, "/api/v2/statistics/"))
    assert len(answers) > 10
    assert [leaked(answer) for answer in answers] == [[]] * len(answers)
