"""Our MinHash LSH (link/blocking.py: MinHasher, lsh_groups) against datasketch's on the same
shingle sets, as a ratio measured in one run. datasketch is not a dependency of firsthand: this
is the measurement behind dropping it (`pip install datasketch` to run it).

    PYTHONPATH=src python -m bench.bench_minhash [--reports 2000] [--repeat 3]

Both arms get the word 3-shingles of the same Reuters-21578 stories and 64 permutations, and
end with the LSH buckets at threshold 0.5: ours as bucket arrays, datasketch's as an index
queried once per report (its way to candidate pairs).
"""

from __future__ import annotations

import argparse
import time

from bench.corpus import reuters_reports
from firsthand.link.blocking import MinHasher, lsh_groups, shingles, words

NUM_PERM = 64
THRESHOLD = 0.5


def ours(sets: list[set[str]]) -> int:
    groups, _ = lsh_groups(MinHasher(NUM_PERM).signatures(sets), THRESHOLD)
    return len(groups)


def theirs(sets: list[set[str]]) -> int:
    from datasketch import MinHash, MinHashLSH

    hashes = MinHash.bulk([[s.encode("utf-8") for s in shingle_set] for shingle_set in sets], num_perm=NUM_PERM)
    index = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for i, minhash in enumerate(hashes):
        index.insert(i, minhash)
    return sum(len(index.query(minhash)) for minhash in hashes)


def best(arm, sets: list[set[str]], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        arm(sets)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sets = [shingles(words(report.text)) for report in reuters_reports(args.reports)]
    mine, datasketch = best(ours, sets, args.repeat), best(theirs, sets, args.repeat)
    print(f"{args.reports} reports, {sum(map(len, sets)):,} shingles, best of {args.repeat}")
    print(f"firsthand MinHasher + lsh_groups: {mine:.3f} s")
    print(f"datasketch MinHash.bulk + MinHashLSH: {datasketch:.3f} s")
    print(f"datasketch / firsthand: {datasketch / mine:.1f}x")


if __name__ == "__main__":
    main()
