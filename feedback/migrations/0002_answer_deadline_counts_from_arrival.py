"""The answer deadline counts from the day the item arrives, as the code always did: the help text said "after the
item is verified". Text only; no data changes."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='feedbacktopic',
            name='answer_days',
            field=models.PositiveSmallIntegerField(default=5, help_text='Working days to send the written answer, counted like the verification from the day the item arrives (the time to verify is part of it).', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='working days to answer'),
        ),
    ]
