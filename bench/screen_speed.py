"""Speed of screening a store's entities against the full OFAC SDN list, and how it scales: in the
entities (all against half), in the list (all entries against every tenth), and against the baseline
of scoring every entity against every entry (timed on a sample, in the same run).

    PYTHONPATH=src python -m bench.screen_speed --db STORE [--list ../shared/data/sanctions/ofac/sdn_2024-05-03.csv]

The store is opened for writing (migrated if older, the screening stored): give it a copy."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from bench.common import shared_path
from firsthand.model.screening import HIT, Screened
from firsthand.pipeline.screening import load_lists, screen_store
from firsthand.screen.lists import read_list
from firsthand.screen.match import COMPATIBLE, ListIndex, name_similarity, proxy, screen
from firsthand.store import Access, Store, screening as stored

SAMPLE = 20  # entities scored against every entry for the all-pairs baseline


T = TypeVar("T")


def cpu(work: Callable[[], T]) -> tuple[float, T]:
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def all_pairs(entities: list[Screened], index: ListIndex) -> int:
    """The baseline: every entity's names scored against every entry of a compatible kind."""
    scored = 0
    for entity in entities:
        query = proxy(entity.kind, entity.entity_id, entity.all_names)
        for i, entry in enumerate(index.entries):
            if entry.kind in COMPATIBLE.get(entity.kind, set()):
                name_similarity(query, index.entry_proxy(i))
                scored += 1
    return scored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--list", type=Path)
    args = parser.parse_args()
    path = args.list or shared_path("sanctions", "ofac", "sdn_2024-05-03.csv")
    with Store(args.db, Access.CREATE) as store:
        reports = store.count_reports()
        seconds, entities = cpu(lambda: stored.entities(store))
        print(f"store: {reports} reports; {len(entities)} entities to screen, read in {seconds:.2f} s CPU")
        seconds, (version, entries) = cpu(lambda: read_list(path))
        print(f"list: {version.series} {version.date}, {len(entries)} entries, parsed in {seconds:.2f} s CPU")
        seconds, index = cpu(lambda: ListIndex(version.id, entries))
        print(f"index: {len(index.postings)} name keys, built in {seconds:.2f} s CPU")
        full, found = cpu(lambda: screen(entities, index))
        hits = sum(m.level == HIT for m in found)
        print(f"screened {len(entities)} entities: {full:.2f} s CPU ({1000 * full / max(1, len(entities)):.2f} ms an entity); "
              f"{hits} hits, {len(found) - hits} candidates")
        half, _ = cpu(lambda: screen(entities[::2], index))
        print(f"entities ×{len(entities) / max(1, len(entities[::2])):.2f}: time ×{full / half:.2f}")
        tenth = ListIndex(version.id, entries[::10])
        small, _ = cpu(lambda: screen(entities, tenth))
        print(f"list ×{len(entries) / len(entries[::10]):.1f} ({len(entries[::10])} → {len(entries)} entries): time ×{full / small:.2f}")
        sample = entities[:: max(1, len(entities) // SAMPLE)][:SAMPLE]
        pairs_time, pairs = cpu(lambda: all_pairs(sample, index))
        projected = pairs_time / len(sample) * len(entities)
        print(f"all pairs baseline: {pairs} pairs for {len(sample)} entities in {pairs_time:.2f} s CPU; "
              f"projected {projected:.0f} s CPU for {len(entities)} entities, ×{projected / full:.0f} the indexed screening")
        wall = time.perf_counter()
        seconds, _ = cpu(lambda: (load_lists(store, [path]), screen_store(store)))
        print(f"firsthand screen --list (parse, store, screen, store results): {seconds:.2f} s CPU, "
              f"{time.perf_counter() - wall:.2f} s wall")


if __name__ == "__main__":
    main()
