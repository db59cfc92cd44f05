"""The HTML dossier: one self-contained file (style inlined, charts as inline SVG, no script, nothing
fetched) with per story the key judgements, the graded claims, a timeline, who did what to whom, a
map, the sources and their derivations, and every report's text with each claim marked where it is
stated, so that every judgement can be followed to its sentences."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import resources
from ..model.assessment import CREDIBILITY, LETTERS, Assessment
from ..model.claim import Claim
from ..model.place import Place
from .charts import Graph, event_graph, graph_svg, timeline_svg
from .dossier import Dossier, ReportView, StoryView
from .links import web_link
from .summary import SHOWN, strongest, tally
from .worldmap import map_svg, world_defs


@dataclass(frozen=True)
class Segment:
    """A run of report text under the same claims: marked when any claim covers it."""

    text: str
    claims: tuple[str, ...] = ()  # ids of the claims whose span covers it
    anchors: tuple[str, ...] = ()  # ids of the claims that start here


def marked_paragraphs(text: str, spans: list[tuple[int, int, str]]) -> list[list[Segment]]:
    """The text cut into paragraphs (at line breaks) of segments at every span boundary; `spans`
    are (start, end, claim id) character offsets into `text`, and may overlap."""
    cuts = {0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans}
    paragraphs: list[list[Segment]] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        if line.strip():
            bounds = sorted({line_start, line_end} | {c for c in cuts if line_start < c < line_end})
            segments = []
            for a, b in zip(bounds, bounds[1:]):
                covering = tuple(cid for s, e, cid in spans if s <= a and b <= e)
                starting = tuple(cid for s, _, cid in spans if s == a)
                segments.append(Segment(text[a:b], covering, starting))
            paragraphs.append(segments)
        line_start = line_end + 1
    return paragraphs


@dataclass(frozen=True)
class ReportPage:
    view: ReportView
    paragraphs: list[list[Segment]] | None  # None: the text is on a page of its own, linked


@dataclass(frozen=True)
class StoryPage:
    """A story with what its HTML needs computed: marked reports and the charts."""

    story: StoryView
    reports: list[ReportPage]
    graded: dict[str, Assessment]  # claim id → the assessment it rests under
    timeline: Markup
    entity_graph: Markup
    places: Markup
    derivation_graph: Markup
    place_list: list[tuple[Place, int]]  # most named first
    report_pages: str | None = None  # where reports whose text is not inlined have their pages, relative
    shaded: frozenset[str] = frozenset()  # the countries the reports name, which the map shades

    def report_page(self, report_id: str) -> str:
        return f"{self.report_pages}/{report_id}.html"

    def claim_href(self, claim: Claim) -> str:
        """Where a claim's sentence is marked: in this page's copy of its report, else its report's page."""
        inline = next((rp.paragraphs is not None for rp in self.reports if rp.view.report.id == claim.report_id), True)
        return f"#c-{claim.id}" if inline else f"{self.report_page(claim.report_id)}#c-{claim.id}"

    def instances(self, assessment: Assessment) -> list[tuple[ReportView, Claim]]:
        return self.story.instances(assessment)

    def wordings(self, assessment: Assessment) -> list[tuple[ReportView, list[Claim]]]:
        """Each report stating an assessment, with its wordings of it in text order."""
        found: dict[str, tuple[ReportView, list[Claim]]] = {}
        for view, claim in self.instances(assessment):
            found.setdefault(view.report.id, (view, []))[1].append(claim)
        return [(view, sorted(claims, key=lambda c: c.start)) for view, claims in found.values()]

    def certainty(self, assessment: Assessment) -> list[str]:
        """How surely the reports state it: the distinct certainty levels of its wordings."""
        return list(dict.fromkeys(claim.certainty.level for _, claim in self.instances(assessment)))


