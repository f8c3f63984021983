"""OUT of ``rotation repair``: ``repairs.csv`` (SPEC §9) and one folder per repair,
``OUT/repair-N``, that ``extends`` the original scenario and carries the one change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from solver.output.files import atomic_output_dir, write_csv
from solver.repair.search import Repair
from solver.repair.variant import write_variant

REPAIRS_FILE = "repairs.csv"
REPAIRS_COLUMNS = (
    "repair", "scope", "target", "setting", "before", "after", "minimal", "status", "cost",
    "folder",
)  # fmt: skip


def folder_name(n: int) -> str:
    return f"repair-{n}"


def repair_row(n: int, repair: Repair) -> list[object]:
    knob = repair.knob
    after = "" if knob.kind == "locked" else repair.after
    return [
        n, knob.scope, knob.target, knob.setting, _text(knob.before), _text(after),
        repair.minimal, repair.status, repair.cost, folder_name(n),
    ]  # fmt: skip


def _text(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, int) else str(value)


def write_repairs(
    out: Path,
    original: Path,
    sets: Sequence[str],
    repairs: Sequence[Repair],
    force: bool,
    protected: Iterable[Path],
) -> None:
    """Write OUT atomically: nothing of it appears unless all of it is written."""
    with atomic_output_dir(out, force, protected) as tmp:
        for n, repair in enumerate(repairs, start=1):
            folder = tmp / folder_name(n)
            folder.mkdir()
            # ``extends`` is relative; the temporary folder is OUT's sibling, so it holds for OUT
            write_variant(folder, original, sets, repair.knob, repair.after)
        rows = [repair_row(n, r) for n, r in enumerate(repairs, start=1)]
        write_csv(tmp / REPAIRS_FILE, REPAIRS_COLUMNS, rows)
