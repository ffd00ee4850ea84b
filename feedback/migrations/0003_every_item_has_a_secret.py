"""Every feedback item gets a secret (issue 15): the status lookup no longer takes an e-mail address as proof.

Items stored before had a secret only when no address was given. The others get a random one here that nobody is
told: their senders reach the status through the links in their mails (bound to this secret, home/tracking.py), or
ask for them again at /saran-dan-pengaduan/kirim-ulang-tautan/, which mails them to the address on file only.
"""

import hashlib
import secrets

from django.db import migrations


def give_every_item_a_secret(apps, schema_editor):
    Feedback = apps.get_model("feedback", "Feedback")
    for item in Feedback.objects.filter(secret_hash="").only("pk").iterator():
        # The SHA-256 of 80+ random bits that are then forgotten: no typed secret matches it.
        secret_hash = hashlib.sha256(secrets.token_hex(16).encode()).hexdigest()
        Feedback.objects.filter(pk=item.pk).update(secret_hash=secret_hash)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_answer_deadline_counts_from_arrival")]

    operations = [migrations.RunPython(give_every_item_a_secret, migrations.RunPython.noop)]
