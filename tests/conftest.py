"""Shared test fixtures. Tests that need ../shared/data skip with a reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The PostgreSQL server fixtures (postgres_server, postgres_url) for every test module.
pytest_plugins = ("pg",)

# `pytest --hypothesis-profile=fuzz`: the property tests at length (docs/RESULTS.md records runs).
settings.register_profile("fuzz", max_examples=3_000, deadline=None)

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("FIRSTHAND_SHARED_DATA", ROOT.parent / "shared" / "data"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or a skip when that data is not beside the checkout."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the public data beside the project; absent in this checkout)")
    return path


ARTICLE = """<!doctype html><html lang="en"><head><title>{title}</title>
<meta name="author" content="Jane Doe"><meta property="og:site_name" content="The Example Times">
<meta property="article:published_time" content="2023-11-01T08:30:00+09:00"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
<article><h1>{title}</h1>
<p>SEOUL, South Korea — {body}</p>
<p>The agency delivered the information to lawmakers in a closed-door briefing on Wednesday, officials said.</p>
<p>Analysts said the shipments could continue for months, according to people familiar with the matter.</p>
</article><footer>Copyright 2023 The Example Times. All rights reserved. Cookie settings.</footer></body></html>"""


def article(title: str = "Shells shipped", body: str = "North Korea has shipped about one million artillery shells to Russia, the spy agency said.") -> str:
    """A small news page with boilerplate around the article, written for the tests."""
    return ARTICLE.format(title=title, body=body)


@pytest.fixture
def web():
    from webserver import LocalServer

    with LocalServer() as server:
        yield server
