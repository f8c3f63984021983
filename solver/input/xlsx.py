"""Excel workbooks in: a sheet read as the rows of a CSV table.

Planners keep rosters in .xlsx; python-calamine reads them without Excel. Numbers that Excel
stores as floats (2010.0) come back as the text a person typed (2010).
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
    """Every sheet's cells as text, read once per load of a scenario (until the file changes)."""
    path = Path(path).resolve()
    return _read_workbook(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _read_workbook(path: Path, mtime_ns: int) -> dict[str, list[list[str]]]:
    """python-calamine (Rust) reads a workbook about ten times faster than openpyxl, which
    stays for writing. Every sheet starts at A1 (``skip_empty_area=False``), so row numbers
    in messages are the spreadsheet's."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several kinds for a broken file
        raise InputError([Problem(path.name, f"is not a readable .xlsx workbook: {exc}")]) from None
    try:
        sheets = {
            name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in workbook.sheet_names
        }
    except Exception as exc:
        raise InputError([Problem(path.name, f"is not a readable .xlsx workbook: {exc}")]) from None
    finally:
        workbook.close()
    return {name: [[cell_text(v) for v in row] for row in rows] for name, rows in sheets.items()}