def _places(story: StoryView) -> tuple[Counter[Place], set[str]]:
    places: Counter[Place] = Counter()
    named: set[str] = set()
    for view in story.reports:
        for mention in view.known_reading.mentions:
            if mention.kind == "country":
                named.add(mention.id)
            elif mention.place is not None:
                places[mention.place] += 1
            elif mention.country:  # a region ("Virginia") shades its country; it is no point
                named.add(mention.country)
    for a in story.assessments:
        if a.event and a.event.place:
            places[a.event.place.place] += 1
    return places, named


def _derivation_graph(story: StoryView) -> Graph:
    graph = Graph()
    for d in story.derivations:
        graph.add_edge(d.derived_id, d.source_id, f"{d.label} ({d.containment:.2f})", "#455a64")
    for view in story.reports:
        if any(view.report.id in pair for pair in graph.edges):
            graph.nodes[view.report.id] = f"{view.outlet}, {view.report.published_label}"
            graph.links[view.report.id] = f"#r-{view.report.id}"
    return graph


def marked_reports(story: StoryView, marked: Collection[str] | None = None) -> list[ReportPage]:
    """The story's reports, those in `marked` (all without it) with their text cut at its claims."""
    by_report: dict[str, list[tuple[int, int, str]]] = {}
    for claim in story.claims.values():
        by_report.setdefault(claim.report_id, []).append((claim.start, claim.end, claim.id))
    return [ReportPage(view, marked_paragraphs(view.report.text, sorted(by_report.get(view.report.id, [])))
                       if marked is None or view.report.id in marked else None)
            for view in story.reports]


def story_page(story: StoryView, inline: Collection[str] | None = None, report_pages: str | None = None,
               shapes: str | None = None) -> StoryPage:
    """A story ready to render; with `inline`, only those reports' texts are in the page, the others
    linked at `report_pages`; with `shapes`, its map draws the country outlines from the files there
    (worldmap.shape_files), else from the page's own."""
    graded = {cid: a for a in reversed(story.assessments) for cid in a.claim_ids}  # the best-graded wins
    reports = marked_reports(story, inline)
    places, named = _places(story)
    return StoryPage(
        story, reports, graded,
        timeline=timeline_svg(story.timeline),
        entity_graph=graph_svg(event_graph(story.assessments), "Who did what to whom", f"events-{story.row.id}"),
        places=map_svg(places, named, shapes=shapes),
        derivation_graph=graph_svg(_derivation_graph(story), "Which report took its text from which", f"derivations-{story.row.id}",
                                   height=320),
        place_list=places.most_common(),
        report_pages=report_pages,
        shaded=frozenset(named),
    )


@cache
def _css() -> Markup:
    # Our own stylesheet, inlined so the page is one file; not user text, so not escaped.
    return Markup(resources.text("firsthand.present", "static", "dossier.css"))


_env = Environment(loader=PackageLoader("firsthand.present"), undefined=StrictUndefined, autoescape=True,
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["web_link"] = web_link
_env.filters["tally"] = tally
_env.filters["strongest"] = strongest
_env.globals["shown"] = SHOWN


def page_defs(pages: list[StoryPage]) -> Markup:
    """The country shapes a page's maps draw on, once a page; nothing for a page without a map."""
    return world_defs() if any(page.places for page in pages) else Markup("")


def render_html(dossier: Dossier) -> str:
    """The whole dossier as one self-contained page."""
    pages = [story_page(story) for story in dossier.stories]
    return render_page("dossier.html.j2", dossier=dossier, pages=pages, world=page_defs(pages))


def render_page(template: str, **context: object) -> str:
    """One page of the dossier from its template, with the stylesheet and the grade scales."""
    context.setdefault("world", Markup(""))
    context.setdefault("paged", False)  # a story's page of a bigger dossier, which lists more of its findings
    return _env.get_template(template).render(css=_css(), credibility=CREDIBILITY, reliability=LETTERS, **context)


def write_html(dossier: Dossier, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "dossier.html"
    path.write_text(render_html(dossier), encoding="utf-8")
    return path
