"""Throughput of the spaCy pipeline with and without fh_times, on the TempEval-3 news texts.

Each Doc carries its publication date, as the Reader sets it, so fh_times does its full work
(including reading the parse for the tense of bare weekdays and months).

    PYTHONPATH=src python bench/bench_times_speed.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime

import spacy
from common import shared_path
from eval_tempeval import load, split_files

import firsthand.read.times  # noqa: F401  (registers fh_times)
from firsthand.read.nlp import load_model


def words_per_second(nlp: spacy.Language, reports: list[tuple[str, datetime]]) -> float:
    docs = []
    for text, published in reports:
        doc = nlp.make_doc(text)
        doc._.published, doc._.published_precision = published, "day"
        docs.append(doc)
    t0 = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(docs, batch_size=32))
    return words / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    reports = [load(f)[:2] for f in split_files(shared_path("tempeval3"), "all")]
    nlp = load_model()
    nlp.add_pipe("fh_times", last=True)
    bare = with_times = 0.0
    # Alternate the two runs so that load from other jobs on the machine hits both alike.
    for _ in range(args.repeat):
        with nlp.select_pipes(disable=["fh_times"]):
            bare = max(bare, words_per_second(nlp, reports))
        with_times = max(with_times, words_per_second(nlp, reports))
    print(f"{len(reports)} docs; bare spaCy {bare:,.0f} words/s; with fh_times {with_times:,.0f} words/s "
          f"({with_times / bare:.1%} of bare)")


if __name__ == "__main__":
    main()
