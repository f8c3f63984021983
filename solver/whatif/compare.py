"""Side by side: the KPIs of several plans or scenarios, for administrators choosing a policy.

An input is either a solved output folder (it has summary.json, which names its scenario and
the ``--set`` overrides used) or a scenario folder, which is solved first.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solver.audit import audit
from solver.input.loader import InputError, load_scenario
from solver.input.plan import PlanRow, as_plan_rows, read_plan
from solver.input.problems import Problem
from solver.scenario import Scenario
from solver.whatif.kpis import changed, places, plan_kpis

SUMMARY = "summary.json"


@dataclass
class Column:
    """One input of the comparison: its label, status, KPIs and where each teacher is."""

    label: str
    status: str
    scenario: Scenario
    rows: list[PlanRow]
    kpis: dict[str, object] = field(default_factory=dict)

    @property
    def places(self):
        return places(self.scenario, self.rows)


def read_summary(folder: Path) -> dict[str, Any]:
    path = folder / SUMMARY
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise InputError([Problem(str(path), f"cannot be read: {exc}")]) from None
    if not isinstance(data, dict) or "scenario_path" not in data:
        raise InputError(
            [Problem(str(path), "does not name its scenario folder", column="scenario_path")]
        )
    return data


def from_output(folder: Path) -> Column:
    """A solved output folder: its scenario (with the same overrides) and assignments.csv."""
    summary = read_summary(folder)
    scenario_path = folder / summary["scenario_path"]  # relative to the output folder
    scenario = load_scenario(scenario_path, summary.get("overrides", []))
    return Column(folder.name, str(summary.get("status", "")), scenario, read_plan(folder))


Solver = Callable[[Scenario], tuple[str, Sequence[Any]]]


def from_scenario(folder: Path, overrides: Sequence[str], solve: Solver) -> Column:
    scenario = load_scenario(folder, list(overrides))
    status, plan = solve(scenario)
    return Column(folder.name, status, scenario, as_plan_rows(plan))


def collect(inputs: Sequence[Path], overrides: Sequence[str], solve: Solver) -> list[Column]:
    """Read or solve every input and compute its KPIs; teacher-years changed vs the first."""
    columns = [
        from_output(p) if (p / SUMMARY).is_file() else from_scenario(p, overrides, solve)
        for p in inputs
    ]
    first = columns[0].places if columns else {}
    for column in columns:
        report = audit(column.scenario, column.rows)
        column.kpis = {
            "status": column.status,
            **plan_kpis(column.scenario, report),
            "changed_vs_first": len(changed(first, column.places)),
        }
    return columns


def kpi_names(columns: Sequence[Column]) -> list[str]:
    names: list[str] = []
    for column in columns:
        names += [k for k in column.kpis if k not in names]
    return names


def as_table(columns: Sequence[Column], fmt: str) -> str:
    """The KPI table, one row per KPI and one column per input."""
    header: list[object] = ["kpi", *(c.label for c in columns)]
    body: list[list[object]] = [
        [k, *(c.kpis.get(k, "") for c in columns)] for k in kpi_names(columns)
    ]
    if fmt == "json":
        return json.dumps({c.label: c.kpis for c in columns}, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([header, *body])
        return buffer.getvalue()
    if fmt == "markdown":
        lines = ["| " + " | ".join(map(str, header)) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in body]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in [header, *body]) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            str(v).ljust(w) if i == 0 else str(v).rjust(w)
            for i, (v, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *body]
    )


def teacher_diff(columns: Sequence[Column]) -> list[tuple[str, str, int, str, str]]:
    """(input, teacher, year, place in the first input, place in this one), every difference."""
    if not columns:
        return []
    first = columns[0].places
    return [(c.label, t, y, a, b) for c in columns[1:] for t, y, a, b in changed(first, c.places)]
