"""A repaired scenario as a folder: ``extends`` the original and carries only the change.

The search probes exactly what it writes: each probe is such a folder, loaded by the ordinary
loader, so ``OUT/repair-N`` plans as it is (the ``--set`` values of the run are written into
its scenario.toml, the changed table is the original's with one cell or row changed).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from solver.input.aliases import canonical_column
from solver.input.settings import SETTINGS_FILE, merge, parse_override, resolve_chain
from solver.input.tables import csv_rows
from solver.repair.knobs import Knob

TABLE_OF_KIND = {
    "org": "organizations.csv",
    "school": "schools.csv",
    "demand": "demand.csv",
    "exempt": "teachers.csv",
    "locked": "locked.csv",
}


class NotWritable(Exception):
    """The table a knob changes is not a plain CSV (a workbook sheet): no repair folder."""


def writable(knob: Knob, original: Path) -> bool:
    """Whether a variant of ``knob`` can be written (its table is a CSV of the chain)."""
    if knob.kind == "setting":
        return True
    source = resolve_chain(original).find(TABLE_OF_KIND[knob.kind])
    return source is not None and source.sheet is None and source.path.suffix == ".csv"


def write_variant(
    folder: Path, original: Path, sets: Sequence[str], knob: Knob, value: object
) -> None:
    """Write into ``folder`` (existing, empty) the original with ``knob`` set to ``value``."""
    settings: dict[str, Any] = {}
    for text in sets:
        path, raw = parse_override(text)
        settings = merge(settings, _nested(path, raw))
    if knob.kind == "setting":
        settings = merge(settings, _nested(knob.setting.split("."), value))
    else:
        _write_table(folder, original, knob, value)
    parent = os.path.relpath(Path(original).resolve(), Path(folder).resolve())
    text = f"extends = {json.dumps(Path(parent).as_posix(), ensure_ascii=False)}\n"
    text += _toml(settings)
    (folder / SETTINGS_FILE).write_text(text, encoding="utf-8")


def _nested(path: Sequence[str], value: object) -> dict[str, Any]:
    patch: dict[str, Any] = {path[-1]: value}
    for part in reversed(path[:-1]):
        patch = {part: patch}
    return patch


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _toml(settings: Mapping[str, Any], prefix: str = "") -> str:
    """Tables of scalars as TOML, a table's own keys before its sub-tables."""
    plain = {k: v for k, v in settings.items() if not isinstance(v, Mapping)}
    text = ""
    if plain and prefix:
        text += f"\n[{prefix}]\n"
    text += "".join(f"{k} = {_toml_value(v)}\n" for k, v in plain.items())
    for key, value in settings.items():
        if isinstance(value, Mapping):
            text += _toml(value, f"{prefix}.{key}" if prefix else key)
    return text


def _write_table(folder: Path, original: Path, knob: Knob, value: object) -> None:
    """The knob's table with its one cell (or, for a lock, its one row) changed."""
    name = TABLE_OF_KIND[knob.kind]
    source = resolve_chain(original).find(name)
    if source is None or source.sheet is not None or source.path.suffix != ".csv":
        raise NotWritable(name)
    lines = [cells for _, cells in csv_rows(source.path, name)]
    header, rows = lines[0], [r for r in lines[1:] if any(c.strip() for c in r)]
    columns = [canonical_column(h) for h in header]

    def cell(row: list[str], column: str) -> str:
        return row[columns.index(column)].strip() if column in columns else ""

    def put(row: list[str], column: str, text: str) -> None:
        if column not in columns:
            header.append(column)
            columns.append(column)
            for r in rows:
                r.append("")
        while len(row) < len(header):
            row.append("")
        row[columns.index(column)] = text

    if knob.kind == "locked":
        rows = [
            r
            for r in rows
            if not (cell(r, "teacher_id") == knob.target and cell(r, "year") == str(knob.year))
        ]
    else:
        key = {"org": "org_id", "school": "school_id", "demand": "school_id"}.get(
            knob.kind, "teacher_id"
        )
        for row in rows:
            if cell(row, key) != knob.target:
                continue
            if knob.kind == "demand" and cell(row, "subject") != knob.subject:
                continue
            if knob.kind == "exempt":
                put(row, "exempt", "false")
                for column in ("exempt_from", "exempt_until"):
                    if column in columns:
                        put(row, column, "")
            else:
                put(row, knob.setting, _toml_value(value).strip('"'))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    (folder / name).write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
