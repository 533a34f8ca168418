"""How much of the seed fixtures' hand-made careers and events extraction finds by itself.

    .venv/bin/python bench/extraction_seeds.py

Sets up the seed archive in a new data directory (bootstrap), runs extract_records over its
eleven articles, and counts the hand-made positions that gained evidence (an article attests
them) and the hand-made events that extraction matched (same day and kind, a principal in
common, or a conference's name), with what it found besides.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    data_dir = tempfile.mkdtemp(prefix="portal-seeds-")
    env = {**os.environ, "PORTAL_DATA_DIR": data_dir}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "bootstrap"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*manage, "extract_records"], env=env, check=True)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from archive.models import Event, Participation, Position

    hand = Position.objects.filter(origin=Position.Origin.EDITOR)
    found = hand.filter(evidence__isnull=False).distinct()
    print(f"positions: {found.count()} of the {hand.count()} hand-made ones attested by extraction; "
          f"{Position.objects.filter(origin=Position.Origin.EXTRACTED).count()} more extracted")
    for p in hand.exclude(pk__in=found).select_related("person", "organization"):
        print(f"  not found: {p.person.name} {p.label}")
    events = Event.objects.filter(origin=Event.Origin.EDITOR)
    matched = events.filter(participations__origin=Participation.Origin.EXTRACTED).distinct() | events.filter(
        participations__evidence__isnull=False).distinct()
    print(f"events: {matched.distinct().count()} of the {events.count()} hand-made ones found by extraction; "
          f"{Event.objects.filter(origin=Event.Origin.EXTRACTED).count()} more extracted")
    for e in Event.objects.filter(origin=Event.Origin.EXTRACTED):
        print(f"  extracted: {e.start_date} {e.get_kind_display()} {e.title[:40]}")
    hand_parts = Participation.objects.filter(origin=Participation.Origin.EDITOR)
    print(f"participations: {hand_parts.filter(evidence__isnull=False).distinct().count()} of the "
          f"{hand_parts.count()} hand-made ones found by extraction")


if __name__ == "__main__":
    main()
