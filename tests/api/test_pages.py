"""/api/v2/pages/: live public pages only, each type's allow-list of fields, pagination, constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import SECRETS, get_json, leaked
from tests.factories.events import make_event, register
from tests.factories.news import make_news

pytestmark = pytest.mark.django_db
API = "/api/v2/pages/"


def titles(payload):
    return {item["title"] for item in payload["items"]}


def test_private_sections_and_drafts_are_never_listed_or_served(client, admin_user, site):
    listed = titles(get_json(client, API + "?limit=100"))
    assert {"Berita 0", "Berita 1", "Rancangan Pergub Ormas"} <= listed
    assert not {title for title in listed if title.startswith((SECRETS["private page"], SECRETS["draft page"]))}
    for page in (site["private"], site["private_child"]):
        get_json(client, f"{API}{page.pk}/", status=404)
    # Nor by walking the tree or searching from a private page.
    get_json(client, f"{API}?child_of={site['private'].pk}", status=400)
    assert get_json(client, API + "?search=Rahasia")["items"] == []
    # Not even for a logged-in superuser: answers are cached publicly, so nobody's session counts.
    client.force_login(admin_user)
    assert titles(get_json(client, API + "?limit=100")) == listed
    get_json(client, f"{API}{site['private'].pk}/", status=404)


def test_event_fields_are_the_allow_list_with_times_in_the_events_zone(client, site):
    event = site["event"]
    item = get_json(client, API + "?type=events.EventPage&fields=*")["items"][0]
    assert item["starts_at"] == event.starts_at.astimezone(event.zone).isoformat()
    assert item["starts_at"].endswith("+07:00")
    assert (item["status"], item["registration_open"], item["seats_left"]) == ("open", True, 4)
    assert item["venue_name"] == "Aula Kesbangpol"
    assert "online_url" not in item and "registrations" not in item
    assert not leaked(item)

    event.timezone = "Asia/Makassar"  # an event held in WITA keeps its own clock and offset
    event.save_revision().publish()
    detail = get_json(client, f"{API}{event.pk}/")
    assert detail["starts_at"].endswith("T09:00:00+08:00")


def test_fields_outside_the_allow_list_are_refused(client, site):
    for query in (
        "?fields=owner",
        "?type=events.EventPage&fields=online_url",
        "?type=events.EventPage&fields=registrations",
        "?type=consultations.ConsultationPage&fields=responses",
        "?type=consultations.ConsultationPage&fields=notify_emails",
        "?type=events.EventPage&online_url=x",  # nor filter by one
        "?type=news.NewsPage&fields=body",  # stream fields only one page at a time
        "?type=consultations.ConsultationResponse",
        f"?site={site['event'].pk}",
    ):
        assert "message" in get_json(client, API + query, status=400), query
    every = get_json(client, API + "?type=consultations.ConsultationPage&fields=*")["items"][0]
    assert set(every) - {"id", "meta"} == {"title", "summary", "opens_at", "closes_at", "status", "outcome_published"}
    assert every["status"] == "open" and every["closes_at"].endswith("+07:00")


def test_pagination_has_a_maximum(client, site, settings):
    assert settings.WAGTAILAPI_LIMIT_MAX == 100
    get_json(client, API + "?limit=101", status=400)
    total = get_json(client, API + "?limit=100")["meta"]["total_count"]
    first = get_json(client, API + "?limit=2")
    second = get_json(client, API + "?limit=2&offset=2")
    assert len(first["items"]) == 2 and first["meta"]["total_count"] == total
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def count_queries(client, url):
    get_json(client, url)  # the site's kept data read once (home/visibility.py)
    with CaptureQueriesContext(connection) as queries:
        get_json(client, url)
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        API + "?type=events.EventPage&fields=*",
        API + "?type=news.NewsPage&fields=*",
        API + "?limit=100",
    ],
)
def test_listings_run_the_same_queries_for_two_or_eight_pages(client, home_page, url):
    from tests.factories.news import make_news_index

    index = make_news_index(home_page)

    def add(n):
        for _ in range(n):
            register(make_event(home_page))
            make_news(index)

    add(2)
    few = count_queries(client, url)
    add(6)
    assert count_queries(client, url) == few


def test_the_examples_of_docs_api_md_work(client, site):
    news = get_json(client, API + "?type=news.NewsPage&fields=date,category,summary&order=-date&limit=5")
    dates = [item["date"] for item in news["items"]]
    assert len(dates) == 2 and dates == sorted(dates, reverse=True)
    assert all(item["category"] and item["summary"] for item in news["items"])
    query = API + "?type=events.EventPage&fields=starts_at,venue_name,status,seats_left&cancelled="
    assert get_json(client, query + "false")["meta"]["total_count"] == 1
    assert get_json(client, query + "true")["meta"]["total_count"] == 0


@pytest.mark.parametrize("endpoint", ["/api/v2/pages/", "/api/v2/ormas/", "/api/v2/statistics/"])
def test_a_browser_opening_the_api_gets_json(client, site, endpoint):
    """Someone clicking an API link in a browser (Accept: text/html) gets the JSON, not an error page: the API
    renders JSON only, without DRF's browsable pages (which need DRF as an installed app)."""
    response = client.get(endpoint, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code in (200, 404), response.status_code
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(response.json(), dict)
