"""The content generation every cache of pages and searches is keyed by (archive.generation)."""

from django.db import migrations, models


def first_generation(apps, schema_editor):
    apps.get_model("archive", "ContentGeneration").objects.get_or_create(pk=1)


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0010_former_names_merges_fixture_ledger'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContentGeneration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.BigIntegerField(default=0)),
            ],
            options={
                'verbose_name': '内容版本',
                'verbose_name_plural': '内容版本',
            },
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
    ]
