"""The layout rules of README.md ("Layout"): one domain per app, home/ imports no app, no import circle between apps.

Read from the source (every import statement, also those inside functions), so a shortcut taken in a hurry fails
here rather than in the next restructure."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["home", "news", "events", "feedback", "consultations", "builtforms", "ppid", "desk"]


def imported_apps(app):
    """{other app: [file, ...]} of every import of another of our apps in `app` (migrations excepted)."""
    found = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in APPS and top != app:
                    found.setdefault(top, []).append(str(path.relative_to(ROOT)))
    return found


def test_home_imports_no_feature_app():
    assert imported_apps("home") == {}


def test_no_two_apps_import_each_other():
    graph = {app: set(imported_apps(app)) for app in APPS}
    circles = sorted((a, b) for a in APPS for b in graph[a] if a < b and a in graph[b])
    assert circles == []


def test_feature_apps_use_only_home_and_the_form_engine():
    """The domain apps stand on home/ (and events/consultations on builtforms/); only desk/ reads the others."""
    allowed = {
        "news": {"home"},
        "events": {"home", "builtforms"},
        "feedback": {"home"},
        "consultations": {"home", "builtforms"},
        "builtforms": {"home"},
        "ppid": {"home"},
    }
    extra = {app: set(imported_apps(app)) - allowed[app] for app in allowed}
    assert {app: others for app, others in extra.items() if others} == {}
