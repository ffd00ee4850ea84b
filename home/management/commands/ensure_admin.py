"""Make sure an administrator account exists (used by `make run`).

ADMIN_USERNAME / ADMIN_PASSWORD from the environment are used when given. Otherwise an account `admin` is created
with a random password that is printed once; an existing account is left alone.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the administrator account if it does not exist yet."

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME") or "admin"
        password = os.environ.get("ADMIN_PASSWORD")
        if not settings.DEBUG and not password:
            raise CommandError("Outside development, set ADMIN_USERNAME and ADMIN_PASSWORD: no default account.")

        user = User.objects.filter(username=username).first()
        if user is not None:
            if password and not user.check_password(password):
                self._validate(password, user)
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(f"Password of administrator '{username}' updated from ADMIN_PASSWORD.")
            else:
                self.stdout.write(f"Administrator '{username}' already exists.")
            return

        generated = password is None
        if generated:
            password = secrets.token_urlsafe(12)
        user = User(username=username, email=os.environ.get("ADMIN_EMAIL", ""), is_staff=True, is_superuser=True)
        self._validate(password, user)
        user.set_password(password)
        user.save()
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Created administrator '{username}' with password: {password}\n"
                    "It is shown only this once; change it in the admin (Akun > Ubah kata sandi)."
                )
            )
        else:
            self.stdout.write(f"Created administrator '{username}' from ADMIN_USERNAME/ADMIN_PASSWORD.")

    def _validate(self, password, user):
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("ADMIN_PASSWORD is too weak: " + " ".join(exc.messages)) from exc
