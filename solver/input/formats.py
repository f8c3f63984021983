"""Names the contract fixes once: the files of a scenario folder, the plan's columns, and the
apostrophe that keeps a spreadsheet from running a cell as a formula (written by
``solver.output``, undone when a plan is read back)."""

from __future__ import annotations

from pathlib import Path

REQUIRED_FILES = (
    "schools.csv",
    "organizations.csv",
    "memberships.csv",
    "teachers.csv",
    "demand.csv",
)
OPTIONAL_FILES = (
    "preferences.csv",
    "locked.csv",
    "reference_plan.csv",
    "distances.csv",
    "history.csv",
)

PLAN_FILE = "assignments.csv"
PLAN_COLUMNS = ("teacher_id", "year", "home_school_id", "host_school_id", "org_id")
"""The five contract columns of a plan (SPEC §3), in order."""


def plan_path(path: Path) -> Path:
    """The plan file: ``path`` itself, or ``assignments.csv`` inside an output folder."""
    path = Path(path)
    return path / PLAN_FILE if path.is_dir() else path


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these gets a leading apostrophe on output (SPEC §5)."""


def escape_formula(text: str) -> str:
    """``text`` as a cell a spreadsheet shows as text and never runs."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_formula(cell: str) -> str:
    """Undo ``escape_formula``: a plan we wrote reads back exactly."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
