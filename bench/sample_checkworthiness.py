"""Sample the check-worthiness decisions on real news for a hand audit.

Reads the first N Reuters-21578 stories with the Reader and draws, with a fixed seed, sentences
of those stories with their check-worthiness score and the number of claims made of them (0: the
sentence stays a sentence of the reading only). Writes a Markdown table with empty "right?" and
"why" columns to judge by hand (docs/audits/checkworthiness/).

Usage:
    python -m bench.sample_checkworthiness [--stories 30] [--sample 40] [--seed 0] > sample.md
"""

from __future__ import annotations

import argparse
import random

from bench.corpus import reuters_reports
from firsthand.claims.checkworthy import model
from firsthand.pipeline.reader import Reader


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=30)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    reports = reuters_reports(args.stories)
    reader = Reader()
    rows = []
    for report in reports:
        doc = reader.nlp(reader.make_doc(report))
        claims = [(c.sentence_start, c.sentence_end) for c in doc._.claims]
        for sent in doc.sents:
            text = " ".join(sent.text.split())
            if text:
                rows.append((report.id, text, sent._.checkworthy, claims.count((sent.start_char, sent.end_char))))
    sample = sorted(random.Random(args.seed).sample(range(len(rows)), min(args.sample, len(rows))))
    print(f"{len(rows)} sentences in {len(reports)} stories; {args.sample} drawn with seed {args.seed}; "
          f"threshold {model().threshold:.2f}\n")
    print("| # | report | sentence | score | claims | right? | why |")
    print("|---|---|---|---|---|---|---|")
    for n, i in enumerate(sample, 1):
        report_id, text, score, claims = rows[i]
        cell = text.replace("|", "\\|")
        print(f"| {n} | {report_id} | {cell} | {score:.2f} | {claims} | | |")


if __name__ == "__main__":
    main()
