"""Admin login: lockout after 5 failures per username and address for 15 minutes (django-axes), strong passwords,
and no default account in production."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

PASSWORD = "correct-horse-battery-staple"
ATTACKER = "203.0.113.7"
COLLEAGUE = "203.0.113.8"


def attempt(client, username, password, address=ATTACKER):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
def test_five_failures_lock_that_username_from_that_address_for_fifteen_minutes(client, admin_user):
    for _ in range(4):
        response = attempt(client, "admin", "salah-sandi")
        assert response.status_code == 200  # the login form again, with its error
    fifth = attempt(client, "admin", "salah-sandi")
    assert fifth.status_code == 429
    # Locked: even the right password is refused now, with an Indonesian page that says for how long.
    locked = attempt(client, "admin", PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Login sementara dikunci" in page and "15 menit" in page
    assert "_auth_user_id" not in client.session

    # The lockout is per username *and* address: a colleague behind another address still logs in...
    other = attempt(Client_for(client), "admin", PASSWORD, address=COLLEAGUE)
    assert other.status_code == 302
    # ...and the attacker's address may still try other usernames (each gets its own five attempts).
    assert attempt(Client_for(client), "redaksi", "salah-sandi").status_code == 200

    # Fifteen minutes later the pair may try again.
    AccessAttempt.objects.filter(username="admin", ip_address=ATTACKER).update(
        attempt_time=AccessAttempt.objects.get(username="admin", ip_address=ATTACKER).attempt_time
        - timedelta(minutes=16)
    )
    again = attempt(Client_for(client), "admin", PASSWORD)
    assert again.status_code == 302 and again["Location"] == "/admin/"


def Client_for(client):
    """A fresh browser (no session) of the same test."""
    return type(client)()


@pytest.mark.django_db
def test_a_success_resets_the_failure_count(client, admin_user):
    for _ in range(4):
        attempt(client, "admin", "salah-sandi")
    assert attempt(client, "admin", PASSWORD).status_code == 302
    for _ in range(4):
        assert attempt(Client_for(client), "admin", "salah-sandi").status_code == 200


@pytest.mark.django_db
def test_lockout_log_lines_name_no_username_or_address(client, admin_user, caplog):
    caplog.set_level("DEBUG")
    for _ in range(6):
        attempt(client, "rahasia-pengguna", "salah-sandi")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "AXES" in text  # axes did log the attempts...
    assert "rahasia-pengguna" not in text and ATTACKER not in text  # ...without personal data


@pytest.mark.django_db
def test_client_login_still_works_in_tests(client, admin_user):
    assert client.login(username="admin", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "password",
    [
        "Kalteng2026",  # 11 characters
        "qwertyqwerty",  # 12 characters, but on the common-passwords list
        "123456789012345",  # numeric
        "admin-kesbangpol",  # too close to the username
    ],
)
def test_weak_passwords_are_refused(password):
    user = get_user_model()(username="admin-kesbangpol", email="admin@kesbangpol.example")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted():
    validate_password("betang-tambun-bungai-2026", get_user_model()(username="redaksi"))


@pytest.mark.django_db
def test_the_admin_refuses_a_weak_password_for_a_new_user(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "editor",
            "email": "editor@kesbangpol.example",
            "first_name": "Editor",
            "last_name": "Satu",
            "password1": "kalteng1234",
            "password2": "kalteng1234",
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="editor").exists()
    assert "setidaknya 12 karakter" in response.content.decode()


def test_production_refuses_to_create_a_default_account(production_server):
    """`ensure_admin` under the production settings, with no ADMIN_PASSWORD: it refuses and creates nobody."""
    count = "from django.contrib.auth.models import User; print(User.objects.count())"
    before = production_server.manage("shell", "-c", count)
    result = production_server.manage("ensure_admin", env={"ADMIN_USERNAME": "baru", "ADMIN_PASSWORD": ""}, check=False)
    assert result.returncode != 0
    assert "no default account" in result.stderr
    assert production_server.manage("shell", "-c", count).stdout == before.stdout


@pytest.mark.django_db
def test_an_oversized_username_is_recorded_cut_not_a_server_error(client):
    """Django's login form does not check the username's length; django-axes stored it whole, which PostgreSQL
    refused (a 500 for anyone, found by the bad-input corpus on Wagtail's private-page login, which uses Django's
    form). home.security.axes_username cuts it."""
    response = client.post("/_util/login/", {"username": "a" * 100_000, "password": "salah"}, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "a" * 150


@pytest.mark.django_db
def test_a_forged_forwarded_address_is_not_stored(client, settings):
    settings.NUM_PROXIES = 1
    response = client.post(
        "/admin/login/",
        {"username": "admin", "password": "salah-sandi"},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR="bukan-alamat",
    )
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == ATTACKER
