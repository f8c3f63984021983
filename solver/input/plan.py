"""Reading a plan (SPEC §3): ours, or one a person made by hand in a spreadsheet.

A plan's *content* is never an input error: unknown ids, repeated rows, years outside the cycle
are findings of the audit (rule H1), reported with the plan's line number. Only a file that cannot
be read as a plan at all (not CSV text, a required column missing, a year that is not a whole
number) is an ``InputError`` naming file, row and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from solver.input.formats import PLAN_COLUMNS, PLAN_FILE, plan_path, unescape_formula
from solver.input.loader import InputError, Problem, read_table
from solver.input.tables import CellError, missing_column, parse_int
from solver.scenario import Assignment


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One row of a plan: a teacher away from home for one year, as the plan states it.

    ``line`` is the row's line in the plan file (``None`` for a plan made in memory), so an
    auditor can find it in the spreadsheet.
    """

    teacher_id: str
    year: int
    home_school_id: str
    host_school_id: str
    org_id: str
    line: int | None = None
    # The optional name column, checked against teachers.csv (a warning, docs/audit.md); not
    # part of what the row says about the plan, so rows compare equal without it.
    name: str | None = field(default=None, compare=False)

    def assignment(self) -> Assignment:
        """What the row says about the plan, as the solver takes it (a hint, a fixed row)."""
        return Assignment(
            teacher_id=self.teacher_id,
            year=self.year,
            home_school_id=self.home_school_id,
            host_school_id=self.host_school_id,
            org_id=self.org_id,
        )


def read_plan(path: Path) -> list[PlanRow]:
    """Read a plan CSV (or a folder holding ``assignments.csv``) into rows, in file order.

    Parameters
    ----------
    path
        The plan file, or an output folder that holds ``assignments.csv``. UTF-8 with or
        without BOM and GBK are accepted; blank lines are skipped; extra columns are ignored.

    Returns
    -------
    list[PlanRow]
        Every row with its line number, duplicates and unknown ids included: judging them is
        the audit's job (H1).

    Raises
    ------
    InputError
        When the file is missing or unreadable, a required column is missing, or a year is not
        a whole number; each problem names file, row and column.
    """
    file = plan_path(path)
    if not file.is_file():
        where = f"{path} holds no {PLAN_FILE}" if Path(path).is_dir() else f"{file} not found"
        raise InputError([Problem(str(file), f"no plan to read: {where}")])
    table = read_table(file, display=str(file))
    missing = [c for c in PLAN_COLUMNS if c not in table.columns]
    if missing:
        raise InputError(
            [
                Problem(str(file), missing_column(column, table.columns), 1, column)
                for column in missing
            ]
        )
    rows: list[PlanRow] = []
    problems: list[Problem] = []
    for line, cells in table.rows:
        values = {c: unescape_formula(cells.get(c, "")) for c in PLAN_COLUMNS}
        try:
            year = parse_int(values["year"])
        except CellError as exc:
            problems.append(Problem(str(file), str(exc), line, "year"))
            continue
        rows.append(
            PlanRow(
                values["teacher_id"],
                year,
                values["home_school_id"],
                values["host_school_id"],
                values["org_id"],
                line,
                unescape_formula(cells.get("name", "")) or None,
            )
        )
    if problems:
        raise InputError(problems)
    return rows


def as_plan_rows(plan: Iterable[PlanRow | Assignment]) -> list[PlanRow]:
    """Plan rows from ``read_plan`` or the solver's ``Assignment`` objects, in order."""
    return [
        row
        if isinstance(row, PlanRow)
        else PlanRow(row.teacher_id, row.year, row.home_school_id, row.host_school_id, row.org_id)
        for row in plan
    ]
