"""Until now ``meeting`` (labelled 会议) named internal meetings: they become ``conference``;
from now on ``meeting`` is 会见 (a leader receives a guest). Positions stop restating their
body in the title (中共浙江省委 · 省委书记 -> 中共浙江省委 · 书记)."""
from django.db import migrations


def _without_restated_body(organization, title):
    # a frozen copy of chinese.extraction.titles.without_restated_body, as of this migration
    plain = organization.replace("人民", "")
    for k in range(len(title) - 1, 1, -1):
        prefix = title[:k]
        if organization.endswith(prefix) or plain.endswith(prefix):
            return title[k:]
    return title


def forwards(apps, schema_editor):
    Event = apps.get_model("archive", "Event")
    Position = apps.get_model("archive", "Position")
    Event.objects.filter(kind="meeting").update(kind="conference")
    for position in Position.objects.select_related("organization").exclude(organization=None):
        title = _without_restated_body(position.organization.name, position.title)
        if title != position.title:
            Position.objects.filter(pk=position.pk).update(title=title)


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_extracted_records")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
