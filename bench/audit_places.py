"""The places audit: a seeded sample of the place mentions a build plots on its map, for an analyst
to judge against the sentence, followed into a second build of the same corpus.

    python -m bench.audit_places sample --db out/audit/reuters.sqlite --out docs/audits/dev-places/reuters-before.jsonl --seed 7
    python -m bench.audit_places sample --db out/audit/reuters.sqlite --out docs/audits/dev-places/reuters-fresh-before.jsonl --seed 11 -n 30 --exclude docs/audits/dev-places/reuters-before.jsonl
    python -m bench.audit_places follow --db out/audit2/reuters.sqlite --items docs/audits/dev-places/reuters-before.jsonl --out docs/audits/dev-places/reuters-after.jsonl
    python -m bench.audit_places score docs/audits/dev-places/*.jsonl

`sample` draws, with the seed, N of the place mentions that have a point (what the map plots), with
where they were put and the text around them; `verdict` (right | wrong | not-a-point | lost) and
`reason` are for the judge: right = the point (or, for a listed name, not plotting it) is right;
wrong = the point is elsewhere; not-a-point = plotted but no point stands for it (a continent, a
state, a non-place); lost = now listed though the point was right. `follow` finds the same mentions
(report and offsets) in another build; a mention resolved as before keeps its verdict, a changed one
is left for the judge. `score` prints the counts and the share of plotted mentions placed right.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from firsthand.model.mention import Mention
from firsthand.store import Store

VERDICTS = ("right", "wrong", "not-a-point", "lost")


def _resolved(mention: Mention | None) -> dict:
    if mention is None:
        return {"kind": None, "plotted": False}
    place = mention.place
    where = {"name": place.name, "country": place.country, "precision": place.precision, "feature": place.feature,
             "lat": place.lat, "lon": place.lon} if place else None
    return {"kind": mention.kind, "id": mention.id, "name": mention.name, "country": mention.country,
            "plotted": place is not None, "place": where}


def _mentions(store: Store) -> dict[tuple[str, int], tuple[Mention, str, str | None]]:
    """Every place-like mention (a place kind, or one with a point) by (report, start)."""
    reports = {r.id: r for r in store.reports()}
    ids = sorted(reports)
    found = {}
    for i in range(0, len(ids), 200):
        for report_id, reading in store.readings_of(ids[i:i + 200]).items():
            report = reports[report_id]
            for m in reading.mentions:
                if m.kind == "place" or m.place is not None:
                    found[(report_id, m.start)] = (m, report.text, report.dateline)
    return found


def _item(key: tuple[str, int], mention: Mention, text: str, dateline: str | None) -> dict:
    return {
        "report_id": key[0], "start": mention.start, "end": mention.end, "text": mention.text,
        "dateline": dateline, "context": " ".join(text[max(0, mention.start - 200):mention.end + 120].split()),
        "resolved": _resolved(mention), "verdict": "", "reason": "",
    }


def sample(db: str, out: Path, seed: int, n: int, exclude: Sequence[Path] = ()) -> None:
    """N plotted place mentions drawn with the seed, leaving out those of earlier samples."""
    found = _mentions(Store(db))
    seen = {(i["report_id"], i["start"]) for path in exclude for i in _read(path)}
    plotted = sorted(k for k, (m, _, _) in found.items() if m.place is not None and k not in seen)
    chosen = sorted(random.Random(seed).sample(plotted, min(n, len(plotted))))
    _write(out, [_item(k, *found[k]) for k in chosen])
    print(f"{len(chosen)} of {len(plotted)} plotted place mentions ({len(found)} place mentions) → {out}")


def follow(db: str, items: Path, out: Path) -> None:
    found = _mentions(Store(db))
    followed = []
    for item in _read(items):
        key = (item["report_id"], item["start"])
        mention = found.get(key)
        now = _resolved(mention[0] if mention else None)
        same = now == item["resolved"]
        followed.append({**item, "before": item["resolved"], "resolved": now,
                         "verdict": item["verdict"] if same else "", "reason": item["reason"] if same else ""})
    _write(out, followed)
    changed = sum(f["before"] != f["resolved"] for f in followed)
    print(f"{len(followed)} mentions followed, {changed} resolved differently → {out}")


def score(paths: list[Path]) -> None:
    for path in paths:
        items = _read(path)
        verdicts = Counter(i["verdict"] or "unjudged" for i in items)
        plotted = [i for i in items if i["resolved"]["plotted"]]
        right = sum(i["verdict"] == "right" for i in plotted)
        share = f"{right}/{len(plotted)} = {right / len(plotted):.0%}" if plotted else "none plotted"
        print(f"{path.name}: {len(items)} mentions, {dict(verdicts)}; plotted and right: {share}")


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write(path: Path, items: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = ap.add_subparsers(dest="command", required=True)
    s = commands.add_parser("sample", help="draw plotted place mentions from a build")
    s.add_argument("--db", required=True)
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("-n", type=int, default=50)
    s.add_argument("--exclude", type=Path, nargs="*", default=[], help="samples whose mentions to leave out")
    f = commands.add_parser("follow", help="the same mentions in another build")
    f.add_argument("--db", required=True)
    f.add_argument("--items", type=Path, required=True)
    f.add_argument("--out", type=Path, required=True)
    c = commands.add_parser("score", help="counts of judged samples")
    c.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args(argv)
    if args.command == "sample":
        sample(args.db, args.out, args.seed, args.n, args.exclude)
    elif args.command == "follow":
        follow(args.db, args.items, args.out)
    else:
        score(args.files)


if __name__ == "__main__":
    main()
