"""The precision audit script (bench/audit.py): a seeded sample is the same sample every time, an
item carries the sentence it cites, judged files are not overwritten, and the scoring arithmetic."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import audit

from conftest import shared_path

SIZES = {"claims": 6, "events": 3, "judgements": 2}


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("audit")
    db = str(folder / "seeds.sqlite")
    subprocess.run([sys.executable, "-m", "firsthand", "build", str(shared_path("seeds", "seeds.jsonl")),
                    "--db", db, "--out", str(folder / "out")], check=True, capture_output=True)
    return db


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_seed_draws_the_same_sample_and_another_seed_another(seeds_db, tmp_path):
    first = audit.sample(seeds_db, "seeds", "a", 2026, tmp_path, SIZES)
    again = audit.sample(seeds_db, "seeds", "b", 2026, tmp_path, SIZES)
    other = audit.sample(seeds_db, "seeds", "c", 7, tmp_path, SIZES)
    assert [p.name for p in first] == ["seeds-claims.jsonl", "seeds-events.jsonl", "seeds-judgements.jsonl"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    claims, other_claims = lines(first[0]), lines(other[0])
    assert len(claims) == SIZES["claims"] and claims[0]["population"] > SIZES["claims"]
    assert [c["population_index"] for c in claims] != [c["population_index"] for c in other_claims]


def test_an_item_carries_what_it_states_and_the_sentence_it_cites(seeds_db, tmp_path):
    claims, events, judgements = (lines(p) for p in audit.sample(seeds_db, "seeds", "x", 1, tmp_path, SIZES))
    for claim in claims:
        assert claim["verdict"] == claim["category"] == claim["reason"] == ""
        report, = claim["evidence"]
        cited, = report["sentences"]
        assert claim["states"]["claim"] in cited["sentence"] or cited["sentence"] in claim["states"]["claim"]
        assert report["outlet"] and report["published"] and claim["states"]["attribution"].startswith("origin: ")
    for event in events:
        assert event["states"]["event"] and event["states"]["type"] and event["evidence"][0]["sentences"][0]["sentence"]
    for judgement in judgements:
        states = judgement["states"]
        # The grade follows the judged statement ("… (B1)." or "… (B1):"), or its first part when
        # a detail rests on fewer origins ("… to Russia (B1); the transfer … rests on … (B2).").
        assert re.search(rf"\({states['grade']}\)[.:;]", states["judgement"]), states["judgement"]
        quoted = [s["claim"] for report in judgement["evidence"] for s in report["sentences"]]
        assert states["origins"] and quoted and all(quoted)


def test_a_judged_file_is_not_drawn_over(seeds_db, tmp_path):
    path = audit.sample(seeds_db, "seeds", "judged", 1, tmp_path, {"claims": 2})[0]
    items = lines(path)
    items[0]["verdict"] = "correct"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    with pytest.raises(SystemExit, match="holds verdicts"):
        audit.sample(seeds_db, "seeds", "judged", 1, tmp_path, {"claims": 2})
    assert lines(path) == items


def judged(corpus: str, kind: str, *verdicts: tuple[str, str]) -> list[dict]:
    return [{"id": f"{corpus}-{kind}-{i}", "corpus": corpus, "kind": kind, "verdict": v, "category": c}
            for i, (v, c) in enumerate(verdicts)]


def test_scores_count_verdicts_and_categories_per_corpus_and_kind():
    items = (judged("reuters", "claim", ("correct", ""), ("correct", ""), ("partly", "hedge lost"), ("wrong", "fragment"))
             + judged("polnear", "event", ("wrong", "pronoun party"), ("wrong", "pronoun party"), ("correct", "")))
    scores, categories = audit.score(items)
    by_key = {(s.corpus, s.kind): s for s in scores}
    claims, events = by_key["reuters", "claim"], by_key["polnear", "event"]
    assert (claims.n, claims.correct, claims.partly, claims.wrong) == (4, 2, 1, 1)
    assert claims.precision == 0.5 and claims.lenient == 0.625
    assert (events.n, events.correct, events.wrong) == (3, 1, 2)
    assert categories["reuters", "claim"] == {"hedge lost": 1, "fragment": 1}
    assert categories["polnear", "event"] == {"pronoun party": 2}


def test_wilson_interval():
    low, high = audit.wilson(81, 100)
    assert low == pytest.approx(0.7222, abs=1e-4) and high == pytest.approx(0.8749, abs=1e-4)
    assert audit.wilson(0, 10)[0] == 0.0 and audit.wilson(0, 10)[1] == pytest.approx(0.2775, abs=1e-4)
    assert audit.wilson(10, 10)[1] == pytest.approx(1.0) and audit.wilson(10, 10)[0] == pytest.approx(0.7225, abs=1e-4)


def test_an_unjudged_item_is_an_error_naming_it():
    with pytest.raises(ValueError, match="reuters-claim-0: verdict ''"):
        audit.score(judged("reuters", "claim", ("", "")))


def test_the_seed_audit_cites_seed_sentences_by_position():
    """docs/audits/checkworthiness/seeds.md keeps where each seed sentence is, not its words; every
    citation must still land on whole words of the seed reports."""
    shared_path("seeds", "seeds.jsonl")
    from bench import seed_quotes

    document = (Path(audit.ROOT) / "docs" / "audits" / "checkworthiness" / "seeds.md").read_text(encoding="utf-8")
    texts = seed_quotes.seed_texts()
    citations = seed_quotes.CITATION.findall(document)
    assert len(citations) > 40
    for report, start, end in citations:
        text, start_, end_ = texts[int(report)], int(start), int(end)
        assert 0 <= start_ < end_ <= len(text)
        # a citation starts and ends on a word boundary, as the claims it stood for did
        assert (start_ == 0 or not text[start_ - 1].isalnum()) and (end_ == len(text) or not text[end_].isalnum())
    assert "at the Vostochny Cosmodrome" in seed_quotes.filled(document, texts)
