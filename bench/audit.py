"""The precision audit: a seeded random sample of what firsthand states, for an analyst to judge
against the sentences it cites, and the precision of the judged sample.

    python -m bench.audit build [--work out/audit] [--corpus reuters polnear]
    python -m bench.audit sample --db out/audit/reuters.sqlite --corpus reuters --name 2026-11-29-before --seed 2026
    python -m bench.audit score docs/audits/2026-11-29-before/*.jsonl [--markdown]

`build` makes two stores with the `firsthand build` command: the 925 Reuters-21578 stories of
reut2-000.sgm, and PolNeAR's 924 articles (dev + train; longer US political news of 2015-16),
written as JSONL with what the corpus gives: the title (the text's first line), the publisher
and the publication date (both from the file name; the corpus states no time of day).

`sample` draws, with the seed, claims (as `firsthand claims` lists them, with the grade of the
best-graded group they belong to), events (every coded event, described as the dossier describes
it) and key judgements (every story's, as the dossier shows them, pooled), and writes one JSONL
per kind to docs/audits/NAME/CORPUS-KIND.jsonl: each item as firsthand states it, the sentences it
cites with the sentence before and after, and empty `verdict` (correct | partly | wrong),
`category` and `reason` fields for the judge. A file that already holds a verdict is not
overwritten.

`score` prints, per corpus and kind, the counts, the precision (correct share; and correct plus
half of partly) with 95% Wilson intervals, and the failure categories.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bench.common import ROOT, shared_path
from firsthand.grade.story_grades import describe
from firsthand.model.assessment import Assessment
from firsthand.model.claim import Claim
from firsthand.model.event import Event, Participant
from firsthand.model.reading import Reading, Sentence
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.present.dossier import Dossier, ReportView, gather
from firsthand.store import Access, Store

KINDS = {"claims": 100, "events": 100, "judgements": 50}
VERDICTS = ("correct", "partly", "wrong")
# PolNeAR's publisher codes (its README) as the outlets are named.
PUBLISHERS = {
    "breitbart": "Breitbart", "huff-post": "Huffington Post", "nyt": "New York Times", "politico": "Politico",
    "usa-today": "USA Today", "wash-post": "Washington Post", "west-journal": "Western Journalism",
}
Z95 = 1.959964


# --- build -----------------------------------------------------------------------------------

def polnear_records(root: Path) -> Iterator[dict]:
    """Every PolNeAR article (dev, then train, by file name): the first line is its headline, the
    file name `publisher_YYYY-MM-DD_slug.txt` gives the outlet and the publication date."""
    for split in ("dev", "train"):
        for path in sorted((root / split / "text").glob("*.txt")):
            publisher, published, _ = path.stem.split("_", 2)
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            yield {"text": body.strip(), "title": title.strip(), "outlet": PUBLISHERS[publisher], "published": published}


def _firsthand(*args: str) -> None:
    subprocess.run([str(Path(sys.executable).parent / "firsthand"), *args], check=True)


def build(work: Path, corpora: list[str]) -> None:
    work.mkdir(parents=True, exist_ok=True)
    if "reuters" in corpora:
        sgm = shared_path("reuters21578", "reut2-000.sgm")
        _firsthand("build", str(sgm), "--db", str(work / "reuters.sqlite"), "--out", str(work / "reuters"))
    if "polnear" in corpora:
        jsonl = work / "polnear.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for record in polnear_records(shared_path("polnear")):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        _firsthand("build", str(jsonl), "--db", str(work / "polnear.sqlite"), "--out", str(work / "polnear"))


# --- sample ----------------------------------------------------------------------------------

@dataclass
class Evidence:
    """Where the sentences an item cites sit: their report and the sentences around each."""

    views: dict[str, ReportView]

    def cited(self, spans: Iterable[tuple[str, int, int, Claim | None]]) -> list[dict]:
        """Per report (in order of first citation): outlet, date, title and each cited sentence
        once, with the sentences before and after it (and, for a judgement, the claim read there)."""
        out: dict[str, dict] = {}
        seen: set[tuple] = set()
        for report_id, start, end, claim in spans:
            view = self.views[report_id]
            report, sentences, text = view.report, view.known_reading.sentences, view.report.text
            at = next((i for i, s in enumerate(sentences) if s.start <= start < s.end), None)
            key = (report.id, start if at is None else at, claim.id if claim else None)
            if key in seen:
                continue
            seen.add(key)
            entry = out.setdefault(report.id, {"report_id": report.id, "outlet": view.outlet, "published": report.published_label,
                                               "title": report.title, "sentences": []})
            around = {"previous": _sentence(text, sentences, at - 1), "sentence": _sentence(text, sentences, at),
                      "next": _sentence(text, sentences, at + 1)} if at is not None else {
                      "previous": "", "sentence": _flat(text[start:end]), "next": ""}
            cited = {"claim": _flat(claim.text), "attribution": _chain(claim)} if claim else {}
            entry["sentences"].append({**cited, **around})
        return list(out.values())


def _flat(text: str) -> str:
    return " ".join(text.split())


def _sentence(text: str, sentences: list[Sentence], index: int) -> str:
    return _flat(text[sentences[index].start:sentences[index].end]) if 0 <= index < len(sentences) else ""


def _chain(claim: Claim) -> str:
    return " → ".join(f"{s.role}: {s.name} ({s.kind})" for s in claim.chain)


def _certainty(claim: Claim) -> dict:
    c = claim.certainty
    return {"level": c.level, "polarity": c.polarity, "modality": c.modality, "denial": c.denial,
            "opinion": c.opinion, "hedges": [h.text for h in c.hedges]}


def _origins(assessment: Assessment) -> list[str]:
    return [origin.describe() for origin in assessment.origins]


def claim_item(claim: Claim, graded: Assessment | None, evidence: Evidence) -> dict:
    return {
        "states": {
            "claim": _flat(claim.text), "attribution": _chain(claim), "cue": claim.cue, "direct_quote": claim.direct,
            "certainty": _certainty(claim), "qualifiers": claim.qualifiers,
            "grade": graded.code if graded else None,
            "grade_origins": _origins(graded) if graded else [],
        },
        "evidence": evidence.cited([(claim.report_id, claim.sentence_start, claim.sentence_end, None)]),
    }


def _participant(p: Participant) -> str:
    return f"{p.text} ({p.id}{', ' + p.sector if p.sector else ''})"


def event_item(event: Event, evidence: Evidence) -> dict:
    transfer = event.transfer
    return {
        "states": {
            "event": describe(event), "type": event.type, "mode": event.mode, "context": list(event.context),
            "actors": [_participant(p) for p in event.actors], "recipients": [_participant(p) for p in event.recipients],
            "status": event.status, "certainty": event.certainty, "trigger": event.trigger,
            "date": f"{event.date.value} ({event.date.precision}) from '{event.date.text}'" if event.date else None,
            "place": f"{event.place.place.name} ({event.place.precision}) from '{event.place.text}'" if event.place else None,
            "transfer": {"item": transfer.item, "quantity": transfer.quantity.text if transfer.quantity else None,
                         "status": transfer.status} if transfer else None,
            "reported_by": [_participant(p) for p in event.reported_by],
        },
        "evidence": evidence.cited((ref.report_id, ref.start, ref.end, None) for ref in event.spans if ref.report_id),
    }


def judgement_item(assessment: Assessment, claims: dict[str, Claim], evidence: Evidence) -> dict:
    cited = [claims[cid] for cid in assessment.claim_ids if cid in claims]
    return {
        "states": {
            "judgement": assessment.judgement, "subject": assessment.subject, "grade": assessment.code,
            "explanation": assessment.explanation, "origins": _origins(assessment),
            "reports": len(assessment.report_ids), "qualifiers": list(assessment.qualifiers),
            "disagreements": [f"{'conflict' if d.conflict else 'compatible'}: {d.text}" for d in assessment.disagreements],
        },
        "evidence": evidence.cited((c.report_id, c.sentence_start, c.sentence_end, c) for c in cited),
    }


@dataclass
class Population:
    """Every claim, event and key judgement of a dossier, in a fixed order, made into items on demand."""

    claims: list[Claim]
    events: list[Event]
    judgements: list[Assessment]
    graded: dict[str, Assessment]  # claim id -> the best-graded assessment it belongs to
    evidence: Evidence

    @classmethod
    def of(cls, dossier: Dossier) -> Population:
        views = {view.report.id: view for view in dossier.reports}
        graded: dict[str, Assessment] = {}
        for story in dossier.stories:
            graded.update((cid, a) for a in reversed(story.assessments) for cid in a.claim_ids)  # the best-graded wins
        claims = sorted((c for view in views.values() for c in view.known_reading.claims), key=lambda c: (c.report_id, c.start, c.id))
        events = sorted((e for view in views.values() for e in view.known_reading.events),
                        key=lambda e: (e.spans[0].report_id or "", e.spans[0].start, describe(e)) if e.spans else ("", 0, describe(e)))
        judgements = sorted((a for story in dossier.stories for a in story.key_judgements), key=lambda a: a.id)
        return cls(claims, events, judgements, graded, Evidence(views))

    def size(self, kind: str) -> int:
        return len(getattr(self, kind))

    def item(self, kind: str, index: int) -> dict:
        if kind == "claims":
            claim = self.claims[index]
            return claim_item(claim, self.graded.get(claim.id), self.evidence)
        if kind == "events":
            return event_item(self.events[index], self.evidence)
        return judgement_item(self.judgements[index], self.claims_by_id, self.evidence)

    @cached_property
    def claims_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}


def draw(size: int, population: int, seed: int) -> list[int]:
    """Indices of a seeded sample, in population order (all of them when there are fewer)."""
    return sorted(random.Random(seed).sample(range(population), min(size, population)))


def sample(db: str, corpus: str, name: str, seed: int, out_root: Path, sizes: dict[str, int] = KINDS) -> list[Path]:
    with Store(db) as store:
        population = Population.of(gather(store))
    folder = out_root / name
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, size in sizes.items():
        path = folder / f"{corpus}-{kind}.jsonl"
        if path.exists() and any(item.get("verdict") for item in read_items(path)):
            raise SystemExit(f"error: {path} holds verdicts; move it away to draw again")
        total = population.size(kind)
        with path.open("w", encoding="utf-8") as out:
            for number, index in enumerate(draw(size, total, seed), 1):
                item = {"id": f"{corpus}-{kind.rstrip('s')}-{number:03d}", "kind": kind.rstrip("s"), "corpus": corpus,
                        "population_index": index, "population": total, **population.item(kind, index),
                        "verdict": "", "category": "", "reason": ""}
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        written.append(path)
    return written


# --- score -----------------------------------------------------------------------------------

def read_items(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def reread_arguments(description: str, kind: str, show: str) -> argparse.Namespace:
    """The re-coding scripts' command line: an audit folder, `--store corpus=path`, `--show`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("audit", type=Path, help=f"an audit folder with <corpus>-{kind}.jsonl")
    parser.add_argument("--store", action="append", default=[], help="corpus=path of the store it sampled")
    parser.add_argument("--show", action="store_true", help=show)
    return parser.parse_args()


