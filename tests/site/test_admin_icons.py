"""Every icon our admin templates and hooks name exists in Wagtail's icon sprite; an unknown name renders as an
empty box (`<use href="#icon-...">` pointing at nothing). Wagtail 8 ships the icons in
wagtail/admin/templates/wagtailadmin/icons/ and apps add more with the `register_icons` hook; the sprite
`wagtail.admin.icons.get_icons()` builds from that hook is what the browser gets."""

import re
from pathlib import Path

from django.conf import settings
from wagtail.admin.icons import get_icons

from desk.reports import REPORTS

SOURCE_DIRS = [
    "site_cms",
    "home",
    "news",
    "events",
    "feedback",
    "consultations",
    "builtforms",
    "ppid",
    "desk",
    "templates",
]
ICON_NAMES = [
    re.compile(r"""\{%\s*icon\s+name=["']([a-z0-9-]+)["']"""),  # {% icon name="x" %}
    # header.html's icon="x", Button/MenuItem icon_name="x", viewsets' and blocks' icon = "x", menu_icon = "x",
    # @register_setting(icon="x")
    re.compile(r"""\b(?:icon|icon_name|menu_icon)\s*=\s*["']([a-z0-9-]+)["']"""),
]


def named_icons():
    """(file:line, icon name) of every icon our templates and Python code name literally."""
    found = []
    for directory in SOURCE_DIRS:
        for path in sorted((Path(settings.BASE_DIR) / directory).rglob("*")):
            if path.suffix not in {".py", ".html"}:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                for pattern in ICON_NAMES:
                    found += [
                        (f"{path.relative_to(settings.BASE_DIR)}:{number}", name) for name in pattern.findall(line)
                    ]
    return found


def test_every_icon_we_name_is_in_wagtails_sprite():
    sprite = set(re.findall(r'id="icon-([^"]+)"', get_icons()))
    named = named_icons() + [(f"desk/reports.py REPORTS[{key!r}]", r.icon) for key, r in REPORTS.items()]
    assert len(named) > 30 and "download" in sprite  # the scan finds our icons; the sprite is Wagtail's
    unknown = [f"{where}: {name}" for where, name in named if name not in sprite]
    assert not unknown, unknown
