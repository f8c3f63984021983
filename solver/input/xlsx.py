"""Excel workbooks in: a sheet read as the rows of a CSV table.

Planners keep rosters in .xlsx; python-calamine reads them without Excel. Numbers that Excel
stores as floats (2010.0) come back as the text a person typed (2010).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path

from solver.input.aliases import canonical_column
from solver.input.formulas import FormulaCell, uncalculated_formulas
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
    """(row number, cells) of one sheet: the named one, else the first.

    Raises ``InputError`` for every formula cell of the sheet that holds no calculated value:
    calamine would read it as blank, and a blank birth_year silently loses an age exemption."""
    sheets = workbook_cells(path)
    if not sheets:
        return
    name = sheet or next(iter(sheets))
    rows = sheets[name]
    blind = uncalculated_formulas(path).get(name)
    if blind:
        raise InputError([formula_problem(path, name, rows, cell) for cell in blind])
    yield from enumerate(rows, start=1)


def formula_problem(path: Path, sheet: str, rows: list[list[str]], cell: FormulaCell) -> Problem:
    header = next((r for r in rows if any(r)), [])
    column = header[cell.column] if cell.column < len(header) and header[cell.column] else None
    formula = f"the formula ={cell.formula}" if cell.formula else "a shared formula"
    return Problem(
        f"{path.name}[{sheet}]",
        f"cell {cell.ref} holds {formula} but no calculated value (written by a script and "
        "never calculated); open and save the workbook in Excel or WPS, or type the value",
        cell.row,
        canonical_column(column) if column else None,
    )


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
