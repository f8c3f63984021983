"""What a solve stopped by the user writes: the solved parts, clearly partial (never a plan)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from solver.input.formats import PLAN_FILE
from solver.output.certificate import sha256_of
from solver.output.files import atomic_output_dir, write_csv, write_json
from solver.output.solve_set import (
    ASSIGNMENT_COLUMNS,
    VERSIONS,
    assignment_rows,
    input_hashes,
    relative_to_output,
)
from solver.scenario import Scenario
from solver.solving.result import Result

PARTIAL_PLAN = "assignments.partial.csv"
"""Where a stopped solve writes the rows of the parts it solved: never ``assignments.csv``, so no
tool reads an incomplete plan as a plan (``solve --hint`` reads it to resume)."""


def partial_folder(out: Path) -> Path:
    """Where a stopped solve's partial output goes: OUT itself, unless OUT already holds a
    complete plan (``--force`` over an earlier output): then ``OUT.partial`` beside it, so a
    partial result never replaces a complete one (issue 19.4)."""
    out = Path(out)
    if (out / PLAN_FILE).is_file():
        return out.with_name(f"{out.name}.partial")
    return out


def write_partial(
    out: Path,
    scenario: Scenario,
    result: Result,
    input_files: Mapping[str, Path],
    *,
    overrides: Sequence[str] = (),
    force: bool = False,
    scenario_folder: Path | None = None,
    protected: Sequence[Path] = (),
) -> None:
    """What a solve stopped by the user (a second Ctrl-C) had solved, written to
    ``partial_folder(out)``: the rows of the parts
    with a plan in ``assignments.partial.csv`` and a summary.json whose status is ``partial``,
    listing the parts without a plan. No compliance.csv or certificate: this is not a plan of
    the scenario (the parts left out break its rules), only a start for ``solve --hint``.
    """
    out = partial_folder(out)
    with atomic_output_dir(out, force, protected) as folder:
        write_csv(folder / PARTIAL_PLAN, ASSIGNMENT_COLUMNS, assignment_rows(scenario, result.plan))
        write_json(
            folder / "summary.json",
            {
                "scenario": scenario.info.name,
                "scenario_path": relative_to_output(scenario_folder, out),
                **result.to_dict(),
                "note": f"partial: stopped before every part had a plan; the rows in "
                f"{PARTIAL_PLAN} cover only the parts solved (cost and terms are theirs). "
                "Resume with: rotation solve SCENARIO -o OUT --hint "
                f"{Path(out).name}/{PARTIAL_PLAN}",
                **VERSIONS,
                "overrides": list(overrides),
                "input_files": input_hashes(input_files),
                "assignments_sha256": sha256_of(folder / PARTIAL_PLAN),
            },
        )
