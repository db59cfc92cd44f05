"""The shape of the house, read from the source with `ast`: no stage imports a later one, the data
model and the loader of packaged data import no stage, the store depends on the model only, and every
module is named in docs/ARCHITECTURE.md (and every module named there exists)."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "firsthand"
DOC = ROOT / "docs" / "ARCHITECTURE.md"

# The pipeline's stages in order: each may import the data model, the loader of packaged data and
# the stages before it.
STAGES = ("ingest", "read", "claims", "events", "link", "grade", "screen", "present")
ALLOWED = {"model": set(), "resources": set(), "store": {"model"}} | {
    stage: {"model", "resources", *STAGES[:i]} for i, stage in enumerate(STAGES)}
ALLOWED["present"].add("store")  # the dossier is gathered from the store
FRONT_ENDS = {"pipeline", "web", "cli", "__main__", "progress"}  # the assembler and the front ends (and their progress display) may import anything
ROOT_PACKAGE = ""  # `firsthand` itself: only `__version__`


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _part(path: Path) -> str:
    """The stage, or front end, a module belongs to: its first folder, or its own name at the top."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0] if len(parts) > 1 else (ROOT_PACKAGE if parts[0] == "__init__" else parts[0])


def _target(dotted: list[str]) -> str:
    """The part a dotted firsthand name (without `firsthand`) lands in: a subpackage or top-level module."""
    if not dotted:
        return ROOT_PACKAGE
    first = dotted[0]
    return first if (PACKAGE / first).is_dir() or (PACKAGE / f"{first}.py").exists() else ROOT_PACKAGE


def firsthand_imports(path: Path) -> list[tuple[int, str]]:
    """(line, part) of every import of firsthand code in a module, relative ones resolved."""
    package = list(path.relative_to(PACKAGE).parent.parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name.split(".") for alias in node.names]
            found += [(node.lineno, _target(n[1:])) for n in names if n[0] == "firsthand"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "firsthand":
                module = node.module.split(".")[1:]
            else:
                continue
            # `from . import x` names a submodule x, or an attribute of the package.
            targets = [module + [alias.name] for alias in node.names] if not module else [module]
            found += [(node.lineno, _target(t)) for t in targets]
    return found


def test_the_import_graph_is_resolved() -> None:
    """A guard on the checker itself: it sees the imports we know of."""
    assert {part for _, part in firsthand_imports(PACKAGE / "__main__.py")} == {"cli"}
    store = {part for _, part in firsthand_imports(PACKAGE / "store" / "store.py")}
    assert store == {"model", "store"}
    assert "read" in {part for _, part in firsthand_imports(PACKAGE / "pipeline" / "reader.py")}


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_stage_imports_a_later_one(path: Path) -> None:
    part = _part(path)
    if part in FRONT_ENDS or part == ROOT_PACKAGE:
        return
    assert part in ALLOWED, f"{part}/ is not a known stage: add it to ALLOWED and to docs/ARCHITECTURE.md"
    allowed = ALLOWED[part] | {part, ROOT_PACKAGE}
    wrong = [f"line {line}: imports {target or 'firsthand'}/" for line, target in firsthand_imports(path) if target not in allowed]
    assert not wrong, f"{path.relative_to(PACKAGE)} ({part}) may import only {sorted(ALLOWED[part])}: {wrong}"


def test_the_model_imports_only_the_standard_library() -> None:
    for path in (PACKAGE / "model").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            else:
                continue
            outside = [n for n in names if n.split(".")[0] not in sys.stdlib_module_names | {"__future__"}]
            assert not outside, f"{path.relative_to(PACKAGE)} imports {outside}: the model stays plain dataclasses"


def _defines_something(path: Path) -> bool:
    """Whether a package's __init__.py holds code of its own (not only a docstring and re-exports)."""
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            return True
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(not (isinstance(t, ast.Name) and t.id.startswith("__")) for t in targets):
                return True
    return False


def documented_modules(text: str) -> set[str]:
    """Module paths named in the table of ARCHITECTURE.md: in each row, the `x.py` names after the
    folder cell (`read/`, or `firsthand/` for the top) are taken relative to that folder."""
    named = set()
    for line in text.splitlines():
        cells = line.strip().strip("|").split("|") if line.startswith("|") else []
        at = next((i for i, cell in enumerate(cells) if re.fullmatch(r"\s*`[\w/]+/`\s*", cell)), None)
        if at is None:
            continue
        folder = cells[at].strip().strip("`").removeprefix("firsthand/")
        named |= {folder + name for name in re.findall(r"`([\w/]+\.py)`", "|".join(cells[at + 1 :]))}
    return named


def test_every_module_is_named_in_the_architecture_page() -> None:
    named = documented_modules(DOC.read_text("utf-8"))
    modules = {str(p.relative_to(PACKAGE)) for p in _modules() if p.name != "__init__.py" or _defines_something(p)}
    assert not modules - named, f"modules missing from docs/ARCHITECTURE.md: {sorted(modules - named)}"
    existing = {str(p.relative_to(PACKAGE)) for p in _modules()}
    assert not named - existing, f"docs/ARCHITECTURE.md names modules that do not exist: {sorted(named - existing)}"
