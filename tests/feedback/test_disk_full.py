"""A full disk while a citizen's feedback attachment is stored: a clear page, no row, no mail, no orphan file.

The full disk is the real 64 KiB tmpfs of tests/site/test_failures.py (simulated ENOSPC where mounting is not allowed).
"""

from feedback.models import Feedback
from home.models import OutboxMessage
from tests.feedback.helpers import form_data, upload
from tests.site.test_failures import files_under, full_disk, noisy_png  # noqa: F401 (full_disk is a fixture)


def test_feedback_with_an_attachment_on_a_full_disk_says_so_and_stores_nothing(
    client,
    feedback_page,
    topics,
    full_disk,  # noqa: F811 (the fixture imported above)
    settings,
):
    path, how = full_disk
    settings.PRIVATE_MEDIA_ROOT = path
    data = form_data(topics["a"], email="penuh@contoh.id")
    data["attachment"] = upload("bukti.png", noisy_png(), "image/png")
    response = client.post(feedback_page.url, data)
    assert response.status_code == 507, how
    assert "Berkas tidak dapat disimpan" in response.content.decode()
    assert not Feedback.objects.filter(email="penuh@contoh.id").exists()
    assert not OutboxMessage.objects.exists(), "no acknowledgement for something that was not stored"
    assert files_under(path) == [], "no orphan or partial file"
