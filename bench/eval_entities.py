"""Entity evaluation: country coding on PLOVER gold actors, and the seed reports' canonical mentions.

    PYTHONPATH=src /work/main/.venv/bin/python -m bench.eval_entities [--failures] [--no-seeds]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from bench.common import shared_path
from firsthand.read.countries import country_code, country_term, find_countries, is_country_code
from firsthand.read.entities import TITLES, Organizations, load_organizations
from firsthand.read.nlp import load_model
from firsthand.read.places import geocode

# The gold file uses CAMEO's country codes; these two differ from ISO 3166 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA"}


def plover_actors(path: Path) -> list[tuple[str, str]]:
    """(actorText, gold code) for every source and target actor in the gold records."""
    actors = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        for role in ("source", "target"):
            value = record.get(role)
            for actor in [value] if isinstance(value, dict) else value if isinstance(value, list) else []:
                if isinstance(actor, dict) and actor.get("actorText") and actor.get("code"):
                    actors.append((actor["actorText"].strip(), actor["code"].strip()))
    return actors


def failure_kind(text: str, gold: str, predicted: str | None, organizations: Organizations) -> str:
    """Why a phrase was coded wrongly, judged from what the phrase contains."""
    if predicted is None:
        if organizations.get(text) is not None:
            return "organisation (curated, no country term)"
        words = [w for w in text.replace(".", " ").split() if w[:1].isupper()]
        if not words:
            return "no proper name (common noun phrase)"
        if words[0].rstrip(".").title() in TITLES or len(words) >= 2 and len(words) == len(text.split()):
            return "person named without a country (needs world knowledge)"
        if geocode(text) is not None:
            return "town below the 100k city threshold"
        return "group, party or misspelt name with no country term"
    if any(m.value.code == gold for m in find_countries(text, include_cities=True)):
        return "names several countries; gold is a later one"
    if any(m.value.how == "city" and m.value.code == predicted for m in find_countries(text, include_cities=True)):
        return "a city name read as another country's city"
    return "names another country than the gold affiliation (ethnic group, ally, region)"


def country_accuracy(show_failures: bool) -> dict[str, float]:
    actors = plover_actors(shared_path("plover", "PLOVER_GSR_CAMEO.txt"))
    scored = [(text, CAMEO_TO_ISO.get(code, code)) for text, code in actors]
    countries = [(t, c) for t, c in scored if is_country_code(c)]
    excluded = Counter(c for _, c in scored if not is_country_code(c))
    country_code("warm-up")  # build the tables outside the timing
    start = time.perf_counter()
    predictions = [(t, g, country_code(t)) for t, g in countries]
    elapsed = time.perf_counter() - start
    correct = sum(p == g for _, g, p in predictions)
    answered = [(t, g, p) for t, g, p in predictions if p is not None]
    exact = [(t, g, p) for t, g, p in predictions if country_term(t) is not None]
    failures = [(t, g, p) for t, g, p in predictions if p != g]
    organizations = load_organizations()
    kinds = Counter(failure_kind(t, g, p, organizations) for t, g, p in failures)

    print("== PLOVER gold actors: country_code(actorText) vs gold ISO alpha-3 ==")
    print(f"actors with a code: {len(actors)}; scored (gold is a country): {len(countries)}")
    print(f"excluded gold codes (not countries): {dict(excluded.most_common())}")
    print(f"accuracy: {correct}/{len(countries)} = {correct / len(countries):.3f}")
    print(f"precision when answering: {sum(p == g for _, g, p in answered)}/{len(answered)}"
          f" = {sum(p == g for _, g, p in answered) / len(answered):.3f}; coverage {len(answered) / len(countries):.3f}")
    print(f"whole-phrase names (e.g. 'Britain', 'Pyongyang'): {sum(p == g for _, g, p in exact)}/{len(exact)} correct")
    print(f"time: {elapsed * 1000:.1f} ms for {len(countries)} phrases (tables already built)")
    print("failures by kind:")
    for kind, n in kinds.most_common():
        print(f"  {n:3d}  {kind}")
    if show_failures:
        for t, g, p in sorted(failures, key=lambda f: failure_kind(*f, organizations)):
            print(f"    gold {g} got {p}: {t!r}  [{failure_kind(t, g, p, organizations)}]")
    return {"accuracy": correct / len(countries), "scored": len(countries)}


def seed_mentions() -> None:
    from firsthand.link.entity_merging import resolve_across
    from firsthand.read.entities import entities

    nlp = load_model()
    nlp.add_pipe("fh_entities")
    lines = shared_path("seeds", "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    docs = list(nlp.pipe(r["text"] for r in records))
    merged = resolve_across([doc._.mentions for doc in docs])
    for record, mentions in zip(records, merged):
        print(f"\n== seed: {record.get('title')} ({record.get('outlet')}, {record.get('published')}) ==")
        for e in entities(mentions):
            if e.kind == "country" and e.mentions > 2:
                print(f"  {e.id:42} x{e.mentions:<3} {e.kind:12} {e.name}  <- {', '.join(e.aliases)}")
            else:
                print(f"  {e.id:42} x{e.mentions:<3} {e.kind:12} {e.name} [{e.country or '-'}]  <- {', '.join(e.aliases)}")
    print("\n== geocoding checks ==")
    for name in ("Vostochny Cosmodrome", "Sohae satellite launch site", "Avdiivka", "Tikhoretsk",
                 "Donetsk oblast", "Russia's Far East", "Rajin", "Tumangang", "Pyongyang"):
        print(f"  {name!r:32} -> {geocode(name)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every wrongly coded phrase")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seed reports")
    args = parser.parse_args()
    country_accuracy(args.failures)
    if not args.no_seeds:
        seed_mentions()


if __name__ == "__main__":
    main()
