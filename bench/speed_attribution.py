"""Cost of attribution extraction against spaCy's own parse, per 1,000 words (PolNeAR dev texts).

Times, on one process: the bare spaCy pipeline (nlp.pipe), then on the parsed docs the
rule-based extractor alone and the full tagger path (rules + features + CRF + linking).
Throughput of the whole pipeline relative to bare spaCy is parse / (parse + tagger).

Usage: PYTHONPATH=src python bench/speed_attribution.py [--limit 60]
"""

from __future__ import annotations

import argparse
import time

from common import shared_path  # noqa: F401  (puts src on sys.path)
from polnear import load_nlp, load_split

from firsthand.claims.attribution import find_attributions, rule_attributions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=60, help="number of distinct dev texts")
    args = parser.parse_args()
    texts = sorted({a.text for a in load_split("dev")})[: args.limit]
    nlp = load_nlp()
    find_attributions(nlp("Warm-up: the model said so."))  # loads the tagger once
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0
    words = sum(1 for doc in docs for t in doc if not t.is_punct and not t.is_space)
    timings = {}
    for name, extract in (("rules only", rule_attributions), ("tagger (rules + CRF)", find_attributions)):
        t0 = time.perf_counter()
        for doc in docs:
            extract(doc)
        timings[name] = time.perf_counter() - t0
    per_k = 1000 / words
    print(f"{len(docs)} texts, {words} words")
    print(f"spaCy parse          {parse * per_k * 1000:7.1f} ms / 1,000 words")
    for name, secs in timings.items():
        share = parse / (parse + secs)
        print(f"{name:20s} {secs * per_k * 1000:7.1f} ms / 1,000 words; pipeline at {share:.0%} of bare spaCy")


if __name__ == "__main__":
    main()
