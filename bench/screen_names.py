"""Name matching against the UN list: recall of the UN persons as OpenSanctions exports them
(positives_un_untreated.csv, each → its entry in the UN XML) and the false-positive rate on 1,000
names of people on no list (negatives_us_1000.csv), for each scorer compared.

    python -m bench.screen_names [--scorer ftm-compare] [--scorer logic-v2]

A positive is recalled when its own entry is a hit; a hit on any other entry is a false one. Names
only, no dates: a report gives a name, seldom a birth date."""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from followthemoney.proxy import EntityProxy

from firsthand.model.screening import HIT, Screened
from firsthand.screen.lists import read_list
from firsthand.screen.match import ListIndex, Scorer, name_similarity, name_tokens, screen_one

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "sanctions"
UN = DATA / "un" / "UN_consolidated_2025-04-19.xml"
POSITIVES = DATA / "opensanctions" / "positives_un_untreated.csv"
NEGATIVES = DATA / "opensanctions" / "negatives_us_1000.csv"


def logic_v2(query: EntityProxy, entry: EntityProxy) -> float:
    """nomenklatura's logic-v2 matcher, the alternative measured (not a dependency of firsthand:
    `pip install nomenklatura` to run it; it brings duckdb and scikit-learn, some 130 MB)."""
    from nomenklatura.matching import get_algorithm
    from nomenklatura.matching.types import ScoringConfig

    algorithm = get_algorithm("logic-v2")
    assert algorithm is not None
    return float(algorithm.compare(query, entry, ScoringConfig.defaults()).score)


SCORERS: dict[str, Scorer] = {"logic-v2": logic_v2, "ftm-compare": name_similarity}


def _key(name: str) -> tuple[str, ...]:
    return tuple(sorted(name_tokens(name)))


def run(scorer: Scorer) -> dict[str, float]:
    version, entries = read_list(UN)
    index = ListIndex(version.id, entries)
    by_name: dict[tuple[str, ...], set[str]] = {}
    for e in entries:
        if e.kind == "person":
            for n in e.names:
                by_name.setdefault(_key(n), set()).add(e.entry_id)
    with POSITIVES.open(encoding="utf-8") as f:
        positives = list(csv.DictReader(f))
    with NEGATIVES.open(encoding="utf-8") as f:
        negatives = list(csv.DictReader(f))
    start = time.perf_counter()
    recalled = true_hits = false_hits = unresolved = 0
    for i, row in enumerate(positives):
        truth = by_name.get(_key(row["full_name"]), set())
        unresolved += not truth
        hits = {m.entry_id for m in screen_one(Screened(f"p{i}", "person", row["full_name"]), index, scorer) if m.level == HIT}
        recalled += bool(hits & truth)
        true_hits += len(hits & truth)
        false_hits += len(hits - truth)
    flagged = 0
    for i, row in enumerate(negatives):
        flags = [m for m in screen_one(Screened(f"n{i}", "person", row["full_name"]), index, scorer) if m.level == HIT]
        flagged += bool(flags)
        false_hits += len(flags)
    seconds = time.perf_counter() - start
    return {"positives": len(positives), "unresolved": unresolved, "recall": recalled / len(positives),
            "negatives": len(negatives), "false_positive_rate": flagged / len(negatives),
            "precision": true_hits / max(1, true_hits + false_hits), "seconds": round(seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scorer", choices=sorted(SCORERS), action="append")
    for name in parser.parse_args().scorer or ["ftm-compare"]:
        print(name, {k: round(v, 4) if isinstance(v, float) else v for k, v in run(SCORERS[name]).items()})


if __name__ == "__main__":
    main()
