"""Formula cells of a workbook that hold no calculated value.

A workbook stores each formula beside the value it last calculated. Excel and WPS calculate
before they save; a script (openpyxl, pandas) writes the formula alone. Calamine reads such a
cell as blank, which would silently turn ``=1960+25`` into "no birth_year" (issue 19). Reading
the sheet's XML finds them, so the loader can refuse them with sheet, row and column.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")


@dataclass(frozen=True)
class FormulaCell:
    """A formula cell without a value: its reference (``H8``), row (1-based), column
    (0-based, as in a row of cells) and formula text (empty for a shared formula's copy)."""

    ref: str
    row: int
    column: int
    formula: str


def uncalculated_formulas(path: Path) -> dict[str, list[FormulaCell]]:
    """Every sheet's formula cells that hold no calculated value, by sheet name."""
    path = Path(path).resolve()
    return _uncalculated(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _uncalculated(path: Path, mtime_ns: int) -> dict[str, list[FormulaCell]]:
    try:
        with zipfile.ZipFile(path) as workbook:
            found = {}
            for name, part in sheet_parts(workbook).items():
                xml = workbook.read(part)
                if b"<f" not in xml and b":f" not in xml:  # no formula at all: the usual case
                    continue
                cells = blind_cells(xml)
                if cells:
                    found[name] = cells
            return found
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        return {}  # calamine has read the workbook, or reports it as unreadable


def sheet_parts(workbook: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding that sheet's XML."""
    sheets = ElementTree.fromstring(workbook.read("xl/workbook.xml")).iter(f"{MAIN}sheet")
    rels = ElementTree.fromstring(workbook.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(PACKAGE_RELS)}
    parts = {}
    for sheet in sheets:
        target = targets.get(sheet.get(RELATIONSHIP), "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            parts[sheet.get("name", "")] = posixpath.normpath(part)
    return parts


def blind_cells(xml: bytes) -> list[FormulaCell]:
    """The ``<c>`` elements with an ``<f>`` and no (or an empty) ``<v>``. A ``t="str"`` cell
    with an empty value is a formula whose result is the empty text: calculated, and blank."""
    cells = []
    for cell in ElementTree.fromstring(xml).iter(f"{MAIN}c"):
        formula = cell.find(f"{MAIN}f")
        if formula is None:
            continue
        value = cell.find(f"{MAIN}v")
        if value is not None and (value.text or cell.get("t") == "str"):
            continue
        match = CELL_REF.match(cell.get("r", ""))
        if match is None:
            continue
        letters, row = match.groups()
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - ord("A") + 1
        cells.append(FormulaCell(match.group(0), int(row), column - 1, formula.text or ""))
    return cells