def reread(audit: Path, kind: str, stores: list[str]) -> Iterator[tuple[str, list[tuple[dict, str, Reading | None]]]]:
    """The judged items of one kind in an audit folder, by corpus, each with its report's text and
    a reading of it by the current Reader (None when the store, `corpus=path` opened read only,
    lacks the report). For the re-coding scripts."""
    reader = Reader()
    for corpus, db in (s.split("=", 1) for s in stores):
        items = read_items(audit / f"{corpus}-{kind}.jsonl")
        store = Store(db, access=Access.READ)
        reports: dict[str, Report] = {}
        for item in items:
            rid = item["evidence"][0]["report_id"]
            if rid not in reports and (report := store.report(rid)) is not None:
                reports[rid] = report
        readings = {reading.report_id: reading for reading in reader.read(reports.values())}
        yield corpus, [(item, reports[rid].text if (rid := item["evidence"][0]["report_id"]) in reports else "",
                        readings.get(rid)) for item in items]


def wilson(successes: float, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (successes may be fractional: half of 'partly')."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Score:
    corpus: str
    kind: str
    n: int
    correct: int
    partly: int
    wrong: int

    @property
    def precision(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def lenient(self) -> float:
        return (self.correct + self.partly / 2) / self.n if self.n else 0.0

    def interval(self, lenient: bool = False) -> tuple[float, float]:
        return wilson(self.correct + (self.partly / 2 if lenient else 0), self.n)


def score(items: Iterable[dict]) -> tuple[list[Score], dict[tuple[str, str], Counter]]:
    """Counts per (corpus, kind), and the categories of what was not correct."""
    verdicts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    categories: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for item in items:
        verdict = item.get("verdict")
        if verdict not in VERDICTS:
            raise ValueError(f"{item.get('id')}: verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
        key = (item["corpus"], item["kind"])
        verdicts[key][verdict] += 1
        if verdict != "correct":
            categories[key][item.get("category") or "(no category)"] += 1
    scores = [Score(corpus, kind, sum(c.values()), c["correct"], c["partly"], c["wrong"])
              for (corpus, kind), c in sorted(verdicts.items())]
    return scores, dict(categories)


def _percent(x: float) -> str:
    return f"{100 * x:.0f}%"


def report(scores: list[Score], categories: dict[tuple[str, str], Counter], markdown: bool) -> str:
    header = ["corpus", "kind", "n", "correct", "partly", "wrong", "precision (95% CI)", "correct + ½ partly (95% CI)"]
    rows = []
    for s in scores:
        (lo, hi), (llo, lhi) = s.interval(), s.interval(lenient=True)
        rows.append([s.corpus, s.kind, str(s.n), str(s.correct), str(s.partly), str(s.wrong),
                     f"{_percent(s.precision)} ({_percent(lo)}–{_percent(hi)})",
                     f"{_percent(s.lenient)} ({_percent(llo)}–{_percent(lhi)})"])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in rows]
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        lines = ["  ".join(cell.ljust(width) for cell, width in zip(r, widths)).rstrip() for r in [header, *rows]]
    lines.append("")
    for (corpus, kind), counts in sorted(categories.items()):
        lines.append(f"{corpus} {kind} not correct: " + ", ".join(f"{cat} {n}" for cat, n in counts.most_common()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="build the Reuters and PolNeAR stores with `firsthand build`")
    b.add_argument("--work", type=Path, default=ROOT / "out" / "audit")
    b.add_argument("--corpus", nargs="+", choices=("reuters", "polnear"), default=["reuters", "polnear"])
    s = commands.add_parser("sample", help="draw the seeded sample of one store")
    s.add_argument("--db", required=True)
    s.add_argument("--corpus", required=True, help="the corpus name in the file names: reuters, polnear")
    s.add_argument("--name", required=True, help="the audit's folder under docs/audits/")
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--out", type=Path, default=ROOT / "docs" / "audits")
    c = commands.add_parser("score", help="precision of judged samples")
    c.add_argument("files", nargs="+", type=Path)
    c.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.work, args.corpus)
    elif args.command == "sample":
        for path in sample(args.db, args.corpus, args.name, args.seed, args.out):
            print(path)
    else:
        try:
            scores, categories = score(item for path in args.files for item in read_items(path))
        except ValueError as error:
            raise SystemExit(f"error: {error}") from None
        print(report(scores, categories, args.markdown))


if __name__ == "__main__":
    main()
