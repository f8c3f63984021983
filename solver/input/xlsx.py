"""Excel workbooks in: a sheet read as the rows of a CSV table.

Planners keep rosters in .xlsx; openpyxl reads them without Excel. Numbers that Excel stores
as floats (2010.0) come back as the text a person typed (2010).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path

from solver.input.problems import InputError, Problem


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return str(value.year)
    return str(value)


def sheet_names(path: Path) -> list[str]:
    return list(workbook_cells(path))


def xlsx_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of one sheet: the named one, else the first."""
    sheets = workbook_cells(path)
    if not sheets:
        return
    rows = sheets[sheet] if sheet else next(iter(sheets.values()))
    yield from enumerate(rows, start=1)


def workbook_cells(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet's cells as text, read once per load of a scenario.

    openpyxl scans a whole workbook to size its sheets each time one is opened, so a workbook
    holding every table is parsed once and kept (until the file changes).
    """
    path = Path(path).resolve()
    return _read_workbook(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _read_workbook(path: Path, mtime_ns: int) -> dict[str, list[list[str]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError([Problem(path.name, f"is not a readable .xlsx workbook: {exc}")]) from None
    try:
        return {
            ws.title: [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            for ws in workbook.worksheets
        }
    finally:
        workbook.close()
