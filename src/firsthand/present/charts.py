"""Inline SVG charts for the HTML dossier: a timeline of events and node-link graphs (who did what to
whom, which report took its text from which). Plain SVG markup built here so the page needs no
script and no network; every piece of report text is escaped on the way in."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from markupsafe import Markup, escape

from ..events.periods import period
from ..model.assessment import Assessment

# Colours by Admiralty credibility: confirmed and probable dark, possible mid, doubtful and below pale.
CREDIBILITY_COLOURS = {1: "#1b5e20", 2: "#2e7d32", 3: "#f9a825", 4: "#ef6c00", 5: "#c62828", 6: "#757575"}

def _text(x: float, y: float, content: str, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(content)}</text>'


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ticks(first: date, last: date) -> list[date]:
    """Month starts across the span (every few months for long spans), or years beyond ten years."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months > 120:
        return [date(y, 1, 1) for y in range(first.year, last.year + 2)]
    step = max(1, math.ceil(months / 12))
    ticks, (y, m) = [], (first.year, first.month)
    while date(y, m, 1) <= last + timedelta(days=31):
        ticks.append(date(y, m, 1))
        y, m = (y + (m - 1 + step) // 12, (m - 1 + step) % 12 + 1)
    return ticks


def timeline_svg(assessments: list[Assessment], width: int = 960, label_width: int = 380, row: int = 24) -> Markup:
    """One row per dated event: its words on the left, on the right a bar as wide as its date is
    vague (a day is a dot, a month a bar), coloured by credibility; each row links to its judgement."""
    rows = [(a, a.event.date, span) for a in assessments if a.event and a.event.date and (span := period(a.event.date))]
    if not rows:
        return Markup("")
    first = min(span[0] for *_, span in rows)
    last = max(span[1] for *_, span in rows)
    ticks = _ticks(first, last)
    first, end = min(first, ticks[0]), max(last + timedelta(days=1), ticks[-1])
    days = max((end - first).days, 1)
    left, right = label_width + 10, width - 130  # room on the right for the date

    def x(day: date) -> float:
        return left + (right - left) * (day - first).days / days

    top = 30
    height = top + row * len(rows) + 10
    out = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="Timeline of {len(rows)} dated events" xmlns="http://www.w3.org/2000/svg">']
    for tick in ticks:
        tx = x(tick)
        if left <= tx <= right:
            label = tick.strftime("%Y" if len(ticks) > 1 and ticks[1].year != tick.year and ticks[1].month == 1 and tick.month == 1 else "%b %Y")
            out.append(f'<line x1="{tx:.1f}" y1="{top - 8}" x2="{tx:.1f}" y2="{height - 6}" class="grid"/>')
            out.append(_text(tx + 3, top - 12, label, cls="tick"))
    for i, (a, when, (start, stop)) in enumerate(rows):
        y = top + i * row + row / 2
        colour = CREDIBILITY_COLOURS.get(a.credibility, "#757575")
        out.append(f'<a href="#a-{a.id}"><title>{escape(a.text)} — {escape(when.value)} ({escape(when.precision or "unknown precision")}), {a.code}</title>')
        out.append(_text(label_width, y + 4, _clip(a.text, 58), anchor="end", cls="label"))
        x0, x1 = x(start), x(stop + timedelta(days=1))
        if x1 - x0 < 6:
            out.append(f'<circle cx="{(x0 + x1) / 2:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
        else:
            out.append(f'<rect x="{x0:.1f}" y="{y - 5:.1f}" width="{x1 - x0:.1f}" height="10" rx="3" fill="{colour}" fill-opacity="0.8"/>')
        out.append(_text(x1 + 4, y + 4, f"{when.value} {a.code}", cls="note"))
        out.append("</a>")
    out.append("</svg>")
    return Markup("".join(out))


@dataclass
class Graph:
    """Nodes by id with a label; directed edges with the words that label them and a colour."""

    nodes: dict[str, str] = field(default_factory=dict)
    edges: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    colours: dict[tuple[str, str], str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # node id → href

    def add_edge(self, source: str, target: str, label: str, colour: str) -> None:
        if source == target:
            return
        if label not in self.edges[(source, target)]:
            self.edges[(source, target)].append(label)
        self.colours.setdefault((source, target), colour)


def event_graph(assessments: list[Assessment], limit: int = 24) -> Graph:
    """Who did what to whom: each graded event draws its actors → its recipients, labelled with the
    PLOVER type; the best-graded event between two parties sets the colour."""
    graph = Graph()
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    degree: dict[str, int] = defaultdict(int)
    events = sorted(((a, a.event) for a in assessments if a.event), key=lambda pair: pair[0].credibility)
    for _, event in events:
        for p in (*event.actors, *event.recipients):
            names[p.id][p.label] += 1
            degree[p.id] += 1
    keep = set(sorted(degree, key=lambda k: (-degree[k], k))[:limit])
    for a, event in events:
        for actor in event.actors:
            for recipient in event.recipients:
                if actor.id in keep and recipient.id in keep:
                    graph.add_edge(actor.id, recipient.id, event.type.lower(), CREDIBILITY_COLOURS.get(a.credibility, "#757575"))
    for node in sorted({n for pair in graph.edges for n in pair}):
        graph.nodes[node] = max(names[node].items(), key=lambda item: (item[1], item[0]))[0]
    return graph


def graph_svg(graph: Graph, label: str, key: str, width: int = 960, height: int = 460) -> Markup:
    """A circular layout (nodes in id order round a circle, so the same graph draws the same way),
    arrows from source to target, each edge's labels at its middle. `key` names the graph uniquely
    in the page (its arrowhead's id)."""
    if not graph.nodes:
        return Markup("")
    ids = list(graph.nodes)
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 70
    n = len(ids)
    at = {node: (cx + radius * math.cos(2 * math.pi * i / n - math.pi / 2 + (math.pi / 2 if n == 2 else 0)),
                 cy + radius * math.sin(2 * math.pi * i / n - math.pi / 2 + (math.pi / 2 if n == 2 else 0)))
          for i, node in enumerate(ids)}
    out = [f'<svg class="chart graph" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
           f'<defs><marker id="arrow-{escape(key)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>']
    node_radius = 7
    for (source, target), labels in graph.edges.items():
        (x0, y0), (x1, y1) = at[source], at[target]
        length = math.hypot(x1 - x0, y1 - y0) or 1
        # A pair drawn both ways bends apart so the two arrows and labels do not overlap.
        bend = 28 if (target, source) in graph.edges else 0
        nx, ny = -(y1 - y0) / length, (x1 - x0) / length
        mx, my = (x0 + x1) / 2 + nx * bend, (y0 + y1) / 2 + ny * bend
        ex, ey = x1 - (x1 - mx) / math.hypot(x1 - mx, y1 - my) * (node_radius + 2), y1 - (y1 - my) / math.hypot(x1 - mx, y1 - my) * (node_radius + 2)
        colour = graph.colours[(source, target)]
        words = ", ".join(labels)
        out.append(f'<g class="edge"><title>{escape(graph.nodes[source])} → {escape(graph.nodes[target])}: {escape(words)}</title>'
                   f'<path d="M{x0:.1f},{y0:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}" stroke="{colour}" '
                   f'stroke-width="{1.5 + min(len(labels), 4) * 0.5:.1f}" fill="none" marker-end="url(#arrow-{escape(key)})"/>')
        out.append(_text((x0 + 2 * mx + x1) / 4, (y0 + 2 * my + y1) / 4 - 4, _clip(words, 40), anchor="middle", cls="edge-label"))
        out.append("</g>")
    for node in ids:
        x, y = at[node]
        outside = x >= cx
        dx = 10 if outside else -10
        link = graph.links.get(node)
        body = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{node_radius}" class="node"/>'
                + _text(x + dx, y + 4, _clip(graph.nodes[node], 36), anchor="start" if outside else "end", cls="node-label"))
        out.append(f'<a href="{escape(link)}">{body}</a>' if link else body)
    out.append("</svg>")
    return Markup("".join(out))
