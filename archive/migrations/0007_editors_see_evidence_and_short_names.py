"""Editors read the evidence of extracted records and settle the short names several people claim."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

NEW_MODELS = ["evidence", "shortnamequestion"]


def grant(apps, schema_editor):
    archive = apps.get_app_config("archive")
    archive.models_module = True
    create_permissions(archive, apps=apps, verbosity=0)
    archive.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label="archive", content_type__model__in=NEW_MODELS)
        )


class Migration(migrations.Migration):
    dependencies = [("archive", "0006_short_name_questions"), ("archive", "0002_editors_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
