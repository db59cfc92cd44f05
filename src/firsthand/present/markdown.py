"""The Markdown dossier."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from .dossier import Dossier
from .summary import SHOWN, strongest, tally

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def escape_markdown(text: str) -> str:
    """Report text must read as text, not as Markdown or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


_env = Environment(loader=PackageLoader("firsthand.present"), undefined=StrictUndefined, keep_trailing_newline=True)
_env.filters["md"] = escape_markdown
_env.filters["tally"] = tally
_env.filters["strongest"] = strongest
_env.globals["shown"] = SHOWN


def render_markdown(dossier: Dossier) -> str:
    """The whole dossier as one file."""
    return render_md_page("dossier.md.j2", dossier=dossier)


def render_md_page(template: str, **context: object) -> str:
    context.setdefault("paged", False)  # a story's page of a bigger dossier, which lists more of its findings
    return _env.get_template(template).render(**context)


def write_markdown(dossier: Dossier, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "dossier.md"
    path.write_text(render_markdown(dossier), encoding="utf-8")
    return path
