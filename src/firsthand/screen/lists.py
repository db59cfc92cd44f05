"""Sanctions lists read from the files users have: the UN Security Council consolidated list (XML),
the US OFAC SDN list (legacy CSV: no header, 12 columns, Latin-1, IMO numbers in the remarks) and
FollowTheMoney line-delimited JSON (OpenSanctions). Each file is one dated version of a list."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from followthemoney import model
from followthemoney.proxy import EntityProxy
from rigour.ids import IMO

from ..model.screening import ListEntry, SanctionsList

UN_SERIES = "UN Security Council consolidated list"
OFAC_SERIES = "OFAC SDN"
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_EMPTY = "-0-"
# The remarks' aliases: a.k.a. 'X', f.k.a. 'X', n.k.a. 'X' (quoted with straight or curly quotes).
_OFAC_ALIAS = re.compile(r"\b[afn]\.k\.a\. ['‘’]([^'‘’]+)['‘’]")
_OFAC_DOB = re.compile(r"\bDOB (?:circa )?((?:\d{2} [A-Z][a-z]{2} )?\d{4})")
_OFAC_IMO = re.compile(r"\bIMO (\d{7})\b")
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna)$", re.IGNORECASE)
_OFAC_KINDS = {"individual": "person", "vessel": "vessel", "aircraft": "other"}
_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}


class ListError(ValueError):
    """A list file that cannot be read as any of the formats, or lacks a date; the message names it."""


def list_id(series: str, date: str) -> str:
    return f"{re.sub(r'[^a-z0-9]+', '-', series.lower()).strip('-')}@{date}"


def read_list(path: Path, date: str | None = None, series: str | None = None) -> tuple[SanctionsList, list[ListEntry]]:
    """One list file → its version and entries, the format told by the content. `date` (ISO) is for a
    file that does not carry its own (OFAC's, unless the file name has one; FtM's); `series` names
    a FtM list (default: the file's name)."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if b"<CONSOLIDATED_LIST" in head:
        return _un(path)
    if head.lstrip().startswith(b"{"):
        return _ftm(path, _date(path, date), series or path.stem.split(".")[0])
    if re.match(rb'\d+,"', head):
        return _ofac(path, _date(path, date))
    raise ListError(f"{path}: not a UN consolidated list (XML), an OFAC SDN CSV, or FollowTheMoney JSON lines")


def _date(path: Path, date: str | None) -> str:
    found = date or next(iter(_ISO_DATE.findall(path.name)), None)
    if found is None or not _ISO_DATE.fullmatch(found):
        raise ListError(f"{path}: the list's date is neither in its file name nor given (--date YYYY-MM-DD)")
    return found


def _un(path: Path) -> tuple[SanctionsList, list[ListEntry]]:
    root = ET.parse(path).getroot()
    generated = _ISO_DATE.match(root.get("dateGenerated", ""))
    if generated is None:
        raise ListError(f"{path}: the UN list has no dateGenerated")
    version = SanctionsList(list_id(UN_SERIES, generated.group(1)), UN_SERIES, generated.group(1), str(path), "un-xml")
    entries = [_un_entry(node, "person") for node in root.iter("INDIVIDUAL")]
    entries += [_un_entry(node, "organization") for node in root.iter("ENTITY")]
    return version, entries


def _text(node: ET.Element, path: str) -> str:
    return " ".join((node.findtext(path) or "").split())


def _un_entry(node: ET.Element, kind: str) -> ListEntry:
    name = " ".join(filter(None, (_text(node, tag) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"))))
    aliases: list[str] = []
    weak: list[str] = []
    for alias in node.iter("INDIVIDUAL_ALIAS" if kind == "person" else "ENTITY_ALIAS"):
        text = _text(alias, "ALIAS_NAME").strip("\"'“”‘’ ")  # the list quotes some: '"KOMID"'
        # The list grades its aliases: a "Low" quality one is too broad to identify anyone alone.
        (weak if _text(alias, "QUALITY") == "Low" else aliases).append(text)
    original = _text(node, "NAME_ORIGINAL_SCRIPT")
    births = [_text(d, "DATE") or _text(d, "YEAR") for d in node.iter("INDIVIDUAL_DATE_OF_BIRTH")]
    return ListEntry(
        entry_id=_text(node, "REFERENCE_NUMBER"), kind=kind, name=name,
        aliases=tuple(dict.fromkeys(a for a in (*aliases, original) if a and a != name)),
        weak_aliases=tuple(dict.fromkeys(a for a in weak if a)),
        programmes=(_text(node, "UN_LIST_TYPE"),), listed_on=_text(node, "LISTED_ON")[:10] or None,
        birth_dates=tuple(b for b in births if b), countries=tuple(_text(v, ".") for v in node.findall("NATIONALITY/VALUE")),
    )


def _ofac(path: Path, date: str) -> tuple[SanctionsList, list[ListEntry]]:
    version = SanctionsList(list_id(OFAC_SERIES, date), OFAC_SERIES, date, str(path), "ofac-csv")
    with path.open(encoding="latin-1", newline="") as handle:
        rows = [row for row in csv.reader(handle) if len(row) >= 12]
    if not rows:
        raise ListError(f"{path}: no OFAC SDN rows (12 columns, no header)")
    return version, [_ofac_entry(row) for row in rows]


def _field(value: str) -> str:
    value = value.strip()
    return "" if value == _EMPTY else value


def _reordered(name: str, kind: str) -> list[str]:
    """OFAC writes a person "SURNAME, Given": reports write "Given SURNAME", and leave out an East
    Slavic patronymic (Vladimir Putin for "PUTIN, Vladimir Vladimirovich"); other second given
    names stay (Korean "Jong Man" is one name in two parts)."""
    if kind != "person" or name.count(",") != 1:
        return []
    surname, given = (part.strip() for part in name.split(","))
    if not (surname and given):
        return []
    parts = given.split()
    short = [f"{parts[0]} {surname}"] if len(parts) == 2 and _PATRONYMIC.search(parts[1]) else []
    return [f"{given} {surname}", *short]


def _ofac_entry(row: list[str]) -> ListEntry:
    number, name, sdn_type, programme, *_, remarks = (_field(value) for value in row[:12])
    kind = _OFAC_KINDS.get(sdn_type, "organization")
    listed = [name, *_OFAC_ALIAS.findall(remarks)]
    aliases = [alias for n in listed for alias in (n, *_reordered(n, kind))]
    imo = next((m for m in _OFAC_IMO.findall(remarks) if IMO.is_valid_vessel(m)), None) if kind == "vessel" else None
    return ListEntry(
        entry_id=number, kind=kind, name=name, aliases=tuple(dict.fromkeys(a for a in aliases if a != name)),
        programmes=tuple(p.strip("[] ") for p in programme.split("] [") if p.strip("[] ")),
        imo=imo, birth_dates=tuple(_ofac_date(d) for d in _OFAC_DOB.findall(remarks)),
    )


def _ofac_date(text: str) -> str:
    parts = text.split()
    return f"{parts[2]}-{_MONTHS.get(parts[1], 0):02d}-{parts[0]}" if len(parts) == 3 else text


_FTM_KINDS = {"Person": "person", "Organization": "organization", "Company": "organization",
              "LegalEntity": "organization", "PublicBody": "organization", "Vessel": "vessel"}


def _ftm(path: Path, date: str, series: str) -> tuple[SanctionsList, list[ListEntry]]:
    version = SanctionsList(list_id(series, date), series, date, str(path), "ftm")
    proxies = list(_proxies(path))
    # A Sanction entity says under which programme and since when its target is listed.
    sanctions: dict[str, list[EntityProxy]] = {}
    for proxy in proxies:
        if proxy.schema.name == "Sanction":
            for target in proxy.get("entity"):
                sanctions.setdefault(target, []).append(proxy)
    return version, [_ftm_entry(p, sanctions.get(p.id or "", [])) for p in proxies if p.schema.name in _FTM_KINDS]


def _proxies(path: Path) -> Iterator[EntityProxy]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield model.get_proxy(json.loads(line))
                except (ValueError, KeyError, TypeError) as error:
                    raise ListError(f"{path}:{number}: not a FollowTheMoney entity ({error})") from error


def _ftm_entry(proxy: EntityProxy, sanctions: list[EntityProxy]) -> ListEntry:
    names = proxy.get("name")
    name = proxy.caption if proxy.caption in names or not names else names[0]
    aliases = [n for prop in ("name", "alias", "previousName") for n in proxy.get(prop, quiet=True) if n != name]
    programmes = [p for s in sanctions for p in (*s.get("programId"), *s.get("program"))] or proxy.get("program", quiet=True)
    starts = sorted(d for s in sanctions for d in s.get("startDate")) or sorted(proxy.get("createdAt", quiet=True))
    imo = next((v for v in proxy.get("imoNumber", quiet=True) if IMO.is_valid_vessel(v)), None)
    return ListEntry(
        entry_id=proxy.id or name, kind=_FTM_KINDS[proxy.schema.name], name=name,
        aliases=tuple(dict.fromkeys(aliases)), weak_aliases=tuple(proxy.get("weakAlias", quiet=True)),
        programmes=tuple(dict.fromkeys(programmes)), listed_on=starts[0][:10] if starts else None,
        imo=IMO.normalize(imo) if imo else None, birth_dates=tuple(proxy.get("birthDate", quiet=True)),
        countries=tuple(proxy.get("nationality", quiet=True) or proxy.get("country", quiet=True)),
    )
