"""A STIX 2.1 bundle, built and validated by the `stix2` library:

- an identity for each outlet and each origin a claim rests on (a person is an individual);
- a report for each news report, created by its outlet's identity, its firsthand id and http(s)
  URL as an external reference;
- a location for each geocoded place, and for each event's place a `located-at` relationship;
- a relationship per graded event between its actor and recipient identities (`plover-aid`,
  `plover-assault`, ...), and `derived-from` between a report and the report it took text from;
- for each screening hit, an identity for the list entry (its list, version, programmes and listing
  date in the description) and a `related-to` relationship from the entity to it saying what matched;
- a note per graded claim or event: the judgement, the explanation, and the Admiralty grade's
  credibility as STIX confidence through stix2's own Admiralty scale (credibility 6, "truth
  cannot be judged", has no STIX value and leaves confidence out);
- the analyst's grade and notes (their edits) as notes of their own, authored by the analyst;
- for each observation a judgement rests on (firsthand observe), an `observed-data` of the vessels
  it saw (STIX has no vessel observable: `x-firsthand-vessel`, by IMO number or MMSI), created
  by its observer's identity, and a `sighting` of the judgement's note: observed-data, where
  (a location) and when.

Ids are UUIDv5 of firsthand's own ids, so exporting the same store twice gives the same ids."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import stix2
from stix2.confidence.scales import admiralty_credibility_to_value

from ...model.assessment import CREDIBILITY
from ...model.event import Participant
from ...model.observation import Observation
from ...model.place import Place
from ...read.countries import countries
from ..dossier import Dossier, ReportView, StoryView
from ..links import web_link

_NAMESPACE = uuid.UUID("7c0bd3a4-2f0e-5c51-9a51-46a3f1c07e11")
_INDIVIDUAL_KINDS = frozenset({"person", "legislator"})


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(_NAMESPACE, f'{kind}:{key}')}"


def confidence(credibility: int) -> int | None:
    """STIX confidence of an Admiralty credibility, by stix2's scale ("2 - Probably True" → 70)."""
    if credibility == 6:
        return None
    label = CREDIBILITY[credibility]
    # stix2 spells the scale "3 - Possibly True": capitals except in "confirmed by other sources".
    scale = label.capitalize() if credibility == 1 else label.title()
    return admiralty_credibility_to_value(f"{credibility} - {scale}")


class _Bundle:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.objects: dict[str, object] = {}

    def add(self, cls, kind: str, key: str, **properties) -> str:
        ident = stix_id(kind, key)
        if ident not in self.objects:
            self.objects[ident] = cls(id=ident, created=self.now, modified=self.now,
                                      **{k: v for k, v in properties.items() if v not in (None, [], "")})
        return ident

    def identity(self, key: str, name: str, identity_class: str, description: str | None = None) -> str:
        return self.add(stix2.Identity, "identity", key, name=name, identity_class=identity_class, description=description)

    def participant(self, p: Participant) -> str:
        kind = "individual" if p.id.startswith("person:") else "organization"
        return self.identity(p.id, p.label if kind == "individual" else _entity_name(p), kind)

    def location(self, place: Place) -> str:
        record = countries().get(place.country or "")
        return self.add(stix2.Location, "location", place.id, name=place.name, latitude=place.lat, longitude=place.lon,
                        country=record["iso"] if record else None, description=f"{place.precision}, {place.feature}")


def _entity_name(p: Participant) -> str:
    record = countries().get(p.id)
    return record["name"] if record else p.label


def _identity_class(source_kind: str | None) -> str:
    """STIX's identity class for a kind of claim source (claims/data/source_kinds.json)."""
    if source_kind in _INDIVIDUAL_KINDS:
        return "individual"
    return "unknown" if source_kind in (None, "anonymous") else "organization"


def _outlet(bundle: _Bundle, view: ReportView) -> str:
    return bundle.identity(f"outlet:{view.outlet}", view.outlet, "organization",
                           f"News outlet; reliability {view.reliability.letter} ({view.reliability.label})")


