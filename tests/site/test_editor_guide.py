"""The editors' guide (docs/editors.md) and the README send the events team to the registration-form builder by
a menu path; a Tim Acara member has that path in their admin menu and it opens."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.users.models import UserProfile

from home.editorial import TIM_ACARA

ROOT = Path(settings.BASE_DIR)


def menu_paths(html):
    """{("Kegiatan", "Formulir pendaftaran"): url, ...}: every link of the admin's sidebar menu by its labels."""
    props = json.loads(BeautifulSoup(html, "html.parser").select_one("#wagtail-sidebar-props").string)
    main_menu = next(m for m in props["modules"] if m["_type"] == "wagtail.sidebar.MainMenuModule")
    paths = {}

    def walk(items, above):
        for item in items:
            item_props, *children = item["_args"]
            path = (*above, item_props["label"])
            if children:
                walk(children[0], path)
            else:
                paths[path] = item_props.get("url")

    walk(main_menu["_args"][0], ())
    return paths


@pytest.fixture
def events_team_member(db, django_user_model):
    user = django_user_model.objects.create_user("acara", "acara@kesbangpol.example", "x")
    user.groups.add(Group.objects.get(name=TIM_ACARA))
    return user


@pytest.mark.parametrize(
    ("document", "language", "pattern"),
    [
        ("docs/editors.md", "id", r"\*\*([^*]+ › Formulir pendaftaran)\*\*"),
        ("README.md", "en", r"((?:[A-Z][a-z]+ › )+Registration forms)"),
    ],
)
def test_the_events_team_finds_the_form_builder_where_the_docs_say(
    client, events_team_member, document, language, pattern
):
    documented = re.search(pattern, (ROOT / document).read_text(encoding="utf-8"))
    assert documented, f"{document} names no menu path to the registration forms"
    path = tuple(documented.group(1).split(" › "))
    profile = UserProfile.get_for_user(events_team_member)
    profile.preferred_language = language
    profile.save()
    client.force_login(events_team_member)

    menu = menu_paths(client.get(reverse("wagtailadmin_home")).content.decode())
    assert path in menu, f"{document}: {' › '.join(path)} is not in Tim Acara's menu {sorted(menu)}"
    assert client.get(menu[path]).status_code == 200
    assert client.get(reverse("wagtailsnippets_builtforms_builtform:add")).status_code == 200
