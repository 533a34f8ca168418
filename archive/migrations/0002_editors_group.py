"""The Editors group: edits the archive's content, not users or groups; no superuser needed for daily work."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
EDITED_MODELS = [
    "source", "place", "organization", "person", "alias", "article", "position",
    "event", "participation", "mention", "namecandidate",
]


def create_editors(apps, schema_editor):
    # Permissions are made after all migrations ran; this one needs archive's now.
    archive = apps.get_app_config("archive")
    archive.models_module = True
    create_permissions(archive, apps=apps, verbosity=0)
    archive.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label="archive", content_type__model__in=EDITED_MODELS)
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_editors, remove_editors)]
