"""FollowTheMoney entities, built through the `followthemoney` model (each proxy is checked against
its schema as values are added):

- an Article per report (title, body text, publisher, publication time, http(s) URL, the report id
  as its messageId);
- a Person or Organization per canonical entity the reports name (a country or an IGO acting as a
  party is an Organization with its country);
- an Event per graded event (who organized it, who was involved, when, where, the judgement and its
  explanation), with the Articles that state it as `proof`;
- a Documentation linking each such Article to the Event it documents, and a Mention for each
  entity named in an Article, resolved to its Person or Organization;
- for each screening hit, the listed entity as the list gives it (names, aliases, IMO number), its
  Sanction (list, entry, programmes, listing date) and an UnknownLink from the store's entity to it,
  the match record (role "same as", what matched and the score).

Written as line-delimited JSON, one entity a line, as `ftm` tools read it."""

from __future__ import annotations

import json
from pathlib import Path

from followthemoney import model
from followthemoney.proxy import EntityProxy

from ...events.periods import period
from ...model.assessment import Assessment
from ...read.countries import countries
from ..dossier import Dossier, ReportView, StoryView
from ..links import web_link

_PARTY_KINDS = frozenset({"person", "organization", "igo", "country"})


def _alpha2(code: str | None) -> str | None:
    record = countries().get(code or "")
    return record["iso"].lower() if record else None


class _Entities:
    def __init__(self) -> None:
        self.proxies: dict[str, EntityProxy] = {}

    def make(self, schema: str, *key: str, **properties) -> EntityProxy:
        proxy = model.make_entity(schema)
        proxy.make_id("firsthand", schema, *key)
        assert proxy.id is not None  # a key always makes one
        if proxy.id in self.proxies:
            return self.proxies[proxy.id]
        for prop, values in properties.items():
            for value in values if isinstance(values, (list, tuple)) else [values]:
                if value not in (None, ""):
                    proxy.add(prop, value)
        self.proxies[proxy.id] = proxy
        return proxy

    def party(self, entity_id: str, name: str, country: str | None) -> EntityProxy:
        schema = "Person" if entity_id.startswith("person:") else "Organization"
        record = countries().get(entity_id)
        return self.make(schema, entity_id, name=record["name"] if record else name,
                         country=_alpha2(country or (entity_id if record else None)))


def _article(entities: _Entities, view: ReportView) -> EntityProxy:
    r = view.report
    # FtM's contentHash is the SHA1 of the original file in Aleph's archive, which firsthand does not
    # keep (it stores the normalized text); the report id goes in messageId, the document's own id.
    return entities.make("Article", r.id, title=r.title or f"Report {r.id}", bodyText=r.text, publisher=r.outlet,
                         publishedAt=r.published.date().isoformat() if r.published else None, sourceUrl=web_link(r.url),
                         author=r.byline, messageId=r.id)


def _event(entities: _Entities, a: Assessment, articles: dict[str, EntityProxy]) -> EntityProxy:
    event = a.event
    assert event is not None  # only event assessments are exported as Events
    parties = {p.id: entities.party(p.id, p.label, p.code) for p in (*event.actors, *event.recipients)}
    when = event.date
    ranged = when is not None and bool(when.begin or when.end)
    span = period(when) if when else None
    proof = [articles[rid].id for rid in a.report_ids if rid in articles]
    proxy = entities.make(
        "Event", a.id, name=a.text, summary=a.judgement, description=a.explanation,
        date=when.value if when and not ranged else None,
        startDate=span[0].isoformat() if span and ranged else None,
        endDate=span[1].isoformat() if span and ranged else None,
        organizer=[parties[p.id].id for p in event.actors], involved=[parties[p.id].id for p in event.recipients],
        location=event.place.place.name if event.place else None,
        country=[c for c in (_alpha2(p.code) for p in (*event.actors, *event.recipients)) if c],
        keywords=[event.type, a.code], proof=proof,
    )
    for rid in a.report_ids:
        if rid in articles:
            entities.make("Documentation", rid, a.id, document=articles[rid].id, entity=proxy.id,
                          role=f"states the event ({a.code})", proof=articles[rid].id)
    return proxy


_LISTED_SCHEMAS = {"person": "Person", "organization": "Organization", "vessel": "Vessel"}


def _screening(entities: _Entities, story: StoryView) -> None:
    for s in story.screening:
        ours = (entities.make("Vessel", s.entity_id, name=s.name) if s.kind == "vessel"
                else entities.party(s.entity_id, s.name, None))
        for hit in s.hits:
            entry, version = hit.entry, hit.version
            listed = entities.make(_LISTED_SCHEMAS.get(entry.kind, "LegalEntity"), version.id, entry.entry_id,
                                   name=entry.name, alias=list(entry.aliases), topics="sanction",
                                   **({"imoNumber": entry.imo} if entry.imo else {}))
            entities.make("Sanction", version.id, entry.entry_id, entity=listed.id, authority=version.series,
                          authorityId=entry.entry_id, program=", ".join(entry.programmes) or None,
                          listingDate=entry.listed_on, recordId=entry.entry_id, publisher=version.series,
                          retrievedAt=version.date)
            entities.make("UnknownLink", s.entity_id, version.id, entry.entry_id, subject=ours.id, object=listed.id,
                          role="same as (sanctions screening hit)",
                          description=f"{hit.match.matched}; score {hit.match.score:.2f}; {version.series} of {version.date}")


def ftm_entities(dossier: Dossier) -> list[EntityProxy]:
    entities = _Entities()
    for story in dossier.stories:
        articles = {view.report.id: _article(entities, view) for view in story.reports}
        for view in story.reports:
            article = articles[view.report.id]
            for m in view.known_reading.mentions:
                if m.kind in _PARTY_KINDS:
                    party = entities.party(m.id, m.name, m.country)
                    entities.make("Mention", view.report.id, m.id, document=article.id, name=m.name, resolved=party.id,
                                  detectedSchema=party.schema.name, contextCountry=_alpha2(m.country))
        for a in story.assessments:
            if a.event:
                _event(entities, a, articles)
        _screening(entities, story)
    return list(entities.proxies.values())


def write_ftm(dossier: Dossier, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for proxy in ftm_entities(dossier):
            out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return path
