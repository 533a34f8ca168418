"""What an import still has to do for each article it saved (archive.importing: an import that was killed heals)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0007_editors_see_evidence_and_short_names'),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportFollowUp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='import_follow_up', to='archive.article')),
            ],
        ),
    ]
