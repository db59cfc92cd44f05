"""Throughput of the quantity component against bare spaCy, on Reuters-21578 bodies.

Usage: PYTHONPATH=src python bench/bench_quantities.py [--docs 600]
"""

from __future__ import annotations

import argparse
import html
import re
import time

from common import shared_path

import firsthand.read.quantities  # noqa: F401  (registers fh_quantities)
from eval_quantities import load_english
from firsthand.read.quantities import scan_quantities

BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


def bodies(limit: int) -> list[str]:
    out: list[str] = []
    for path in sorted(shared_path("reuters21578").glob("*.sgm")):
        text = path.read_text(encoding="latin-1")
        out += [html.unescape(b) for b in BODY.findall(text)]
        if len(out) >= limit:
            break
    return out[:limit]


def rate(nlp, texts: list[str]) -> float:
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return words / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=600)
    texts = bodies(ap.parse_args().docs)
    bare = load_english()
    withq = load_english()
    withq.add_pipe("fh_quantities")
    rate(bare, texts[:50])  # warm up
    bare_rate, q_rate = rate(bare, texts), rate(withq, texts)
    start = time.perf_counter()
    found = sum(len(scan_quantities(t)) for t in texts)
    scan_s = time.perf_counter() - start
    chars = sum(map(len, texts))
    print(f"{len(texts)} Reuters bodies, {chars} chars, {found} quantities")
    print(f"bare spaCy:            {bare_rate:,.0f} words/s")
    print(f"spaCy + fh_quantities: {q_rate:,.0f} words/s  ({100 * q_rate / bare_rate:.1f}% of bare)")
    print(f"scan_quantities alone: {chars / scan_s / 1e6:.2f} M chars/s")


if __name__ == "__main__":
    main()
