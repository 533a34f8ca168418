"""How well positions and meetings are extracted, against judgments built from the corpus's tags.

    .venv/bin/python bench/import_corpus.py --keep /tmp/pd1998          # the import extracts
    PORTAL_DATA_DIR=/tmp/pd1998 .venv/bin/python bench/extraction_quality.py [--misses 20]

Reads what the import stored (positions with their evidence, events with their roles) and
compares it with bench/judgments.py: position (person, title) recall for the 40 most-attested
people and the rest, recall with the organization right, precision, first and last attested
dates within a day; meetings and talks recall, precision and events split in two.
"""
import argparse
import os
import sys
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from archive.extraction.gazetteer import gazetteer  # noqa: E402
from archive.models import Alias, Event, Participation, Person, Position  # noqa: E402
from chinese.extraction.titles import label  # noqa: E402
from chinese.extraction.vocabulary import PARTY_COMMITTEES, PLACE_BODIES  # noqa: E402
from judgments import judge  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "pd199801" / "199801.txt"
# a post stored without its body keeps the body's generic name in front: 省委书记, 区政协副主席
HINTS = sorted({level + body for body in PARTY_COMMITTEES + PLACE_BODIES for level in ("", *"省市区县州镇乡")},
               key=len, reverse=True)


def _title_only(title):
    return next((title[len(h):] for h in HINTS if title.startswith(h) and len(title) > len(h)), title)


def canonical_names():
    """Name or alias as written -> the person's name: the archive joins short forms to full names."""
    names = {name: name for name in Person.objects.values_list("name", flat=True)}
    names.update(Alias.objects.values_list("name", "person__name"))
    return names


def gold_positions(gold, canonical):
    """{(name, title)}, {(name, label)}, attestation counts per name, {(name, label): [dates]}."""
    titles, labels, counts, dates = set(), set(), Counter(), defaultdict(list)
    for article in gold:
        for name, title, date, former in article.positions:
            name = canonical.get(name, name)
            titles.add((name, title.title))
            counts[name] += 1
            if title.organization:
                labels.add((name, title.label))
            if not former:
                dates[(name, title.label)].append(date)
    return titles, labels, counts, dates


def extracted_positions(external_ids):
    """What the archive holds from these articles: {(name, title)}, {(name, label): position}."""
    titles, labels = set(), {}
    positions = Position.objects.filter(evidence__article__external_id__in=external_ids).select_related(
        "person", "organization").distinct()
    for p in positions:
        org = p.organization.name if p.organization_id else ""
        titles.add((p.person.name, p.title if org else _title_only(p.title)))
        labels[(p.person.name, label(org, p.title))] = p
    return titles, labels


def ratio(part, whole):
    return part / whole if whole else float("nan")


def positions_report(gold, misses, canonical):
    gold_titles, gold_labels, counts, gold_dates = gold_positions(gold, canonical)
    titles, labels = extracted_positions([a.external_id for a in gold])
    top = {name for name, _ in counts.most_common(40)}
    top_pairs = {pair for pair in gold_titles if pair[0] in top}
    rest_pairs = gold_titles - top_pairs
    top_labels = {pair for pair in gold_labels if pair[0] in top}
    print(f"positions: {len(gold_titles)} judged (person, title) pairs of {len(counts)} people; {len(titles)} extracted")
    print(f"  recall, 40 most-attested people: {ratio(len(top_pairs & titles), len(top_pairs)):.3f} "
          f"({len(top_pairs & titles)}/{len(top_pairs)}); with the organization right: "
          f"{ratio(len(top_labels & set(labels)), len(top_labels)):.3f} ({len(top_labels & set(labels))}/{len(top_labels)})")
    print(f"  recall, the rest: {ratio(len(rest_pairs & titles), len(rest_pairs)):.3f} ({len(rest_pairs & titles)}/{len(rest_pairs)})")
    print(f"  precision: {ratio(len(titles & gold_titles), len(titles)):.3f} ({len(titles & gold_titles)}/{len(titles)})")
    dated = right = 0
    wrong_dates = []
    for key, dates in gold_dates.items():
        position = labels.get(key)
        if position is None:
            continue
        dated += 1
        first, last = min(dates), max(dates)
        ok = (position.first_attested and abs(position.first_attested - first) <= timedelta(days=1)
              and position.last_attested and abs(position.last_attested - last) <= timedelta(days=1))
        right += bool(ok)
        if not ok:
            wrong_dates.append((key, (first, last), (position.first_attested, position.last_attested)))
    print(f"  first and last attested within a day: {ratio(right, dated):.3f} ({right}/{dated})")
    if misses:
        print("  missed:", sorted(gold_titles - titles)[:misses])
        print("  not judged:", sorted(titles - gold_titles)[:misses])
        print("  dates off:", wrong_dates[:misses])


def events_report(gold, misses, canonical):
    extracted = defaultdict(list)  # external id -> [(event id, kind, hosts, guests)]
    roles = defaultdict(lambda: defaultdict(set))
    for event_id, role, name in Participation.objects.filter(
        event__kind__in=["meeting", "talks"], role__in=["host", "guest"]
    ).values_list("event", "role", "person__name"):
        roles[event_id][role].add(name)
    for event_id, kind, external_id in Event.articles.through.objects.filter(
        event__kind__in=["meeting", "talks"]
    ).values_list("event", "event__kind", "article__external_id"):
        extracted[external_id].append((event_id, kind, roles[event_id]["host"], roles[event_id]["guest"]))
    judged = matched = 0
    matched_extracted, groups, missed = set(), defaultdict(set), []
    for article in gold:
        for kind, date, hosts, guests in article.events:
            hosts = frozenset(canonical.get(n, n) for n in hosts)
            guests = frozenset(canonical.get(n, n) for n in guests)
            judged += 1
            hits = [e for e in extracted.get(article.external_id, ())
                    if e[1] == kind and (e[2] | e[3]) & hosts and (e[2] | e[3]) & guests]
            if hits:
                matched += 1
                matched_extracted.update((article.external_id, h[0]) for h in hits)
                groups[(kind, date, hosts | guests)].update(h[0] for h in hits)
            else:
                missed.append((article.external_id, kind, date, sorted(hosts), sorted(guests)))
    total = sum(len(v) for v in extracted.values())
    split = sum(1 for ids in groups.values() if len(ids) > 1)
    print(f"meetings and talks: {judged} judged reports, {total} extracted reports")
    print(f"  recall: {ratio(matched, judged):.3f}; precision: {ratio(len(matched_extracted), total):.3f}; "
          f"split in two: {ratio(split, len(groups)):.3f} ({split}/{len(groups)} events)")
    if misses:
        print("  missed:", missed[:misses])
        print("  split:", [(key, ids) for key, ids in groups.items() if len(ids) > 1][:misses])
        spurious = [(a, e) for a, events in extracted.items() for e in events if (a, e[0]) not in matched_extracted]
        print("  not judged:", spurious[:misses])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--misses", type=int, default=0, help="print this many misses of each kind")
    args = parser.parse_args()
    with args.corpus.open(encoding="utf-8") as f:
        gold = judge(f, gazetteer())
    canonical = canonical_names()
    positions_report(gold, args.misses, canonical)
    events_report(gold, args.misses, canonical)


if __name__ == "__main__":
    main()
