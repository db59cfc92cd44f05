"""Print a document that cites the seed reports by position, with the cited words filled in.

The seed reports are third-party text: the repository keeps where a sentence is, not the sentence,
and this reads it from ../shared/data/seeds at run time. A citation is written
`⟦seed R:START-END⟧` (report R of seeds.jsonl, counted from 0, characters START to END of its text)
and printed as “the words”.

    python -m bench.seed_quotes docs/audits/checkworthiness/seeds.md
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from bench.common import shared_path

CITATION = re.compile(r"⟦seed (\d+):(\d+)-(\d+)⟧")


def seed_texts() -> list[str]:
    with shared_path("seeds", "seeds.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def filled(document: str, texts: list[str]) -> str:
    return CITATION.sub(lambda m: f"“{texts[int(m[1])][int(m[2]):int(m[3])]}”", document)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", type=Path)
    args = parser.parse_args()
    print(filled(args.document.read_text(encoding="utf-8"), seed_texts()), end="")


if __name__ == "__main__":
    main()
