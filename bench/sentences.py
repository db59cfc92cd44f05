"""Sentence segmentation on hard-wrapped newswire: sentences per story, and how many end on a word
that cannot end one (a determiner, preposition, possessive, conjunction, "said") or start with a
lowercase word — each such sentence is a split that cut a sentence in two.

    python -m bench.sentences [--limit 100]
"""

from __future__ import annotations

import argparse

from bench.corpus import reuters_reports
from firsthand.pipeline.reader import COMPONENTS, Reader
from firsthand.read.paragraphs import NEEDS_MORE, REPORTING


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="the first N distinct Reuters stories")
    args = parser.parse_args()
    reports = reuters_reports(args.limit)
    reader = Reader()
    sentences = cut_end = cut_start = 0
    ours = [name for name in COMPONENTS if name != "fh_paragraphs"]  # only the parse and where sentences start
    for doc in reader.nlp.pipe((reader.make_doc(r) for r in reports), disable=ours):
        for sent in doc.sents:
            words = [t for t in sent if not t.is_space]
            if not words:
                continue
            sentences += 1
            last = words[-1]
            cut_end += last.tag_ in NEEDS_MORE or last.lower_ in REPORTING
            cut_start += words[0].text[:1].islower()
    print(f"stories {len(reports)}  sentences {sentences}  per story {sentences / len(reports):.2f}  "
          f"ending on a word that needs more {cut_end}  starting lowercase {cut_start}")


if __name__ == "__main__":
    main()
