# Joins the events models (0001_events) and the feedback/consultations models (0001_feedback … 0003), which were
# written in parallel branches; neither changes the other's tables.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_events"),
        ("consultations", "0003_feedback_consultations"),
    ]

    operations = []
