"""`ensure_admin`: an administrator exists after `make run`, and no weak or default account in production."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_generated_password_is_printed_once(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().split("password: ")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    again = io.StringIO()
    call_command("ensure_admin", stdout=again)
    assert "already exists" in again.getvalue() and password not in again.getvalue()


@pytest.mark.django_db
def test_account_from_environment(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("ADMIN_USERNAME", "redaksi-admin")
    monkeypatch.setenv("ADMIN_PASSWORD", "kalteng-damai-pilkada-2024")
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "kalteng-damai-pilkada-2024" not in out.getvalue()
    assert get_user_model().objects.get(username="redaksi-admin").check_password("kalteng-damai-pilkada-2024")


@pytest.mark.django_db
def test_no_default_account_outside_development(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError):
        call_command("ensure_admin", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_weak_password_is_refused(settings, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "password")
    with pytest.raises(CommandError, match="too weak"):
        call_command("ensure_admin", stdout=io.StringIO())


def test_make_run_says_what_it_is_doing_before_the_long_first_install(tmp_path):
    """On a fresh machine the package download takes minutes; `make run` says so before it starts, not after."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    plan = subprocess.run(
        ["make", "-n", "-C", str(root), "run", f"VENV={tmp_path / 'fresh-venv'}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    install = next(i for i, line in enumerate(plan) if "pip install" in line)
    said = " ".join(plan[:install])
    assert "first run" in said and "few minutes" in said
