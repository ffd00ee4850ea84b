# Consultation questions move from the temporary `answers` JSON to the editor-built forms (forms_builder entries).
#
# No request ever wrote `answers` (the public form had no question fields); only the demo seeder did, and it now
# rebuilds those answers as form entries. So the column is dropped, but nothing is thrown away blindly: should a
# non-demo response carry answers after all, they are appended to its response text, where the team still reads them.

import django.db.models.deletion
import uuid
from django.db import migrations, models


def keep_answers_in_the_response_text(apps, schema_editor):
    Response = apps.get_model("consultations", "ConsultationResponse")
    for response in Response.objects.exclude(answers={}).exclude(consent_version="demo").iterator():
        if not response.answers:
            continue
        lines = [f"{question}: {value}" for question, value in response.answers.items()]
        response.response = response.response.rstrip() + "\n\n[Jawaban pertanyaan]\n" + "\n".join(lines)
        response.save(update_fields=["response"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0004_merge_events_feedback"),
        ("forms", "0004_alter_form_sites"),
    ]

    operations = [
        migrations.RunPython(keep_answers_in_the_response_text, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="consultationresponse",
            name="answers",
        ),
        migrations.AddField(
            model_name="consultationpage",
            name="question_form",
            field=models.ForeignKey(
                blank=True,
                help_text="Optional: a form from Events › Registration forms in the admin menu with the questions to ask, e.g. a choice of topics or an agreement scale. Counts of the choice questions appear in “What we heard”.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="consultations.builtform",
                verbose_name="questions",
            ),
        ),
        migrations.AddField(
            model_name="consultationresponse",
            name="entry",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="forms.formentry",
                verbose_name="answers",
            ),
        ),
        migrations.AlterField(
            model_name="consultationresponse",
            name="submission_token",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="submission token"),
        ),
    ]
