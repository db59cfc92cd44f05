"""A digest of everything firsthand outputs for a fixed corpus, through the `firsthand` command
only, so that it means the same before and after a change in the code's structure.

    python -m bench.digest OUT_DIR [--reuters reut2-000.sgm]   # prints one hash per output

The corpus is the seed reports (seeds.jsonl) and one Reuters-21578 file (925 stories). Every
output is hashed: the store (`Store.digest()`), the listings (`reports`, `claims`, `events`,
as JSON), the dossier (Markdown and HTML) and each export format. Run it on the commit before
a refactor and after; the two listings must be the same line for line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from bench.common import shared_path

FORMATS = ("json", "jsonl", "csv", "stix", "ftm", "plover")


def _firsthand(*args: str) -> bytes:
    command = [str(Path(sys.executable).parent / "firsthand"), *args]
    return subprocess.run(command, check=True, capture_output=True).stdout


def _hash_path(path: Path) -> str:
    hasher = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        hasher.update(str(file.relative_to(path) if path.is_dir() else file.name).encode() + b"\0")
        hasher.update(file.read_bytes())
    return hasher.hexdigest()[:16]


def _stix_stable(path: Path) -> None:
    """A STIX bundle's id and creation times are new on every export: blank them before hashing."""
    bundle = json.loads(path.read_text(encoding="utf-8"))
    bundle["id"] = ""
    for item in bundle.get("objects", []):
        item.pop("created", None)
        item.pop("modified", None)
    path.write_text(json.dumps(bundle, sort_keys=True), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reuters", default="reut2-000.sgm", help="one Reuters-21578 file, or '' for the seeds only")
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    db = str(args.out / "digest.sqlite")
    inputs = [str(shared_path("seeds", "seeds.jsonl"))]
    if args.reuters:
        inputs.append(str(shared_path("reuters21578", args.reuters)))
    _firsthand("build", *inputs, "--db", db, "--out", str(args.out / "dossier"))
    digests = {"store": subprocess.run(
        [sys.executable, "-c", "import sys; from firsthand.store import Store; print(Store(sys.argv[1]).digest())", db],
        check=True, capture_output=True, text=True).stdout.strip()[:16]}
    for name, command in (("reports", ["reports", "--json"]), ("claims", ["claims", "--json"]), ("events", ["events", "--json"])):
        (args.out / f"{name}.txt").write_bytes(_firsthand(*command, "--db", db))
        digests[name] = _hash_path(args.out / f"{name}.txt")
    digests["dossier.md"] = _hash_path(args.out / "dossier" / "dossier.md")
    digests["dossier.html"] = _hash_path(args.out / "dossier" / "dossier.html")
    for fmt in FORMATS:
        target = args.out / "exports" / fmt
        _firsthand("export", "--db", db, "--format", fmt, "--out", str(target))
        if fmt == "stix":
            _stix_stable(target)
        digests[f"export.{fmt}"] = _hash_path(target)
    print(json.dumps(digests, indent=1))


if __name__ == "__main__":
    main()
