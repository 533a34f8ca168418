"""How well positions and meetings are extracted, against judgments built from the corpus's tags.

    .venv/bin/python bench/import_corpus.py --keep /tmp/pd1998          # the import extracts
    PORTAL_DATA_DIR=/tmp/pd1998 .venv/bin/python bench/extraction_quality.py [--misses 20]

Reads what the import stored (positions with their evidence, events with their roles) and
compares it with bench/judgments.py: position (person, title) recall for the 40 most-attested
people and the rest, recall with the organization right, precision, first and last attested
dates within a day; meetings and talks recall, precision and events split in two.
tests/test_extraction_quality.py runs the same on a corpus excerpt.
"""
import argparse
import os
import sys
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "pd199801" / "199801.txt"


def ratio(part, whole):
    return part / whole if whole else float("nan")


def canonical_names():
    """Name or alias as written -> the person's name: the archive joins short forms to full names."""
    from archive.models import Alias, Person

    names = {name: name for name in Person.objects.values_list("name", flat=True)}
    names.update(Alias.objects.values_list("name", "person__name"))
    return names


def _title_only(title):
    """A post stored without its body keeps the body's generic name in front: 省委书记, 区政协副主席."""
    from chinese.extraction.vocabulary import PARTY_COMMITTEES, PLACE_BODIES

    hints = sorted({level + body for body in PARTY_COMMITTEES + PLACE_BODIES for level in ("", *"省市区县州镇乡")},
                   key=len, reverse=True)
    return next((title[len(h):] for h in hints if title.startswith(h) and len(title) > len(h)), title)


def position_scores(gold, canonical):
    """Recall, precision and dates of the positions the archive holds, against ``gold``."""
    from archive.models import Position
    from chinese.extraction.titles import label

    gold_titles, gold_labels, counts, gold_dates = set(), set(), Counter(), defaultdict(list)
    for article in gold:
        for name, title, date, former in article.positions:
            name = canonical.get(name, name)
            gold_titles.add((name, title.title))
            counts[name] += 1
            if title.organization:
                gold_labels.add((name, title.label))
            if not former:
                gold_dates[(name, title.label)].append(date)
    titles, labels = set(), {}
    for p in Position.objects.filter(evidence__article__external_id__in=[a.external_id for a in gold]).select_related(
        "person", "organization").distinct():
        org = p.organization.name if p.organization_id else ""
        titles.add((p.person.name, p.title if org else _title_only(p.title)))
        labels[(p.person.name, label(org, p.title))] = p
    top = {name for name, _ in counts.most_common(40)}
    top_pairs = {pair for pair in gold_titles if pair[0] in top}
    rest_pairs = gold_titles - top_pairs
    top_labels = {pair for pair in gold_labels if pair[0] in top}
    dated, right, wrong_dates = 0, 0, []
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
    return {
        "judged": len(gold_titles), "people": len(counts), "extracted": len(titles),
        "recall_top": ratio(len(top_pairs & titles), len(top_pairs)),
        "recall_top_with_organization": ratio(len(top_labels & set(labels)), len(top_labels)),
        "recall_rest": ratio(len(rest_pairs & titles), len(rest_pairs)),
        "precision": ratio(len(titles & gold_titles), len(titles)),
        "dates_within_a_day": ratio(right, dated),
        "missed": sorted(gold_titles - titles), "not_judged": sorted(titles - gold_titles), "dates_off": wrong_dates,
    }


def event_scores(gold, canonical):
    """Recall, precision and splits of the meetings and talks the archive holds, against ``gold``."""
    from archive.models import Event, Participation

    extracted, roles = defaultdict(list), defaultdict(lambda: defaultdict(set))
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
    split = [(key, ids) for key, ids in groups.items() if len(ids) > 1]
    return {
        "judged": judged, "extracted": total,
        "recall": ratio(matched, judged), "precision": ratio(len(matched_extracted), total),
        "split": ratio(len(split), len(groups)), "events": len(groups),
        "missed": missed, "splits": split,
        "not_judged": [(a, e) for a, events in extracted.items() for e in events if (a, e[0]) not in matched_extracted],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--misses", type=int, default=0, help="print this many misses of each kind")
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from archive.extraction.gazetteer import gazetteer
    from judgments import judge

    with args.corpus.open(encoding="utf-8") as f:
        gold = judge(f, gazetteer())
    canonical = canonical_names()
    p = position_scores(gold, canonical)
    print(f"positions: {p['judged']} judged (person, title) pairs of {p['people']} people; {p['extracted']} extracted")
    print(f"  recall, 40 most-attested people: {p['recall_top']:.3f}; with the organization right: "
          f"{p['recall_top_with_organization']:.3f}")
    print(f"  recall, the rest: {p['recall_rest']:.3f}")
    print(f"  precision: {p['precision']:.3f}")
    print(f"  first and last attested within a day: {p['dates_within_a_day']:.3f}")
    e = event_scores(gold, canonical)
    print(f"meetings and talks: {e['judged']} judged reports, {e['extracted']} extracted reports")
    print(f"  recall: {e['recall']:.3f}; precision: {e['precision']:.3f}; split in two: {e['split']:.3f} "
          f"({len(e['splits'])}/{e['events']} events)")
    if args.misses:
        n = args.misses
        print("positions missed:", p["missed"][:n], "\nnot judged:", p["not_judged"][:n], "\ndates off:", p["dates_off"][:n])
        print("meetings missed:", e["missed"][:n], "\nsplit:", e["splits"][:n], "\nnot judged:", e["not_judged"][:n])


if __name__ == "__main__":
    main()