def _story(bundle: _Bundle, story: StoryView) -> None:
    kinds = {c.origin.key: c.origin.kind for c in story.claims.values()}
    report_refs: dict[str, list[str]] = {view.report.id: [] for view in story.reports}
    for a in story.assessments:
        refs = [stix_id("report", rid) for rid in a.report_ids]
        origin_refs = [bundle.identity(o.key, o.name, _identity_class(kinds.get(o.key)),
                                       f"Origin of claims; reliability {o.reliability.letter} ({o.reliability.label})")
                       for o in a.origins if not o.observed]  # an observation is its sighting, below
        score = confidence(a.credibility)
        if a.event:
            actors = [bundle.participant(p) for p in a.event.actors]
            recipients = [bundle.participant(p) for p in a.event.recipients]
            for source in actors:
                for target in recipients:
                    if source != target:
                        bundle.add(stix2.Relationship, "relationship", f"{a.id}:{source}:{target}",
                                   relationship_type=f"plover-{a.event.type.lower()}", source_ref=source, target_ref=target,
                                   description=a.judgement, confidence=score)
            if a.event.place:
                where = bundle.location(a.event.place.place)
                for source in actors:
                    bundle.add(stix2.Relationship, "relationship", f"{a.id}:{source}:{where}", relationship_type="located-at",
                               source_ref=source, target_ref=where, description=a.text, confidence=score)
            origin_refs += actors + recipients
        machine = a.override.was if a.override else a.code
        bundle.add(stix2.Note, "note", a.id, abstract=f"{machine}: {a.judgement}", content=a.explanation,
                   object_refs=list(dict.fromkeys(refs + origin_refs)), authors=["firsthand"],
                   confidence=confidence(int(machine[1:])),
                   labels=[a.subject, f"admiralty-{machine.lower()}"])
        # The analyst's grade and notes: notes of their own, by the analyst, beside the machine's.
        for note in (*((a.override.note,) if a.override else ()), *a.notes):
            graded = a.override is not None and note is a.override.note
            bundle.add(stix2.Note, "note", f"{a.id}:{note.edit_id}",
                       abstract=f"the analyst's grade {a.code} (was {machine})" if graded else "the analyst's note",
                       content=note.text or "(no note)", object_refs=list(dict.fromkeys(refs)), authors=[note.who],
                       labels=["analyst", *((f"admiralty-{a.code.lower()}",) if graded else ())])
        for observation_id in a.observations:
            if (seen := story.observations.get(observation_id)) is not None:
                _sighting(bundle, seen, stix_id("note", a.id), score)
        for rid in a.report_ids:
            report_refs.setdefault(rid, []).extend(origin_refs)
    for view in story.reports:
        places = [bundle.location(m.place) for m in view.known_reading.mentions if m.place is not None]
        report_refs[view.report.id] += places
    for view in story.reports:
        r = view.report
        outlet = _outlet(bundle, view)
        description = r.text if r.published else f"(publication time unknown)\n{r.text}"
        refs = list(dict.fromkeys(report_refs[r.id])) or [outlet]
        url = web_link(r.url)
        reference = {"source_name": "firsthand", "external_id": r.id, **({"url": url} if url else {})}
        bundle.add(stix2.Report, "report", r.id, name=r.title or f"Report {r.id}", published=r.published or bundle.now,
                   description=description, created_by_ref=outlet, object_refs=refs, external_references=[reference],
                   lang=r.language)
    for d in story.derivations:
        bundle.add(stix2.Relationship, "relationship", f"derived:{d.derived_id}:{d.source_id}", relationship_type="derived-from",
                   source_ref=stix_id("report", d.derived_id), target_ref=stix_id("report", d.source_id),
                   description=f"{d.label} derived (containment of word trigrams {d.containment:.2f})")


def _screening(bundle: _Bundle, story: StoryView) -> None:
    for s in story.screening:
        entity = bundle.identity(s.entity_id, s.name, "individual" if s.kind == "person" else "organization")
        for hit in s.hits:
            entry, version = hit.entry, hit.version
            listed = bundle.identity(
                f"list:{version.id}:{entry.entry_id}", entry.name,
                {"person": "individual", "organization": "organization"}.get(entry.kind, "unknown"),
                f"Entry {entry.entry_id} of {version.series} of {version.date}"
                + (f"; programmes {', '.join(entry.programmes)}" if entry.programmes else "")
                + (f"; listed {entry.listed_on}" if entry.listed_on else ""))
            bundle.add(stix2.Relationship, "relationship", f"screening:{s.entity_id}:{version.id}:{entry.entry_id}",
                       relationship_type="related-to", source_ref=entity, target_ref=listed,
                       description=f"Sanctions screening hit (score {hit.match.score:.2f}): {hit.match.matched}")
@stix2.v21.CustomObservable("x-firsthand-vessel", [
    ("imo", stix2.properties.StringProperty()),
    ("mmsi", stix2.properties.StringProperty()),
], id_contrib_props=["imo", "mmsi"])
class Vessel:
    """A vessel by its identifiers: firsthand's `vessel:imo-…` / `vessel:mmsi-…` ids."""


def _vessel(bundle: _Bundle, vessel_id: str) -> str:
    scheme, _, number = vessel_id.removeprefix("vessel:").partition("-")
    ident = stix_id("x-firsthand-vessel", vessel_id)
    if ident not in bundle.objects:
        bundle.objects[ident] = Vessel(id=ident, **{scheme: number})  # type: ignore[call-arg]  # stix2 adds id
    return ident


def _sighting(bundle: _Bundle, seen: Observation, note: str, score: int | None) -> None:
    """An observation as STIX: observed-data of its vessels and a sighting of the note it supports."""
    observer = bundle.identity(f"observer:{seen.observer}", seen.observer, "organization",
                               f"Observer ({seen.observer_kind})")
    vessels = [_vessel(bundle, v) for v in seen.vessels]
    if not vessels:
        return
    observed = bundle.add(stix2.ObservedData, "observed-data", seen.id, first_observed=seen.begin,
                          last_observed=seen.end, number_observed=1, object_refs=vessels, created_by_ref=observer,
                          labels=[seen.kind], allow_custom=True)
    where = None
    if seen.lat is not None and seen.lon is not None:
        where = bundle.add(stix2.Location, "location", f"observation:{seen.id}", name=seen.describe(),
                           latitude=seen.lat, longitude=seen.lon)
    bundle.add(stix2.Sighting, "sighting", f"{seen.id}:{note}", sighting_of_ref=note, observed_data_refs=[observed],
               where_sighted_refs=[where] if where else None, first_seen=seen.begin, last_seen=seen.end,
               created_by_ref=observer, description=seen.describe(), confidence=score)


def stix_bundle(dossier: Dossier, now: datetime | None = None) -> stix2.Bundle:
    bundle = _Bundle(now or datetime.now(UTC))
    for story in dossier.stories:
        _story(bundle, story)
        _screening(bundle, story)
    # allow_custom: the vessel observable (x-firsthand-vessel) is one of STIX's custom objects.
    return stix2.Bundle(objects=list(bundle.objects.values()), allow_custom=True)


def write_stix(dossier: Dossier, path: Path) -> Path:
    path.write_text(stix_bundle(dossier).serialize(ensure_ascii=False), encoding="utf-8")
    return path
