"""Plain helpers of the feedback tests (the fixtures are in conftest.py)."""

import io

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from feedback.forms import FeedbackForm
from home.seeding import simple_pdf

TEAM_PERMISSIONS = ["access_admin", "view_feedback", "change_feedback"]


def make_team(name, *codenames):
    group, _created = Group.objects.get_or_create(name=name)  # "Tim Ormas" exists: ormas migration 0003
    group.permissions.set(Permission.objects.filter(codename__in=[*TEAM_PERMISSIONS, *codenames]))
    return group


def make_user(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username, f"{username}@kesbangpol.example", "pw-" + username * 2)
    user.groups.set(groups)
    return user


def form_data(topic_obj, **overrides):
    """What a citizen's browser posts: the form's own hidden fields (anti-spam stamp, token) plus answers."""
    data = {key: str(value) for key, value in FeedbackForm().initial.items()}
    data.update(
        {
            "kind": "pengaduan",
            "topic": str(topic_obj.pk),
            "message": "Ada kegiatan ormas tanpa SKT di Kelurahan Menteng, mohon ditindaklanjuti.",
            "identity": "confidential",
            "name": "Siti Rahmawati",
            "email": "siti@contoh.id",
            "phone": "0812 3456 7890",
            "consent": "on",
        }
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 30, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def pdf_bytes():
    return simple_pdf("Surat pengaduan", ["Isi surat uji."])


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
